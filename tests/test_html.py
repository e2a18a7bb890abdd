"""HTML blocks, admonitions and code: what of them is visible prose, and where it is."""

from __future__ import annotations

from policylint.parse import boxes, html
from tests.conftest import parse_text


def _runs(text: str) -> tuple[list[html.Run], list[html.HtmlComment]]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return html.split(text, 0, len(text), starts)


def test_block_tags_cut_runs_and_headings_get_their_level() -> None:
    runs, comments = _runs("<div><h2>Who</h2>\n<p>We <b>are</b>\n  here</p><!-- x --></div>")
    assert runs == [
        html.Run(((0, 9, 12),), 2),
        html.Run(((1, 3, 16), (2, 2, 6)), 0),
        html.Run(((2, 10, 20),), 0),  # only a comment: its prose is empty, so no block
    ]
    assert comments == [html.HtmlComment(2, 10, "<!-- x -->")]


def test_script_and_style_are_never_text() -> None:
    runs, _ = _runs("<p>a</p><script>x < y</script><style>p {}</style>b")
    assert [r.spans for r in runs] == [((0, 3, 4),), ((0, 49, 50),)]


def test_html_page_becomes_blocks_with_exact_positions() -> None:
    doc = parse_text(
        "<section>\n  <h1>Notice</h1>\n  <p>Mail <a href='mailto:a@b.example'>us</a>"
        " &amp; more</p>\n</section>\n"
    )
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        ("heading", 1, "Notice"),
        ("paragraph", 2, "Mail mailto:a@b.example us & more"),
    ]
    prose = doc.blocks[1].prose
    at = prose.text.index("a@b")
    assert (prose.location(at, at + 11).line, prose.location(at, at + 11).column) == (2, 26)
    assert doc.sections().__next__().kind == "atx"


def test_text_after_a_comment_on_its_line_is_prose() -> None:
    doc = parse_text("# T\n\n<!-- note --> Write to a@b.example.\n")
    assert [(b.line, b.text) for b in doc.blocks][1:] == [(2, "Write to a@b.example.")]
    assert doc.blocks[1].prose.location(0, 5).column == 14
    assert [c.text for c in doc.comments] == ["<!-- note -->"]


def test_admonition_and_tab_bodies_are_prose_at_their_columns() -> None:
    text = (
        '# T\n\n!!! note "Heads up"\n\n    The body, *one* sentence.\n\n'
        '=== "Tab"\n\n    - item two\n'
    )
    doc = parse_text(text)
    assert [(b.kind, b.line, b.text) for b in doc.blocks][1:] == [
        ("paragraph", 2, "Heads up"),
        ("paragraph", 4, "The body, one sentence."),
        ("paragraph", 6, "Tab"),
        ("list_item", 8, "item two"),
    ]
    assert doc.blocks[2].prose.location(0, 3).column == 4
    assert doc.blocks[1].prose.location(0, 5).column == 10
    assert doc.blocks[4].prose.location(0, 4).column == 6
    assert doc.code == []


def test_boxes_keep_every_line_length() -> None:
    text = "??? warning\n\n    a\n\tb\n  c\n"
    dedented, titles = boxes.opened(text)
    assert titles == []  # no quoted title
    assert [len(x) for x in dedented.split("\n")] == [len(x) for x in text.split("\n")]
    assert dedented.split("\n")[2:5] == ["a    ", "b ", "  c"]


def test_a_marker_without_an_indented_body_is_left_alone() -> None:
    doc = parse_text("# T\n\n!!! note\nplain text\n")
    assert doc.blocks[1].text == "!!! note plain text"


def test_code_blocks_are_kept_apart_from_prose() -> None:
    doc = parse_text("# T\n\nText.\n\n    fee = {10};\n\n```\nmail a@b.example\n```\n")
    assert [b.text for b in doc.blocks] == ["T", "Text."]
    assert [(b.kind, b.line, b.end_line, b.text) for b in doc.code] == [
        ("code", 4, 5, "fee = {10};"),  # lines [4, 5): the file's line 5
        ("code", 7, 8, "mail a@b.example"),
    ]
    # indented plain lines are the notice's text that Markdown shows as code
    doc = parse_text("# T\n\nText.\n\n    Fee: £10 per request\n")
    assert [b.text for b in doc.blocks] == ["T", "Text.", "Fee: £10 per request"]
    assert doc.code == []


def test_a_setext_underline_is_no_content_tab() -> None:
    doc = parse_text("Privacy notice\n===\n\n    show(sample);\n")
    assert [b.kind for b in doc.blocks] == ["heading"]
    assert [b.text for b in doc.code] == ["show(sample);"]


def test_reference_definition_destinations_are_read_like_inline_urls() -> None:
    doc = parse_text(
        "# T\n\nAsk [us][c] or [D].\n\n[c]: <mailto:a@b.example>\n  [d]: /contact 'Contact'\n"
        "[unused]: /privacy-contact\n"
    )
    assert [(b.line, b.text) for b in doc.blocks][1:] == [
        (2, "Ask us or [D]."),  # a shortcut reference keeps its brackets in prose
        (4, "mailto:a@b.example"),
        (5, "/contact"),
    ]
    assert doc.blocks[2].prose.location(0, 1).column == 6
