"""The fast parser (markdown-it-pyrs) gives what markdown-it-py gives: blocks, comments,
link definitions and findings, on every fixture, seed, case and corpus notice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TODAY, every_builtin_rule

from policylint.engine import linter
from policylint.parse import blocks, boxes, frontmatter, pyrs_tokens
from policylint.parse.source import UnreadableFile, decode
from policylint.rules.context import Settings

pytest.importorskip("markdown_it_pyrs")

SHARED = ROOT.parent / "shared"


def notices() -> Iterator[Path]:
    """Our fixtures, and the shared seeds, cases and corpus when they are there."""
    folders = [FIXTURES, *(SHARED / n for n in ("seeds", "cases", "corpus"))]
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix in (".md", ".txt", ".markdown") and path.is_file():
                    yield path


def _body(path: Path) -> str | None:
    try:
        source = decode(str(path), path.read_bytes())
    except UnreadableFile:
        return None
    body = frontmatter.split(source.text)[1]
    if any(mark in body for mark in boxes.MARKS):
        body = boxes.opened(body)[0]
    return body


@pytest.fixture
def fast(monkeypatch) -> Iterator[object]:
    """markdown-it-pyrs, turned on for the test (the suite runs on markdown-it-py)."""
    monkeypatch.delenv(pyrs_tokens.PARSER_ENV, raising=False)
    pyrs_tokens.available.cache_clear()
    parser = pyrs_tokens.available()
    assert parser is not None
    yield parser
    monkeypatch.setenv(pyrs_tokens.PARSER_ENV, "markdown-it-py")
    pyrs_tokens.available.cache_clear()


def test_both_parsers_give_the_same_blocks_comments_and_definitions(fast: object) -> None:
    checked = fell_back = 0
    for path in notices():
        body = _body(path)
        if body is None:
            continue
        reference = blocks.parser(()).parse(body)
        ours = pyrs_tokens.tokens(fast, body)
        if ours is None:  # nested past markdown-it-py's limit: parsed by it
            fell_back += 1
            continue
        assert blocks._from_tokens(ours, body) == blocks._from_tokens(reference, body), path
        assert blocks._definitions(body, ours) == blocks._definitions(body, reference), path
        checked += 1
    assert checked > 250 and fell_back <= 8  # tabs, deep nesting: a few notices


def test_both_parsers_give_the_same_findings(monkeypatch, fast: object) -> None:
    paths = [str(p) for p in notices()]
    rules, settings = every_builtin_rule(), Settings(today=TODAY)

    def findings() -> list[tuple[str, str, int, int, str]]:
        return [
            (f.path, f.code, f.line, f.column, f.message)
            for f in linter.lint_files(paths, rules, settings, jobs=1)
        ]

    with_fast = findings()
    monkeypatch.setenv(pyrs_tokens.PARSER_ENV, "markdown-it-py")
    pyrs_tokens.available.cache_clear()
    assert pyrs_tokens.available() is None
    assert findings() == with_fast


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("- one\n- two\n  wrapped\n", [("list_item", 0, 1), ("list_item", 1, 3)]),  # tight
        ("1. one\n\n   more\n", [("list_item", 0, 1), ("list_item", 2, 3)]),  # loose
        ("Straße ü\nzwei\n\n# Ü\n", [("paragraph", 0, 2), ("heading", 3, 4)]),  # bytes
        ("Title\n=====\n\ntext\n", [("heading", 0, 1), ("paragraph", 3, 4)]),  # setext
    ],
)
def test_lines_from_byte_offsets(fast: object, text: str, lines: list) -> None:
    tokens = pyrs_tokens.tokens(fast, text)
    assert tokens is not None
    found = blocks._from_tokens(tokens, text)[0]
    assert [(b.kind, b.start, b.end) for b in found] == lines


def test_deep_nesting_is_left_to_markdown_it_py(fast: object) -> None:
    """The Rust parser crashes the process on 100,000 nested quotes: it never sees them;
    nesting past markdown-it-py's limit is parsed by markdown-it-py, which stops there."""
    assert pyrs_tokens.tokens(fast, ">" * 100_000 + " deep\n") is None
    assert pyrs_tokens.tokens(fast, "> " * 30 + "deep\n") is None
    assert pyrs_tokens.tokens(fast, "> > quoted twice\n") is not None
    found, _ = blocks.scan("> " * 30 + "deep\n")  # markdown-it-py: nothing past level 20
    assert found == blocks._from_tokens(blocks.parser(()).parse("> " * 30 + "deep\n"), "")[0]


# Inputs where markdown-it-pyrs alone would read differently: parsed by markdown-it-py.
FALLBACKS = {
    # inline offsets in tab-expanded columns: the item's text seemed to run into the next line
    "tabbed-item.md": "# Privacy notice\n\nLast updated: 1 May 2026. Contact: dpo@example.com.\n\n"
    "- We keep your name\n\tand your email.\n- We may charge a fee for access requests only\n"
    "\twhere they are manifestly unfounded or excessive.\n",
    # link reference definitions: quadratic in markdown-it-pyrs
    "definitions.md": "# Privacy\n\nSee [a].\n\n" + "[a]: https://example.com/p\n" * 300,
}


@pytest.mark.parametrize("name", sorted(FALLBACKS))
def test_inputs_the_fast_parser_reads_differently_go_to_markdown_it_py(
    fast: object, tmp_path: Path, monkeypatch, name: str
) -> None:
    text = FALLBACKS[name]
    assert pyrs_tokens.tokens(fast, text) is None
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rules, settings = every_builtin_rule(), Settings(today=TODAY)
    with_fast = linter.lint_file(str(path), rules, settings)
    monkeypatch.setenv(pyrs_tokens.PARSER_ENV, "markdown-it-py")
    pyrs_tokens.available.cache_clear()
    assert linter.lint_file(str(path), rules, settings) == with_fast
    if name == "tabbed-item.md":  # the fee's qualifying clause stays with it
        assert "PL401" not in {f.code for f in with_fast}


def test_the_results_cache_knows_which_parser_ran(fast: object, monkeypatch) -> None:
    assert pyrs_tokens.parser_name().startswith("markdown-it-pyrs ")
    monkeypatch.setenv(pyrs_tokens.PARSER_ENV, "markdown-it-py")
    pyrs_tokens.available.cache_clear()
    assert pyrs_tokens.parser_name() == "markdown-it-py"
