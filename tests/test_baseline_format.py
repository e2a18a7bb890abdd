"""The baseline file and its keys: a bad file, the sentence that names a finding (findings
about the whole notice included), the schema and the README's example.

Uses the fixtures and notices of ``test_baseline`` (``check``, ``notice``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from policylint.base.findings import Finding
from policylint.base.rule import Severity
from policylint.engine import baseline
from policylint.engine.config import Config
from policylint.engine.session import Session
from policylint.parse.sentences import Sentences
from tests.conftest import ROOT, parse_text
from tests.test_baseline import NOTICE, Check, check, entries, notice

__all__ = ["check", "notice"]  # fixtures used here by name


# Mistakes ---------------------------------------------------------------------


V1 = '{"policylint-baseline": 1, '
ZERO = '{"path": "a", "code": "PL1", "rule": "r", "sentence": "", "count": 0}'
BAD = [
    (None, "no such baseline file (check --write-baseline FILE makes one)"),
    (V1 + '"entries": [}', "invalid JSON: Expecting value at line 1, column 40"),
    ("[]", 'not a policylint baseline (no "policylint-baseline" version)'),
    (V1.replace("1", "2") + '"entries": []}', "baseline format 2 is not supported"),
    (V1.replace("1", "true") + '"entries": []}', "baseline format True is not supported"),
    (V1[:-2] + "}", "'entries' must be a list"),
    (V1 + '"entries": [], "extra": 1}', "unknown key 'extra'"),
    (V1 + '"entries": [{"path": "a.md"}]}', "entry 1: 'code' is missing"),
    (V1 + f'"entries": [{ZERO}]}}', "entry 1: 'count' must be a whole number, at least 1"),
]


@pytest.mark.parametrize(("text", "problem"), BAD)
def test_a_bad_baseline_is_one_line_naming_the_file(
    check: Check, notice: Path, tmp_path: Path, text: str | None, problem: str
) -> None:
    if text is not None:
        (tmp_path / "b.json").write_text(text, encoding="utf-8")
    run = check("--baseline", "b.json", "privacy.md")
    assert (run.status, run.out) == (2, [])
    assert len(run.err) == 1
    assert run.err[0].startswith(f"policylint: error: --baseline: b.json: {problem}")


def test_write_baseline_may_name_a_missing_baseline_and_refuses_to_overwrite_a_bad_one(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    first = check("--baseline", "new.json", "--write-baseline", "new.json", "privacy.md")
    assert first.status == 0 and len(entries(tmp_path / "new.json")) == 3
    (tmp_path / "bad.json").write_text("<<<<<<< HEAD\n", encoding="utf-8")
    refused = check("--write-baseline", "bad.json", "privacy.md")
    assert refused.status == 2
    assert refused.err[0].startswith("policylint: error: --write-baseline: bad.json: invalid JSON")
    assert (tmp_path / "bad.json").read_text(encoding="utf-8") == "<<<<<<< HEAD\n"
    gone = check("--write-baseline", "other.json", "privacy.md", "nothing.md")
    assert gone.status == 2 and not (tmp_path / "other.json").exists()


# What counts as the same sentence ------------------------------------------------


def test_the_sentence_of_a_place_as_the_rules_read_it() -> None:
    doc = parse_text(
        "---\ntitle: Privacy\n---\n"  # lines 0-2
        "# Our *privacy*   notice\n\n"  # 3
        "We are Acme. We charge\n**£10**\tfor a copy. Ask us.\n\n"  # 5, 6
        "| Data | Kept for |\n| --- | --- |\n| Orders | 6 years. Then gone. |\n"  # 8-10
        "<!-- policylint-disable-next-line PL401 -->\n"  # 11
    )
    at = Sentences(doc).at
    assert at(1, 0) == "title: Privacy"  # front matter: the line's text
    assert at(3, 0) == at(3, 10) == "Our privacy notice"  # a heading: its text, markup gone
    assert at(5, 0) == "We are Acme."
    assert at(5, 13) == at(6, 0) == at(6, 2) == "We charge £10 for a copy."
    assert at(10, 3) == "Orders 6 years."  # a table: the sentence in the place's row
    assert at(10, 20) == "Then gone."
    assert at(11, 5) == "<!-- policylint-disable-next-line PL401 -->"
    assert at(4, 0) == "" and at(99, 0) == ""


# Three findings about the whole notice: no date (PL101), no contact (PL201), UK law but no
# authority named (PL301).
UNTITLED = """\
Pennine Pottery Ltd sells mugs and bowls under the UK GDPR. We use your postal
address only to send you what you ordered, and we delete it a year later.
"""
TITLED = "# Privacy notice\n\n" + UNTITLED
BANNER = "Draft: for review only.\n\n"


@pytest.mark.parametrize(
    ("before", "after", "line"),
    [
        (TITLED, BANNER + TITLED.replace("notice", "Notice"), 3),  # they move with the title
        (UNTITLED, BANNER + UNTITLED, 1),  # no title: they stay on line 1, now the banner
    ],
    ids=["title", "no-title"],
)
def test_findings_about_the_whole_notice_outlive_a_new_title_and_a_line_above(
    check: Check, tmp_path: Path, before: str, after: str, line: int
) -> None:
    notice = tmp_path / "p.md"
    notice.write_text(before, encoding="utf-8")
    check("--write-baseline", "baseline.json", "p.md")
    written = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["code"], e["sentence"]) for e in written] == [
        ("PL101", ""), ("PL201", ""), ("PL301", ""),
    ]  # fmt: skip
    notice.write_text(after, encoding="utf-8")
    moved = check("p.md")
    assert [f.split(": ")[0] for f in moved.findings] == [f"p.md:{line}:1"] * 3
    run = check("--baseline", "baseline.json", "p.md")
    assert (run.status, run.out) == (
        0,
        ["1 file checked, no problems; 3 findings hidden by the baseline."],
    )  # nothing new and no PL908


def test_only_a_finding_covering_exactly_the_title_line_is_about_the_whole_notice(
    tmp_path: Path,
) -> None:
    session = Session(Config(), dt.date(2026, 11, 22))
    end = len("# Privacy notice") + 1  # 1-based, exclusive

    def finding(line: int, column: int, end_line: int, end_column: int) -> Finding:
        return Finding("p.md", line, column, end_line, end_column, "PL999", "x", Severity.INFO, "")

    spans = [(1, 1, 1, end), (1, 3, 1, end), (1, 1, 1, end - 1), (1, 1, 2, 1), (3, 1, 3, 20)]
    found = baseline.keys(
        session, [finding(*span) for span in spans], str(tmp_path), {"p.md": TITLED.encode()}
    )
    assert [key.sentence for key in found] == [
        "", "Privacy notice", "Privacy notice", "Privacy notice", UNTITLED.split(". ")[0] + ".",
    ]  # fmt: skip
    untitled = baseline.keys(
        session, [finding(1, 1, 1, 79)], str(tmp_path), {"p.md": UNTITLED.encode()}
    )
    assert [key.sentence for key in untitled] == [""]  # the first line: 78 characters


def test_a_plain_check_does_not_import_the_baseline(tmp_path: Path) -> None:
    notice = tmp_path / "n.md"
    notice.write_text(NOTICE, encoding="utf-8")
    code = (
        "import sys; from policylint.cli import fastpath; from policylint.engine import checking; "
        f"checking.run(fastpath.parse_argv(['-q', {str(notice)!r}])); "
        "print(sorted(m for m in sys.modules if m.endswith(('baseline', 'sentences'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def test_the_baseline_schema_accepts_what_is_written(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    check("--write-baseline", "baseline.json", "privacy.md")
    text = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    schema = json.loads((ROOT / "schemas" / "policylint-baseline.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(text))
    assert text.startswith('{\n  "policylint-baseline": 1,\n  "entries": [\n    {"path": ')
    assert text.endswith('"count": 1}\n  ]\n}\n') and text.count("\n") == 8
    before = (tmp_path / "baseline.json").read_bytes()
    check("--write-baseline", "baseline.json", "--no-cache", "privacy.md")
    assert (tmp_path / "baseline.json").read_bytes() == before  # stable when nothing changed


def test_the_readme_example_is_a_baseline_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r'```json\n(\{\n  "policylint-baseline".*?)```', readme, re.DOTALL)
    assert example is not None
    (tmp_path / "b.json").write_text(example.group(1), encoding="utf-8")
    read = baseline.read(tmp_path / "b.json", "--baseline")
    assert [entry.times for entry in read] == [1, 2]
    assert baseline.dumps(read) == example.group(1)  # the documented layout is the written one
