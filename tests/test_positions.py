"""One position convention inside, one conversion out (``policylint.base.positions``).

Every position type is 0-based with exclusive ends; findings and the printed
tree are 1-based. These tests fail when one type drifts from the convention.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from policylint.analyses import dates
from policylint.analyses.profile import Profile
from policylint.base.positions import Location, one_based
from policylint.cli.app import app
from policylint.engine import linter, registry
from policylint.packs.builtin import builtin
from policylint.parse import blocks, frontmatter, headings
from policylint.parse.source import Source
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, TODAY, parse_file, parse_text

PARSER = FIXTURES / "parser"
# File lines (1-based): 1-3 front matter, 4 the title, 6 a comment, 7 a stale date.
NOTICE = (
    "---\ntitle: x\n---\n# Privacy notice\n\n"
    "<!-- policylint-disable-next-line PL102 -->\nLast updated: 1 March 2020.\n"
)


def _findings(text: str) -> list[tuple[str, int, int, int, int]]:
    source = Source.from_text("t.md", text)
    found = linter.lint_source(source, registry.builtin_rules(), Settings(today=TODAY))
    return [(f.code, f.line, f.column, f.end_line, f.end_column) for f in found]


def test_location_converts_to_one_based_once() -> None:
    assert one_based(0) == 1
    assert Location(0, 0, 1, 4).one_based() == (1, 1, 2, 5)


def test_parse_types_are_zero_based_with_exclusive_ends() -> None:
    doc = parse_text(NOTICE)
    assert doc.front_matter is not None and doc.front_matter.key_lines == {"title": 1}
    assert doc.front_matter.last_line == 2
    (title,) = doc.sections()
    assert (title.line, title.title) == (3, "Privacy notice")
    assert [(b.kind, b.line, b.end_line) for b in doc.blocks] == [
        ("heading", 3, 4),
        ("paragraph", 6, 7),
    ]
    assert [(c.line, c.column) for c in doc.comments] == [(5, 0)]
    (date,) = dates.last_updated(doc, builtin(), Profile("en", frozenset({"UK"}))).dates
    assert date.location == Location(6, 14, 6, 26)  # "1 March 2020" on the 7th line
    assert doc.title_line == 3


def test_raw_blocks_and_inferred_headings_agree_with_blocks_and_sections() -> None:
    doc = parse_file(PARSER / "markdown_headings.md")
    _, body = frontmatter.split(doc.source.text)
    raw, comments = blocks.scan(body)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [(r.start, r.end) for r in raw if r.kind == "table"] == [(table.line, table.end_line)]
    assert (table.line, table.end_line) == (19, 23)  # the file's lines 20-23
    assert comments == doc.comments and comments[0].line == 15  # the file's line 16
    doc = parse_file(PARSER / "numbered_headings.md")
    _, body = frontmatter.split(doc.source.text)
    inferred = headings.infer(body, blocks.scan(body)[0])
    numbered = [s for s in doc.sections() if s.kind == "numbered"]
    assert numbered and all(inferred[s.line].title == s.title for s in numbered)
    assert numbered[0].line == 8  # "1. Introduction", the file's line 9


def test_findings_are_one_based_and_suppressions_compare_the_same_lines() -> None:
    assert _findings(NOTICE) == [("PL201", 4, 1, 4, 17)]  # PL102 on line 7 is silenced
    unsilenced = NOTICE.replace("-->\nLast", "-->\n\nLast")
    assert _findings(unsilenced) == [
        ("PL201", 4, 1, 4, 17),
        ("PL904", 6, 1, 6, 44),
        ("PL102", 8, 15, 8, 27),
    ]


def test_front_matter_error_is_reported_at_its_file_line() -> None:
    text = "---\ntitle: x\nbad: a: b\n---\n# P\n"
    matter, _ = frontmatter.split(text)
    assert matter is not None and matter.error is not None
    assert matter.error_line == 2  # 0-based: "bad: a: b", the file's line 3
    assert [f for f in _findings(text) if f[0] == "PL903"] == [("PL903", 3, 1, 3, 2)]


def test_tree_prints_one_based_lines() -> None:
    path = str(PARSER / "markdown_headings.md")
    doc = parse_file(PARSER / "markdown_headings.md")
    first = next(doc.sections())
    assert (first.line, first.title) == (6, "Privacy policy")  # the file's line 7
    assert first.heading is not None and (first.heading.line, first.heading.end_line) == (6, 7)
    runner = CliRunner()
    text = runner.invoke(app, ["tree", path]).output
    assert text.splitlines()[0] == " 7  Privacy policy"
    data = json.loads(runner.invoke(app, ["tree", "--format", "json", path]).output)
    assert (data["line"], data["children"][0]["line"]) == (1, 7)
