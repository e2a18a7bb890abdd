"""Prose: markup removed, whitespace folded, every character mapped back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.parse import prose
from policylint.parse.source import Source
from tests.conftest import parse_text


def _whole(text: str) -> prose.Prose:
    src = Source.from_text("f", text)
    pieces = [
        (src.line_starts[i], src.line_starts[i] + len(src.line_text(i)))
        for i in range(src.line_count)
    ]
    return prose.build(src, pieces)


@pytest.mark.parametrize(
    ("markdown", "folded"),
    [
        ("the **Information**\nCommissioner’s _Office_", "the Information Commissioner’s Office"),
        (
            "see [our form](https://acme.example/contact) now",
            "see our form https://acme.example/contact now",
        ),
        ("mail <privacy@acme.example>", "mail privacy@acme.example"),
        ("keep `first_last@acme.example` intact", "keep first_last@acme.example intact"),
        ("a <!-- hidden --> b", "a b"),
        ("  • Names and contact details", "Names and contact details"),
        ("· Addresses", "Addresses"),
        ("o We collect data", "We collect data"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("the Commissioner&#39;s Office &rsquo;", "the Commissioner's Office ’"),
        ("&bogus; and &#x41;", "&bogus; and A"),
        ("on <b>31/05/21</b>.<br>Next", "on 31/05/21. Next"),
        ('<a href="mailto:x@y.example">write</a>', "mailto:x@y.example write"),
        ("<A HREF='/contact'>form</A>", "/contact form"),
        ("[Acme&#8217;s terms](https://a.example)", "Acme’s terms https://a.example"),
        ("[mail us](<mailto:x@y.example?subject=Hi>)", "mail us mailto:x@y.example?subject=Hi"),
        ("the UK GDPR[^1].\n{: .lead }", "the UK GDPR."),
        ("{% if page.x %}Text{%- endif %} {#top}", "Text"),
        ("Term\n: its meaning", "Term its meaning"),
        ("first line\\\nsecond", "first line second"),
        ("**Note**: `a@b.example`", "Note: a@b.example"),
        ("[Get in touch][form].", "Get in touch."),
        ("line one  \nline\ttwo\u00a0three", "line one line two three"),
    ],
)
def test_markup_is_removed_and_whitespace_folded(markdown: str, folded: str) -> None:
    assert _whole(markdown).text == folded


def test_match_across_a_hard_line_break_maps_to_both_lines() -> None:
    text = "complain to the Information\nCommissioners Office today"
    p = _whole(text)
    start = p.text.index("Information Commissioners Office")
    loc = p.location(start, start + len("Information Commissioners Office"))
    assert (loc.line, loc.column) == (0, 16)
    assert (loc.end_line, loc.end_column) == (1, 20)


def test_offsets_skip_removed_markup() -> None:
    p = _whole("Email **privacy@acme.example** now")
    start = p.text.index("privacy@")
    loc = p.location(start, start + len("privacy@acme.example"))
    assert (loc.line, loc.column, loc.end_column) == (0, 8, 28)


def test_block_prose_maps_into_the_file_past_list_markers_and_quotes() -> None:
    doc = parse_text("# T\n\n- first item\n  with **more**\n\n> quoted text\n> here\n")
    item, quote = doc.blocks[1], doc.blocks[2]
    assert (item.kind, item.text, quote.kind, quote.text) == (
        "list_item",
        "first item with more",
        "quote",
        "quoted text here",
    )
    start = item.text.index("more")
    assert item.prose.location(start, start + 4).line == 3
    assert quote.prose.location(quote.text.index("here"), quote.text.index("here") + 4).column == 2


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from(list("ab .,'<*_`&[\\o•\t\u00a0\u2003é\x01:{")), max_size=12),
        min_size=1,
        max_size=4,
    )
)
def test_fast_path_agrees_with_the_general_path(lines: list[str]) -> None:
    """Plain lines take a shortcut; where it applies, text and map are the same."""
    src = Source.from_text("f", "\n".join(lines))
    pieces = [
        (src.line_starts[i], src.line_starts[i] + len(src.line_text(i)))
        for i in range(src.line_count)
    ]
    fast = prose._plain(src, pieces, table=False)
    if fast is None:
        return
    general = prose._general(src, pieces, table=False)
    assert fast.text == general.text
    assert [fast.offset(i) for i in range(len(fast.text))] == [
        general.offset(i) for i in range(len(general.text))
    ]


def test_removed_markup_maps_the_joined_text_back_to_the_file() -> None:
    text = "Email <b>pa&#39;s</b>@x.example"
    built = _whole(text)
    assert built.text == "Email pa's@x.example"
    assert [text[built.offset(i)] for i in range(len(built.text))] == list("Email pa&s@x.example")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab <>!/[]()`*_~\\&#;{}%:.\no•=\"'")), max_size=40))
def test_the_gate_never_changes_what_markup_matches(text: str) -> None:
    """The first-character gate on the markup pattern only skips, never changes, matches."""
    plain = re.compile(prose._MARKUP_PATTERN, re.VERBOSE | re.DOTALL)
    assert prose._markup().sub(prose._blank, text) == plain.sub(prose._blank, text)


def test_a_day_before_a_month_name_ends_no_sentence() -> None:
    text = "Stand 26. Mai 2026. Es gilt ab 1. Oktober. Wir zählen 26. Dann endet er."
    spans = prose.sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Stand 26. Mai 2026.",
        "Es gilt ab 1. Oktober.",
        "Wir zählen 26.",
        "Dann endet er.",
    ]
    text = "Es wurde am 3. Mai geändert. Es gilt vom 1. Januar bis 31. Dezember."
    assert [text[a:b] for a, b in prose.sentence_spans(text)] == [
        "Es wurde am 3. Mai geändert.",
        "Es gilt vom 1. Januar bis 31. Dezember.",
    ]
    # a month's name that is also a word ("May we ...") after a numbered step still splits
    text = "Read step 2. May we also ask you to read step 3."
    assert [text[a:b] for a, b in prose.sentence_spans(text)] == [
        "Read step 2.",
        "May we also ask you to read step 3.",
    ]
