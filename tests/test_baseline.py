"""The baseline: --write-baseline records today's findings, --baseline reports only new ones.

Each test writes small notices in our own words into a temporary folder and
runs ``policylint check`` as the fast path does (``checking.run``), from that
folder, with a fixed date and the mission rules only (PL5xx/PL6xx are tested
elsewhere). The file's format and the keys are tested in ``test_baseline_format``.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from policylint.cli.fastpath import parse_argv
from policylint.engine import checking

COMMON = ["--today", "2026-11-22", "--ignore", "PL5,PL6", "--format", "text"]

# Three faults: a stale date (PL102), a fee for a copy (PL401), the ICO named without its
# helpline (PL302).
NOTICE = """\
# Privacy notice for Thornbury Cycle Repairs

Last updated: 3 March 2019

Thornbury Cycle Repairs Ltd, 14 Mill Lane, Bristol BS1 5TR, runs this website
under the UK GDPR. Email privacy@thornbury.example with any question.

We use your name and phone number to tell you when your bike is ready.

You may ask for a copy of the data we hold about you. Each copy costs £15,
payable in advance.

If you are unhappy with how we use your data, you can complain to the
Information Commissioner's Office.
"""
FEE = "Each copy costs £15,\npayable in advance."
PARENTS = "Parents may ask for a copy of their child's data. " + FEE  # the same fee sentence
INTRO = "We use your name"
ALL_HIDDEN = "1 file checked, no problems; 3 findings hidden by the baseline."


class Result(NamedTuple):
    status: int
    out: list[str]
    err: list[str]

    @property
    def findings(self) -> list[str]:
        """The lines of the report that are findings (``path:line:col: ...``), not summaries."""
        return [line for line in self.out if re.match(r"[^:]+:\d+:\d+: ", line)]

    @property
    def codes(self) -> list[str]:
        return [line.split(": ")[2].split()[0] for line in self.findings]


Check = Callable[..., Result]


@pytest.fixture
def check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Check:
    """``check(*args)``: ``policylint check`` run in ``tmp_path``; its status and output."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Result:
        options = parse_argv([*COMMON, *args])
        assert options is not None
        status = checking.run(options)
        captured = capsys.readouterr()
        return Result(status, captured.out.splitlines(), captured.err.splitlines())

    return run


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "privacy.md"
    path.write_text(NOTICE, encoding="utf-8")
    return path


