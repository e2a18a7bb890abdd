"""The block scanner: skipping rules that cannot fire leaves the tokens unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.parse import blocks
from tests.conftest import FIXTURES

# Lines of every block construct, each with and without the character its
# rule needs, so texts lack some marks while holding other constructs (an
# ordered list with no "-", a setext heading with no "#", ...).
LINES = [
    "Privacy notice", "===", "---", "***", "___", "- item", "* item", "+ item", "1. item",
    "2) item", "    indented code", "\tcode", "```", "~~~", "```python", "> quoted", ">> nested",
    "> - quoted item", "| a | b |", "|---|---|", "a | b", "--- | ---", "# Title", "## Who we are",
    "#hashtag", "<div>", "<!-- comment -->", "<p>text</p>", "[ref]: https://example.org",
    "[multi", "line]: /url", "Plain text that wraps", "and carries on.", "", "", "  ", "   - deep",
    "Term:", "  continued", "1.", "10. Complaints",
    "- ***", "* * *", "_ _ _", " -  -\t- ", "-", "*", "+", "- -", "1)", "2.\tTabbed", "  ===  ",
    ">---", "> ===", "  - ---", "1234567890. too long", "a - b", "word-", "under_", "rating *",
    "email\rcarriage", "line\r\n---", "x\r===", "Foo  \t", "\t- tabbed item", "> > 1. deep",
]  # fmt: skip
texts = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)


def tokens(text: str, skip: tuple[str, ...]) -> list[tuple[object, ...]]:
    parsed = blocks.parser(skip).parse(text)
    return [(t.type, t.map, t.content, t.markup, t.info, t.tag, t.level) for t in parsed]


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_skipped_rules_give_the_same_tokens(text: str) -> None:
    assert tokens(text, blocks.impossible_rules(text)) == tokens(text, ())


def test_fixtures_give_the_same_tokens() -> None:
    for path in sorted(FIXTURES.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert tokens(text, blocks.impossible_rules(text)) == tokens(text, ()), path


def test_only_rules_whose_marks_are_absent_are_skipped() -> None:
    text = "# Title\n\nA | B\n\n- item\n"
    assert blocks.impossible_rules(text) == (
        "fence", "blockquote", "html_block", "reference", "hr", "lheading"
    )  # fmt: skip
    assert blocks.impossible_rules("~~~\ncode\n~~~\n> [a]: <b>") == (
        "table", "heading", "hr", "list", "lheading"
    )  # fmt: skip
    assert blocks.impossible_rules("Title\n===\n\n1) one\n\n> * * *") == (
        "table", "fence", "html_block", "reference", "heading"
    )  # fmt: skip
    # A hyphen, a star or a dash inside a line is no marker.
    assert blocks.impossible_rules("e-mail - or * rating_") == (
        "table", "fence", "blockquote", "html_block", "reference", "heading", "hr", "list",
        "lheading",
    )  # fmt: skip


# Texts in which only paragraphs and indented code can be: blank lines of
# spaces and tabs, indents of every width, and line breaks markdown-it does not
# know ("\f", "\u2028"), which must not split a paragraph.
PLAIN_LINES = [
    "Plain text", "and more.", "", "", " ", "\t", " \t ", "  two spaces", "   three", "    four",
    "     five", "\tone tab", "  \ttab after two", "   \t tab then space", "Trailing  ",
    "\u00a0no-break space", "Ünïcode résumé", "form\ffeed", "line\u2028separator", "\f",
]  # fmt: skip
plain_texts = st.lists(st.sampled_from(PLAIN_LINES), max_size=30).map("\n".join) | st.text(
    st.sampled_from(list(" \tab\n\u00a0\f\u2028")), max_size=60
)


@settings(max_examples=600, deadline=None)
@given(plain_texts)
def test_plain_text_blocks_are_read_off_the_lines(text: str) -> None:
    assert blocks._ALL_BUT_PARAGRAPHS.issubset(blocks.impossible_rules(text))
    assert blocks._paragraphs(text) == blocks._from_tokens(blocks.parser().parse(text), text)[0]


def test_a_text_with_markup_is_left_to_markdown_it() -> None:
    assert not blocks._ALL_BUT_PARAGRAPHS.issubset(blocks.impossible_rules("Title\n\n- item\n"))


def test_link_definition_labels_are_compared_trimmed_and_in_any_case() -> None:
    from policylint.parse import blocks

    text = "See [ Contact ] or [rights][PRIVACY].\n\n[contact]: /contact\n[privacy]: /p\n[x]: /x\n"
    found = blocks.scan(text)[0]
    assert [b.spans for b in found if b.spans] == [((2, 11, 19),), ((3, 11, 13),)]
