"""Fixes: applied onto the file's own bytes, shown as a diff, written atomically, once.

``engine/fixing`` maps the rules' edits back onto the file: encoding, byte-order
mark and line endings kept, overlapping fixes left for the next pass. The
command line: ``--diff`` writes nothing, ``--fix`` writes and a second run
finds nothing more to fix, ``--unsafe-fixes`` adds PL102's and PL302's fixes,
and JSON and SARIF say which findings have a fix.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from policylint.base.atomic import replace_file
from policylint.base.findings import Finding, Severity
from policylint.base.fixes import Edit, Fix, replace
from policylint.base.positions import Location
from policylint.engine import fixing
from tests.conftest import FIXTURES, CheckRun

UK = FIXTURES / "fixes" / "uk-notice.md"
NL = FIXTURES / "fixes" / "nl-notice.md"


def fix_at(line: int, column: int, end: int, text: str, safe: bool = True) -> Fix:
    return replace(Location(line, column, line, end), text, "m", safe=safe)


def test_edits_keep_crlf_line_endings_and_the_utf8_byte_order_mark() -> None:
    data = "\ufeffLine one\r\nCall 0303 123 1114.\r\nEnd\r\n".encode()
    new, applied = fixing.apply(data, [fix_at(1, 5, 18, "0303 123 1113")])
    assert applied == 1
    assert new == "\ufeffLine one\r\nCall 0303 123 1113.\r\nEnd\r\n".encode()


def test_an_inserted_line_break_is_written_as_the_files_own() -> None:
    data = b"a\r\nb\r\n"
    fix = Fix((Edit(Location(0, 1, 0, 1), "\nx"),), "m")
    assert fixing.apply(data, [fix]) == (b"a\r\nx\r\nb\r\n", 1)


def test_utf16_and_the_runs_fallback_encoding_are_written_back_as_read() -> None:
    text = "Zuletzt geändert: 1. Mai 2024\n"
    for data in (b"\xff\xfe" + text.encode("utf-16-le"), b"\xfe\xff" + text.encode("utf-16-be")):
        new, _ = fixing.apply(data, [fix_at(0, 18, 29, "22. November 2026")])
        assert new[:2] == data[:2]
        assert new[2:].decode("utf-16-le" if data[0] == 0xFF else "utf-16-be") == (
            "Zuletzt geändert: 22. November 2026\n"
        )
    latin = text.encode("latin-1")
    new, _ = fixing.apply(latin, [fix_at(0, 18, 29, "22. November 2026")], "latin-1")
    assert new == "Zuletzt geändert: 22. November 2026\n".encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        fixing.apply(latin, [fix_at(0, 18, 29, "x")])


def test_overlapping_fixes_wait_for_the_next_pass_and_a_fix_is_all_or_nothing() -> None:
    data = b"abcdef\n"
    first = fix_at(0, 0, 3, "X")
    overlapping = Fix((Edit(Location(0, 2, 0, 3), "Y"), Edit(Location(0, 4, 0, 5), "Z")), "m")
    new, applied = fixing.apply(data, [overlapping, first])
    assert (new, applied) == (b"Xdef\n", 1)  # Z, which overlaps nothing, is not applied alone


def test_writing_is_atomic_and_keeps_the_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "privacy.md"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    replace_file(str(path), b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["privacy.md"]  # no temporary left


def check_piped(
    cwd: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}  # the suite's warm cache (conftest)
    for name in ("PRE_COMMIT", "PRE_COMMIT_FROM_REF", "GITHUB_ACTIONS"):
        env.pop(name, None)
    command = [sys.executable, "-m", "policylint", "check", "--today", "2026-11-22", *args]
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120)


def copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / "privacy.md"
    target.write_bytes(source.read_bytes())
    return target


def test_diff_shows_the_safe_fixes_and_writes_nothing(tmp_path: Path, check_in: CheckRun) -> None:
    notice = copy(tmp_path, UK)
    before = notice.read_bytes()
    status, out, err = check_in(tmp_path, "--diff", "privacy.md")
    assert status == 1
    assert notice.read_bytes() == before
    assert out.startswith("--- a/privacy.md\n+++ b/privacy.md\n")
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "---+++"]
    assert changed == [
        "-Information Commissioner's Office (ICO) on 0303 123 1114, or see ico.gov.uk.",
        "+Information Commissioner's Office (ICO) on 0303 123 1113, or see ico.org.uk.",
    ]
    assert "would fix 2 findings in 1 file" in err


def test_fix_writes_the_safe_fixes_and_a_second_run_has_nothing_left_to_fix(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = copy(tmp_path, UK)
    _, out, err = check_in(tmp_path, "--fix", "--select", "PL1,PL3,PL6", "privacy.md")
    assert "fixed 2 findings in 1 file" in err
    assert "0303 123 1113, or see ico.org.uk." in notice.read_text(encoding="utf-8")
    # What is left is reported: the stale date, whose fix is unsafe.
    assert out.splitlines() == [
        'privacy.md:7:15: warning: PL102 Last updated "23 July 2024", 852 days before '
        "2026-11-22 (limit 365): review the notice and update its date [last-updated-stale]",
        "1 file checked, 1 problem: 0 errors, 1 warning, 0 info.",
        "1 fixable with --fix --unsafe-fixes.",
    ]
    after = notice.read_bytes()
    again = check_in(tmp_path, "--fix", "--select", "PL1,PL3,PL6", "privacy.md")
    assert notice.read_bytes() == after  # idempotent
    assert "fixed" not in again[2]


def test_unsafe_fixes_bump_a_stale_date_everywhere_it_is_written(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = copy(tmp_path, UK)
    run = check_in(tmp_path, "--fix", "--unsafe-fixes", "--select", "PL1,PL3,PL6", "privacy.md")
    assert run[0] == 0, run
    text = notice.read_text(encoding="utf-8")
    assert 'last_updated: "2026-11-22"' in text  # the front matter's, quotes kept
    assert "Last updated: 22 November 2026" in text  # the body's, in its own format


@pytest.mark.parametrize(
    ("front", "body", "moved", "kept"),
    [
        (  # beside the body's date; not a text without a label, nor a version's date
            'subtitle: "Last updated on 3 March 2020"\nlead: Founded on 3 March 2020.\n'
            "description: Version 1.0 was issued on 3 March 2020.\n",
            "Last updated: 3 March 2020\n\n",
            ['subtitle: "Last updated on 22 November 2026"', "Last updated: 22 November 2026"],
            ["lead: Founded on 3 March 2020.", "description: Version 1.0 was issued on 3 March"],
        ),
        (  # beside a date key of the same day
            'last_modified_at: 2020-03-03\nsubtitle: "Last updated on 3 March 2020"\n',
            "",
            ["last_modified_at: 2026-11-22", 'subtitle: "Last updated on 22 November 2026"'],
            [],
        ),
    ],
)
def test_a_same_day_date_in_a_front_matter_text_moves_with_the_date_fixed(
    tmp_path: Path, check_in: CheckRun, front: str, body: str, moved: list[str], kept: list[str]
) -> None:
    notice = tmp_path / "privacy.md"
    notice.write_text(
        f"---\n{front}---\n\n# Privacy\n\n{body}Acme Ltd, hello@acme.example.\n",
        encoding="utf-8",
    )
    run = check_in(tmp_path, "--fix", "--unsafe-fixes", "--select", "PL102", "privacy.md")
    assert run[0] == 0, run
    text = notice.read_text(encoding="utf-8")
    assert [line for line in moved + kept if line not in text] == []


def test_unsafe_fix_adds_the_helpline_after_the_authoritys_name(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = copy(tmp_path, NL)
    out = check_in(tmp_path, "--diff", "--unsafe-fixes", "--select", "PL302", "privacy.md")[1]
    assert "+U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (telefoon: " \
        "088 - 1805 250)." in out  # fmt: skip
    assert check_in(tmp_path, "--diff", "--select", "PL302", "privacy.md")[1] == ""
    assert notice.read_bytes() == NL.read_bytes()


def test_standard_input_is_fixed_onto_standard_output(tmp_path: Path) -> None:
    run = check_piped(tmp_path, "--fix", "--select", "PL303", "-", stdin=UK.read_bytes())
    assert run.stdout == UK.read_bytes().replace(b"0303 123 1114", b"0303 123 1113")
    assert "1 file checked, no problems." in run.stderr.decode()


def test_json_and_sarif_say_which_findings_can_be_fixed(tmp_path: Path, check_in: CheckRun) -> None:
    copy(tmp_path, UK)
    out = check_in(tmp_path, "--format", "json", "--select", "PL102,PL303", "privacy.md")[1]
    findings = {f["code"]: f["fix"] for f in json.loads(out)}
    assert findings["PL303"] == {
        "message": "Replace it with 0303 123 1113",
        "applicability": "safe",
        "edits": [
            {"line": 13, "column": 44, "end_line": 13, "end_column": 57, "text": "0303 123 1113"}
        ],
    }
    assert findings["PL102"]["applicability"] == "unsafe"
    assert [e["line"] for e in findings["PL102"]["edits"]] == [3, 7]
    log = json.loads(check_in(tmp_path, "-f", "sarif", "--select", "PL303", "privacy.md")[1])
    (result,) = log["runs"][0]["results"]
    (fix,) = result["fixes"]
    assert fix["description"] == {"text": "Replace it with 0303 123 1113"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"].endswith("privacy.md")
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 13, "startColumn": 44, "endLine": 13, "endColumn": 57},
            "insertedContent": {"text": "0303 123 1113"},
        }
    ]


def test_a_fix_is_not_offered_where_markup_runs_through_the_words(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = tmp_path / "privacy.md"
    notice.write_text(
        "# Privacy\n\nLast updated: 1 October 2026\n\n"
        "Complain to the ICO on **0303** 123 1114 or at ico.gov.uk.\n",
        encoding="utf-8",
    )
    out = check_in(tmp_path, "--select", "PL303,PL605", "privacy.md")[1]
    assert "PL303 0303 123 1114 is not" in out  # reported, but without [*]
    assert "PL605 [*]" in out


def test_fixes_stay_out_of_urls_and_links_and_the_helpline_goes_after_the_markup(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = tmp_path / "privacy.md"
    notice.write_text(
        "# Privacy\n\nLast updated: 1 October 2026\n\n"
        "Call the ICO on [0303 123 1114](tel:+443031231114). See https://www.ico.gov.uk/x.\n",
        encoding="utf-8",
    )
    out = check_in(tmp_path, "--select", "PL303,PL605", "privacy.md")[1]
    assert "[*]" not in out and "PL303" in out and "PL605" in out
    notice.write_text("# Privacy\n\nSee www.ico.gov.uk today.\n", encoding="utf-8")
    diff = check_in(tmp_path, "--diff", "--select", "PL605", "privacy.md")[1]
    assert "+See www.ico.org.uk today." in diff  # a host after www. is replaced
    notice.write_text(
        "# Privacy\n\nLast updated: 1 October 2026\n\n"
        "Complain to the [Information Commissioner's Office](https://ico.org.uk).\n",
        encoding="utf-8",
    )
    diff = check_in(tmp_path, "--diff", "--unsafe-fixes", "--select", "PL302", "privacy.md")[1]
    assert "+Complain to the [Information Commissioner's Office](https://ico.org.uk) " \
        "(helpline: 0303 123 1113)." in diff  # fmt: skip


def test_a_fix_its_own_citation_would_match_is_not_offered(
    tmp_path: Path, check_in: CheckRun
) -> None:
    pack = tmp_path / "old-site.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: ACME050\n    name: old-privacy-page\n    severity: warning\n"
        "    message: '{name} moved'\n"
        "    cites:\n      - name: the old page\n"
        "        pattern: {default: ['example\\.com/privacy']}\n"
        "        fix: www.example.com/privacy\n",
        encoding="utf-8",
    )
    notice = tmp_path / "privacy.md"
    notice.write_text("# Privacy\n\nSee example.com/privacy for more.\n", encoding="utf-8")
    before = notice.read_bytes()
    status, out, _ = check_in(tmp_path, "--rules", str(pack), "--select", "ACME050", "--fix",
                              "privacy.md")  # fmt: skip
    assert notice.read_bytes() == before  # fixing would only make it fire again
    assert "ACME050 The old page moved" in out and "[*]" not in out
    assert status == 0  # warnings only


def test_a_fix_whose_finding_comes_back_is_applied_once_per_file() -> None:
    finding = Finding("n.md", 1, 1, 1, 4, "X001", "x", Severity.WARNING, "m",
                      fix_at(0, 0, 3, "abcd"))  # fmt: skip
    texts = []

    def relint(changed: Mapping[str, bytes]) -> list[Finding]:
        texts.append(changed["n.md"])
        return [finding]  # reported again, with the same fix

    left, fixed, errors = fixing.fix_all([finding], False, relint, known={"n.md": b"abc\n"})
    assert texts == [b"abcd\n"] and [f.after for f in fixed] == [b"abcd\n"] and not errors
    assert left == [finding]


def test_diff_reports_missing_paths_honours_exit_zero_and_splits_lines_as_git_does(
    tmp_path: Path, check_in: CheckRun
) -> None:
    copy(tmp_path, UK)
    status, _, err = check_in(tmp_path, "--diff", "privacy.md", "nosuch.md")
    assert status == 2 and "policylint: error: nosuch.md: no such file or directory" in err
    assert check_in(tmp_path, "--diff", "--exit-zero", "privacy.md")[0] == 0
    status, _, err = check_in(tmp_path, "--diff", "--write-baseline", "b.json", "privacy.md")
    assert status == 2 and "cannot go with --write-baseline" in err
    odd = tmp_path / "odd.md"
    odd.write_text(
        "# Privacy\n\nA line\u2028with a separator.\n\nComplain to the ICO on 0303 123 1114.\n",
        encoding="utf-8",
    )
    diff = check_in(tmp_path, "--diff", "--select", "PL303", "odd.md")[1]
    assert "No newline" not in diff
    assert (
        "-Complain to the ICO on 0303 123 1114.\n+Complain to the ICO on 0303 123 1113.\n" in diff
    )


def test_a_weekday_moves_with_the_date_and_a_date_never_moves_back(
    tmp_path: Path, check_in: CheckRun
) -> None:
    notice = tmp_path / "privacy.md"
    notice.write_text("# Privacy\n\nLast updated on Tuesday, 1 October 2024\n\nWe are Acme Ltd.\n")
    diff = check_in(tmp_path, "--diff", "--unsafe-fixes", "--select", "PL102", "privacy.md")[1]
    assert "+Last updated on Sunday, 22 November 2026" in diff  # 22 November 2026: a Sunday
    notice.write_text("# Privacy\n\nLast updated: Tue, 1 October 2024\n\nWe are Acme Ltd.\n")
    out = check_in(tmp_path, "--select", "PL102", "--unsafe-fixes", "privacy.md")[1]
    assert "PL102 Last updated" in out and "[*]" not in out  # "Tue" would be wrong: no fix
    diff_file = tmp_path / "out" / "fixes.diff"
    copy(tmp_path, UK)
    check_in(tmp_path, "--diff", "-o", str(diff_file), "privacy.md")
    assert diff_file.read_text().startswith("--- a/privacy.md\n")