def entries(path: Path) -> list[tuple[str, str, int]]:
    """(path, code, count) of each entry of a baseline file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(e["path"], e["code"], e["count"]) for e in data["entries"]]


# The three checks of the issue -------------------------------------------------


def test_a_baseline_hides_the_findings_it_recorded(check: Check, notice: Path) -> None:
    plain = check("privacy.md")
    assert (plain.status, sorted(plain.codes)) == (1, ["PL102", "PL302", "PL401"])
    written = check("--write-baseline", "baseline.json", "privacy.md")
    assert (written.status, written.out) == (0, [])  # recorded, not reported
    assert written.err == ["policylint: wrote 3 baseline entries for 1 file to baseline.json"]
    hidden = check("--baseline", "baseline.json", "privacy.md")
    assert (hidden.status, hidden.out) == (0, [ALL_HIDDEN])


def test_lines_added_above_and_a_rewrapped_paragraph_keep_them_hidden(
    check: Check, notice: Path
) -> None:
    check("--write-baseline", "baseline.json", "privacy.md")
    ten = "".join(f"Line {n} of a longer introduction.\n\n" for n in range(5))
    moved = NOTICE.replace("Last updated", ten + "Last updated")
    notice.write_text(moved, encoding="utf-8")
    shifted = check("privacy.md")
    assert shifted.findings[0].startswith("privacy.md:13:15: warning: PL102")  # ten lines down
    assert check("--baseline", "baseline.json", "privacy.md").out == [ALL_HIDDEN]
    rewrapped = (
        "You may ask for a copy\nof the data we hold about you. Each copy costs\n"
        "£15, payable in advance."
    )
    wrapped = moved.replace(
        "You may ask for a copy of the data we hold about you. " + FEE, rewrapped
    )
    assert wrapped != moved
    notice.write_text(wrapped, encoding="utf-8")
    assert check("--baseline", "baseline.json", "privacy.md").out == [ALL_HIDDEN]


def test_a_new_fee_claim_is_reported_and_nothing_else(check: Check, notice: Path) -> None:
    check("--write-baseline", "baseline.json", "privacy.md")
    claim = "We charge a fee of £10 for every access request.\n\n"
    notice.write_text(NOTICE.replace(INTRO, claim + INTRO), encoding="utf-8")
    run = check("--baseline", "baseline.json", "privacy.md")
    assert run.status == 1
    assert run.findings == [
        'privacy.md:8:11: error: PL401 Fee claimed for a request ("a fee of £10"): under the '
        "UK GDPR access and other rights requests are free; remove the fee or limit it to "
        "manifestly unfounded or excessive requests and further copies [fee-claim-unsupported]"
    ]
    assert run.out[-1] == (
        "1 file checked, 1 problem: 1 error, 0 warnings, 0 info; 3 findings hidden by the baseline."
    )


def test_a_fixed_fault_is_a_stale_entry_and_rewriting_drops_it(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    check("--write-baseline", "baseline.json", "privacy.md")
    notice.write_text(NOTICE.replace("3 March 2019", "3 March 2026"), encoding="utf-8")
    run = check("--baseline", "baseline.json", "privacy.md")
    assert run.status == 0  # an info finding does not fail the run
    assert run.findings == [
        "privacy.md:1:1: info: PL908 baseline entry fixed, remove it: PL102 last-updated-stale "
        '"Last updated: 3 March 2019" [baseline-entry-fixed]'
    ]
    assert run.out[-1] == (
        "1 file checked, 1 problem: 0 errors, 0 warnings, 1 info; "
        "2 findings hidden by the baseline."
    )
    rewrite = check(
        "--baseline", "baseline.json", "--write-baseline", "baseline.json", "privacy.md"
    )
    assert (rewrite.status, rewrite.out) == (0, [])
    assert rewrite.err == ["policylint: wrote 2 baseline entries for 1 file to baseline.json"]
    assert entries(tmp_path / "baseline.json") == [
        ("privacy.md", "PL302", 1),
        ("privacy.md", "PL401", 1),
    ]
    clean = check("--baseline", "baseline.json", "privacy.md")
    assert clean.out == ["1 file checked, no problems; 2 findings hidden by the baseline."]


# Counts ---------------------------------------------------------------------


def test_an_entry_hides_at_most_its_count(check: Check, notice: Path, tmp_path: Path) -> None:
    twice = NOTICE.replace(INTRO, PARENTS + "\n\n" + INTRO)
    notice.write_text(twice, encoding="utf-8")
    assert check("privacy.md").codes.count("PL401") == 2
    check("--write-baseline", "baseline.json", "privacy.md")
    assert ("privacy.md", "PL401", 2) in entries(tmp_path / "baseline.json")
    hidden = check("--baseline", "baseline.json", "privacy.md")
    assert hidden.out == ["1 file checked, no problems; 4 findings hidden by the baseline."]
    thrice = twice.replace(INTRO, PARENTS.replace("Parents", "Guardians") + "\n\n" + INTRO)
    notice.write_text(thrice, encoding="utf-8")
    more = check("--baseline", "baseline.json", "privacy.md")
    assert more.codes == ["PL401"]
    assert more.findings[0].startswith("privacy.md:16:")  # the last of the three is the new one
    notice.write_text(NOTICE, encoding="utf-8")
    fewer = check("--baseline", "baseline.json", "privacy.md")
    assert fewer.findings == [
        "privacy.md:1:1: info: PL908 baseline entry partly fixed, lower its count to 1: "
        'PL401 fee-claim-unsupported "Each copy costs £15, payable in advance." '
        "[baseline-entry-fixed]"
    ]


def test_entries_with_the_same_key_add_up_and_long_sentences_are_shortened(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    long = "We keep your data " + "for a very long time " * 6 + "and then delete it."
    stale = {"path": "privacy.md", "code": "PL102", "rule": "last-updated-stale",
             "sentence": "Last updated: 3 March 2019", "count": 1}  # fmt: skip
    written = [
        stale,
        stale,
        {**stale, "code": "PL201", "rule": "contact-missing", "sentence": long},
    ]
    (tmp_path / "b.json").write_text(
        json.dumps({"policylint-baseline": 1, "entries": written}), encoding="utf-8"
    )  # two entries of a hand merge, one finding: their counts add up to 2
    run = check("--baseline", "b.json", "--select", "PL102,PL201", "privacy.md")
    shown = long[:77].rstrip() + "..."
    assert run.findings == [
        "privacy.md:1:1: info: PL908 baseline entry partly fixed, lower its count to 1: "
        'PL102 last-updated-stale "Last updated: 3 March 2019" [baseline-entry-fixed]',
        "privacy.md:1:1: info: PL908 baseline entry fixed, remove it: PL201 contact-missing "
        f'"{shown}" [baseline-entry-fixed]',
    ]


# Paths, files not checked, the config ------------------------------------------------


def test_entries_of_files_not_checked_are_kept_and_never_stale(
    check: Check, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(NOTICE, encoding="utf-8")
    (docs / "b.md").write_text(NOTICE.replace(FEE, "Copies are free."), encoding="utf-8")
    check("--write-baseline", "baseline.json", "docs")
    both = entries(tmp_path / "baseline.json")
    assert [(path, code) for path, code, _ in both] == [
        ("docs/a.md", "PL102"), ("docs/a.md", "PL302"), ("docs/a.md", "PL401"),
        ("docs/b.md", "PL102"), ("docs/b.md", "PL302"),
    ]  # fmt: skip
    (docs / "b.md").write_text(NOTICE.replace("3 March 2019", "3 March 2026"), encoding="utf-8")
    only_a = check("--baseline", "baseline.json", "docs/a.md")
    assert only_a.out == [ALL_HIDDEN]  # b.md's entries are not called stale: it was not checked
    (docs / "a.md").write_text(NOTICE.replace(FEE, "Copies are free."), encoding="utf-8")
    check("--write-baseline", "baseline.json", "docs/a.md")
    assert entries(tmp_path / "baseline.json") == [
        ("docs/a.md", "PL102", 1), ("docs/a.md", "PL302", 1),
        ("docs/b.md", "PL102", 1), ("docs/b.md", "PL302", 1),
    ]  # fmt: skip


def test_paths_are_relative_to_the_baseline_so_any_folder_agrees(
    check: Check, notice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ci").mkdir()
    check("--write-baseline", "ci/baseline.json", "privacy.md")
    assert entries(tmp_path / "ci" / "baseline.json")[0][0] == "../privacy.md"
    monkeypatch.chdir(tmp_path / "ci")  # a hook running elsewhere, naming the file its own way
    parse = parse_argv([*COMMON, "--baseline", "baseline.json", str(notice)])
    assert parse is not None and checking.run(parse) == 0


def test_the_config_key_names_the_baseline_relative_to_itself_and_the_flag_wins(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    (tmp_path / "ci").mkdir()
    check("--write-baseline", "ci/baseline.json", "privacy.md")
    (tmp_path / ".policylint.toml").write_text('baseline = "ci/baseline.json"\n')
    assert check("privacy.md").out == [ALL_HIDDEN]
    (tmp_path / ".policylint.toml").write_text('baseline = "ci/missing.json"\n')
    missing = check("privacy.md")
    assert missing.status == 2
    assert missing.err == [
        f"policylint: error: {tmp_path / '.policylint.toml'}: baseline: "
        f"{tmp_path / 'ci' / 'missing.json'}: no such baseline file "
        "(check --write-baseline FILE makes one)"
    ]
    assert check("--baseline", "ci/baseline.json", "privacy.md").out == [ALL_HIDDEN]


def test_standard_input_is_keyed_by_its_stdin_filename(
    check: Check, notice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check("--write-baseline", "baseline.json", "privacy.md")

    class Stdin:
        buffer = io.BytesIO(NOTICE.replace("Last", "\n\nLast").encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    run = check("--baseline", "baseline.json", "-", "--stdin-filename", "privacy.md")
    assert run.out == [ALL_HIDDEN]


# Files deleted or renamed -------------------------------------------------------


def gone(path: str, line: int, entry: str) -> str:
    """The PL908 line reported at ``line`` of the baseline ``path`` for an entry of a file
    that no longer exists (``entry``: its path, code, rule and quoted sentence)."""
    return (
        f"{path}:{line}:1: info: PL908 baseline entry for a file that no longer exists, "
        f"remove it: {entry} [baseline-entry-fixed]"
    )


OLD = [  # the entries of docs/old.md, seen from ci/
    '../docs/old.md PL102 last-updated-stale "Last updated: 3 March 2019"',
    '../docs/old.md PL302 authority-helpline-missing "If you are unhappy with how we use your '
    'data, you can complain to the Informa..."',
    '../docs/old.md PL401 fee-claim-unsupported "Each copy costs £15, payable in advance."',
]


def test_entries_of_a_deleted_or_renamed_file_are_stale_and_rewriting_drops_them(
    check: Check, tmp_path: Path
) -> None:
    docs, ci = tmp_path / "docs", tmp_path / "ci"
    docs.mkdir()
    ci.mkdir()
    for name in ("a.md", "b.md", "old.md"):
        (docs / name).write_text(NOTICE, encoding="utf-8")
    check("--write-baseline", "ci/baseline.json", "docs")
    (docs / "old.md").rename(docs / "new.md")
    # Lines 1-3 open the file; a.md's entries are on lines 4-6, b.md's on 7-9, old.md's 10-12.
    only_a = check("--baseline", "ci/baseline.json", "-v", "docs/a.md")
    assert only_a.status == 0  # info findings do not fail the run
    assert only_a.findings == [gone("ci/baseline.json", 10 + n, old) for n, old in enumerate(OLD)]
    assert only_a.err[-2].endswith(": 9 baseline entries, 3 findings hidden, 3 stale")
    renamed = check("--baseline", "ci/baseline.json", "docs")  # b.md: checked, all hidden
    assert [line.split(":")[0] for line in renamed.findings] == ["ci/baseline.json"] * 3 + [
        "docs/new.md"
    ] * 3  # new.md is a new file: its findings are new
    check("--write-baseline", "ci/baseline.json", "docs/a.md")
    assert [path for path, _, _ in entries(ci / "baseline.json")] == ["../docs/a.md"] * 3 + [
        "../docs/b.md"
    ] * 3  # b.md exists though not checked: kept; old.md is gone: dropped
    (docs / "old.md").write_text(NOTICE, encoding="utf-8")  # a new file at the old path
    revived = check("--baseline", "ci/baseline.json", "docs/old.md")
    assert (revived.status, sorted(revived.codes)) == (1, ["PL102", "PL302", "PL401"])


def test_a_stale_entry_not_on_a_line_of_its_own_is_reported_at_line_1(
    check: Check, notice: Path, tmp_path: Path
) -> None:
    entry = {"path": "docs/old.md", "code": "PL102", "rule": "last-updated-stale",
             "sentence": "Last updated: 3 March 2019", "count": 1}  # fmt: skip
    text = json.dumps({"policylint-baseline": 1, "entries": [entry]})  # all on one line
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    run = check("--baseline", "b.json", "privacy.md")
    old = 'docs/old.md PL102 last-updated-stale "Last updated: 3 March 2019"'
    assert run.findings[0] == gone("b.json", 1, old)
    assert run.codes == ["PL908", "PL102", "PL401", "PL302"]  # b.json sorts first
    quiet = check("--baseline", "b.json", "--ignore", "PL5,PL6,PL908", "privacy.md")
    assert "PL908" not in quiet.codes  # turned off like any rule


def test_a_file_read_from_standard_input_is_not_gone_while_it_is_being_checked(
    check: Check, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def piped(*args: str) -> Result:
        class Stdin:
            buffer = io.BytesIO(NOTICE.encode())

        monkeypatch.setattr(sys, "stdin", Stdin)
        return check(*args, "-", "--stdin-filename", "draft.md")  # no draft.md on disk

    piped("--write-baseline", "baseline.json")
    assert len(entries(tmp_path / "baseline.json")) == 3
    assert piped("--baseline", "baseline.json").out == [ALL_HIDDEN]
    piped("--baseline", "baseline.json", "--write-baseline", "baseline.json")
    assert len(entries(tmp_path / "baseline.json")) == 3  # kept: it was checked
