"""Hostile and broken input: one clear finding per problem, never a crash, a hang or a write."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from policylint.base.findings import Problem
from policylint.base.rule import Rule
from policylint.engine import linter, registry
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, ROOT, SEEDS, TODAY, expectations, lint

HOSTILE = FIXTURES / "hostile"
EXPECTED = expectations(HOSTILE)
RULES = registry.builtin_rules()


def test_every_hostile_fixture_has_expectations() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "expected.yaml"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_fixture(name: str) -> None:
    assert lint(HOSTILE / name) == EXPECTED[name]


def test_messages_name_the_problem() -> None:
    def message(name: str) -> str:
        return linter.lint_file(str(HOSTILE / name), RULES, Settings(today=TODAY))[0].message

    assert message("latin1.md") == "not UTF-8 text: byte 0xe9 at offset 3 (save the file as UTF-8)"
    assert "if it is UTF-16 text" in message("utf16-no-bom.md")
    assert message("empty.md") == "the file is empty: nothing to lint"


def test_encoding_option_reads_legacy_files() -> None:
    # Read as text now: the content rules run instead of PL901.
    assert lint(HOSTILE / "latin1.md", encoding="latin-1") == [("PL101", 1, 1), ("PL201", 1, 1)]


def test_unreadable_file_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def denied(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("crlf-fee.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", denied)
    found = linter.lint_file(str(HOSTILE / "crlf-fee.md"), RULES, Settings(today=TODAY))
    assert [(f.code, f.message) for f in found] == [
        ("PL901", "cannot read file: Permission denied")
    ]


def test_size_cap_reports_and_skips(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("Privacy\n\n" + "x" * 3000 + "\n")
    found = linter.lint_file(str(big), RULES, Settings(today=TODAY, max_file_size=1024))
    assert [(f.code, f.message) for f in found] == [
        ("PL906", "3 KB is over max-file-size (1 KB): not linted; raise max-file-size to lint it")
    ]


def test_a_crashing_rule_is_reported_and_the_others_still_run() -> None:
    def explode(doc: object, ctx: object) -> Iterator[Problem]:
        raise RuntimeError("boom")
        yield  # pragma: no cover

    broken = Rule("EXT900", "explodes", registry.Severity.ERROR, "Always fails.", explode)
    found = linter.lint_file(str(HOSTILE / "crlf-fee.md"), [*RULES, broken], Settings(today=TODAY))
    assert [f.code for f in found] == ["PL201", "PL902", "PL401"]
    crash = next(f for f in found if f.code == "PL902")
    assert crash.message.startswith("rule EXT900 explodes failed on this file: RuntimeError: boom")


def _generate(folder: Path) -> list[Path]:
    """The big hostile inputs, written fresh for each run."""
    if SEEDS.is_dir():
        text = (SEEDS / "000_8cdd36b791c24f59.txt").read_text(encoding="utf-8")
    else:  # a generated notice of realistic density (a 300-byte fee claim repeated is not one)
        sys.path.insert(0, str(ROOT / "bench"))
        from corpus import markdown_site

        text = markdown_site(random.Random(7), 20_000)
    cases = {
        "ten-megabytes.md": text * (10_000_000 // len(text) + 1),
        "two-megabyte-line.md": "Privacy " + "word " * 400_000 + "\n",
        "nested-lists.md": "".join("  " * i + "- item\n" for i in range(3000)),
        "regex-bomb.md": "# T\n\n" + "a" * 100_000 + "b\n",
    }
    for name, content in cases.items():
        (folder / name).write_text(content)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    return [folder / name for name in cases]


def test_a_folder_of_hostile_files_in_one_run(tmp_path: Path) -> None:
    """The issue's check: every file named, CRLF fee at line 5, exit 1 or 2, no traceback."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    for item in HOSTILE.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    generated = _generate(folder)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir() if p.is_file()}
    others = [str(folder / n) for n in EXPECTED if not n.endswith(".md")]
    missing = str(folder / "does-not-exist.md")
    result = subprocess.run(
        [sys.executable, "-m", "policylint", "check", "--today", "2026-11-22", "--format", "text",
         str(folder), *others, missing],
        capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stdout + result.stderr
    for path in [*(folder / n for n in EXPECTED), *generated]:
        assert str(path) in result.stdout, path
    assert f"{folder / 'crlf-fee.md'}:5:43: error: PL401" in result.stdout
    assert result.stderr.strip() == f"policylint: error: {missing}: no such file or directory"
    assert "/loop/" not in result.stdout  # each real file once
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing created


def test_a_long_run_of_removed_markup_is_read_in_linear_time() -> None:
    """Code-span fences blanked into a 40,000-character run used to be searched for the
    text's end from each of its characters (16 s); the whole notice now takes well under one."""
    from policylint.parse import tree
    from policylint.parse.source import decode

    text = "<p>" + "`" * 40_000 + " " + "<" * 16_000 + "div></p>\n\nContact: dpo@example.com\n"
    doc = tree.parse(decode("long.md", text.encode()))
    assert doc.blocks[-1].text == "Contact: dpo@example.com"
