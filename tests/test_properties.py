"""Property-based tests: any input gives no exception, findings inside the file, stable output."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policylint.base.findings import Finding
from policylint.engine import linter, registry
from policylint.parse.source import UnreadableFile, decode
from policylint.rules.context import Settings
from tests.conftest import FIXTURES

RULES = registry.builtin_rules()
SETTINGS = Settings(today=dt.date(2026, 11, 22))

# Pieces that exercise the parser and the rules together: Markdown syntax,
# line endings, bullets, numbers, dates, phones, fees, authority names.
TOKENS = [
    "#", "## ", "*", "_", "`", "```", "[", "]", "(", ")", "<", ">", "<!--", "-->", "!", "|", "---",
    "\n", "\r\n", "\r", " ", "  ", "\t", "\u00a0", "• ", "· ", "o ", "1. ", "4.1 ", "8.1", "- ",
    "Privacy Notice", "Last updated: ", "May 2018", "31 February 2026", "2026-13-01", "21-08-2018",
    "Laatst gewijzigd: 3 maart 2025", "£10 fee", "for a prescribed fee", "€ 4,50", "access request",
    "Information\nCommissioners Office", "ICO", "0303 123 1113", "+44 (0) 330 3413 123",
    "088 - 1805 250",
    "privacy@acme.example", "https://acme.example/contact", "EC1A 1BB", "1234 AB Amsterdam",
    "UK GDPR", "B.V.", "<!-- policylint-disable-next-line PL401 -->", "é", "🙂", "\u200b", ".",
]  # fmt: skip
markdownish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


def check_inside(data: bytes, found: list[Finding]) -> None:
    try:
        source = decode("p.md", data)
    except UnreadableFile:
        assert [(f.code, f.line, f.column) for f in found] == [("PL901", 1, 1)]
        return
    lines = max(source.line_count, 1)

    def width(line: int) -> int:
        return len(source.line_text(line - 1)) + 1 if line <= source.line_count else 1

    for f in found:
        assert 1 <= f.line <= f.end_line <= lines, f
        assert 1 <= f.column <= width(f.line), f
        assert 1 <= f.end_column <= width(f.end_line) + 1, f
        assert (f.line, f.column) <= (f.end_line, f.end_column), f


def lint_bytes(data: bytes) -> list[Finding]:
    """Lint bytes exactly as a file on disk is linted."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "p.md")
        path.write_bytes(data)
        return [replace(f, path="p.md") for f in linter.lint_file(str(path), RULES, SETTINGS)]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
@example("Last updated: 31 February 2026\r\n\r\nUK GDPR for a prescribed fee access request")
@example(
    "# T\n\nthe Information\nCommissioners Office\n\n<!-- policylint-disable-next-line PL401 -->"
)
def test_random_markdown_never_crashes_and_stays_inside(text: str) -> None:
    data = text.encode("utf-8")
    first = lint_bytes(data)
    check_inside(data, first)
    assert lint_bytes(data) == first  # deterministic
    assert not any(f.code == "PL902" for f in first), first


@settings(deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_crash(data: bytes) -> None:
    found = lint_bytes(data)
    check_inside(data, found)
    assert not any(f.code == "PL902" for f in found), found


def test_output_is_identical_across_processes_and_hash_seeds() -> None:
    """Two hash seeds, the same bytes: the rule fixtures and one folder of each kind of
    the Article 13/14 fixtures (every family fires there), in one batch each."""
    folders = [FIXTURES / "rules", FIXTURES / "outdated", FIXTURES / "kinds" / "art13-round11"]

    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        cmd = [sys.executable, "-m", "policylint", "check", "--today", "2026-11-22", "-f", "json"]
        return subprocess.run(
            [*cmd, *map(str, folders)], capture_output=True, text=True, env=env, check=False
        ).stdout

    first = run("1")
    assert first.startswith("[") and first == run("2")


def test_the_examples_do_produce_findings_to_check() -> None:
    found = lint_bytes(
        b"Last updated: 31 February 2026\r\n\r\nUK GDPR for a prescribed fee access request"
    )
    assert {f.code for f in found} >= {"PL103", "PL401", "PL201"}
    spanning = lint_bytes(b"# T\n\ncomplain to the Information\nCommissioners Office\n")
    ico = next(f for f in spanning if f.code == "PL302")
    assert (ico.line, ico.end_line) == (3, 4)
