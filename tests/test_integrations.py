"""Where users run policylint: GitHub workflow commands, the step summary, the problem
matcher, JUnit and terminals. All on fixtures/integrations, so a bare clone runs them.

SARIF is in test_sarif.py, the action in test_action.py, pre-commit in test_pre_commit.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from typer.testing import CliRunner

from policylint.cli.app import app
from tests.conftest import FIXTURES, ROOT

# The Article 13/14 and outdated-law families (PL5xx, PL6xx) are tested in test_kinds and
# test_corpus; these tests are about the output, on notices written for the mission rules.
TODAY = ["--today", "2026-11-22", "--ignore", "PL5,PL6"]
NOTICES = FIXTURES / "integrations"
NOTICE = str(NOTICES / "privacy.md")  # one error, one warning, one info
CLEAN = str(NOTICES / "clean.md")
# A pack whose message spans lines and holds HTML and a pipe.
PACK = """rules:
  - code: ACME010
    name: no-shield
    severity: warning
    message: |-
      Privacy Shield is gone | see <b>Schrems II</b>
      and use the EU-US Data Privacy Framework
    forbid: 'Privacy\\s+Shield'
"""


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *TODAY, *args], env=env or {})
    return result.exit_code, result.stdout


def test_github_format_prints_workflow_commands() -> None:
    code, out = check(NOTICE, env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"::warning file={NOTICE},line=3,col=15,endLine=3,")
    assert lines[1].startswith(f"::notice file={NOTICE},line=9,col=1,")
    assert lines[2].startswith(f"::error file={NOTICE},line=11,col=1,endLine=11,endColumn=23,")
    assert "title=PL401 fee-claim-unsupported::Fee claimed" in lines[2]


def test_auto_is_text_outside_github_actions() -> None:
    out = check(NOTICE, env={"GITHUB_ACTIONS": ""})[1]
    assert out.startswith(f"{NOTICE}:3:15: warning: PL102 ")


def test_workflow_command_values_are_escaped() -> None:
    from policylint.base.findings import Finding, Severity
    from policylint.report.github import command

    finding = Finding("a,b:c.md", 1, 2, 1, 3, "X1", "x", Severity.INFO, "50%\nnext")
    assert command(finding) == (
        "::notice file=a%2Cb%3Ac.md,line=1,col=2,endLine=1,endColumn=3,title=X1 x::50%25%0Anext"
    )


def test_step_summary_table_is_written_when_github_asks(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    check(NOTICE, env=env)
    table = summary.read_text()
    assert "| file | line | severity | rule | message |" in table
    assert "| 11 | error | PL401 fee-claim-unsupported |" in table


def _shield_notice(tmp_path: Path, name: str = "privacy.md") -> tuple[str, str]:
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK)
    notice = tmp_path / name
    notice.write_text("# Privacy\n\nLast updated: 1 October 2026\n\nWe use Privacy Shield.\n")
    return str(pack), str(notice)


def test_multi_line_pack_message_is_one_line_of_text(tmp_path: Path) -> None:
    pack, notice = _shield_notice(tmp_path)
    out = check("--format", "text", "--rules", pack, "--select", "ACME010", notice)[1]
    assert out.splitlines()[0] == (
        f"{notice}:5:8: warning: ACME010 Privacy Shield is gone | see <b>Schrems II</b> "
        "and use the EU-US Data Privacy Framework [no-shield]"
    )


def test_step_summary_escapes_markup_and_keeps_one_row_per_finding(tmp_path: Path) -> None:
    pack, notice = _shield_notice(tmp_path, "a|<i>b_x.md")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    check("--format", "text", "--rules", pack, "--select", "ACME010", notice, env=env)
    rows = [r for r in summary.read_text().splitlines() if r.startswith("| ")]
    assert len(rows) == 3  # header, rule, one finding
    assert "<" not in rows[2] and "\n" not in rows[2]
    assert "a\\|&lt;i&gt;b\\_x.md" in rows[2]
    assert rows[2].endswith(
        "| Privacy Shield is gone \\| see &lt;b&gt;Schrems II&lt;/b&gt; and use the EU-US Data "
        "Privacy Framework |"
    )


def _runner_annotations(matchers: list[dict[str, object]], output: str) -> list[dict[str, str]]:
    """Apply problem matchers as the Actions runner does, line by line.

    Only single-line patterns are needed here. The severity is the matched
    group, else the matcher's default ``severity``; the runner keeps only
    error (also the fallback for none), warning and notice, and skips
    anything else.
    """
    found = []
    for text in output.splitlines():
        for matcher in matchers:
            (pattern,) = matcher["pattern"]  # type: ignore[misc]
            match = re.match(pattern["regexp"], text)
            if not match:
                continue
            group = pattern.get("severity")
            severity = (match.group(group) if group else matcher.get("severity")) or "error"
            if str(severity).lower() not in ("error", "warning", "notice"):
                continue  # the runner skips unsupported severities
            found.append(
                {
                    "severity": str(severity).lower(),
                    "file": match.group(pattern["file"]),
                    "line": match.group(pattern["line"]),
                    "column": match.group(pattern["column"]),
                    "code": match.group(pattern["code"]),
                    "message": match.group(pattern["message"]),
                }
            )
            break  # the first matcher that matches a line owns it
    return found


def test_problem_matcher_turns_every_finding_into_a_supported_annotation() -> None:
    config = json.loads((ROOT / ".github" / "policylint-matcher.json").read_text())
    matchers = config["problemMatcher"]
    assert len({m["owner"] for m in matchers}) == len(matchers)
    out = check("--format", "text", NOTICE, CLEAN)[1]
    annotations = _runner_annotations(matchers, out)
    assert [(a["severity"], a["line"], a["column"], a["code"]) for a in annotations] == [
        ("warning", "3", "15", "PL102"),
        ("notice", "9", "1", "PL904"),
        ("error", "11", "1", "PL401"),
    ]  # the summary line is not a problem
    assert all(a["file"] == NOTICE for a in annotations)
    assert annotations[2]["message"].startswith("Fee claimed for a request")
    assert annotations[1]["message"].endswith("remove it [unused-suppression]")


def test_show_source_underlines_the_span() -> None:
    out = check("--format", "text", "--show-source", "--select", "PL102", NOTICE)[1]
    lines = out.splitlines()
    assert lines[1] == " 3 | Last updated: 1 September 2024"
    assert lines[2] == "   | " + " " * 14 + "^" * 16


def test_colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() -> None:
    assert "\033[" not in check("--format", "text", NOTICE)[1]  # not a terminal
    assert "\033[31m" in check("--format", "text", "--color", NOTICE)[1]
    assert "\033[" not in check("--format", "text", "--color", NOTICE, env={"NO_COLOR": "1"})[1]


def _junit(*args: str) -> tuple[int, ET.Element]:
    code, out = check("--format", "junit", *args)
    assert out.startswith("<?xml")
    return code, ET.fromstring(out.split("?>", 1)[1])


def test_junit_has_one_case_per_file_and_clean_files_pass(tmp_path: Path) -> None:
    code, suite = _junit(NOTICE, CLEAN, str(tmp_path / "gone.md"))
    assert code == 2
    counts = (suite.get("tests"), suite.get("failures"), suite.get("errors"))
    assert counts == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == [CLEAN, NOTICE, str(tmp_path / "gone.md")]
    assert list(cases[CLEAN]) == []  # passed
    (failure,) = cases[NOTICE].findall("failure")
    assert failure.text is not None and failure.text.count("\n") == 0  # only the error fails
    assert ": error: PL401 " in failure.text
    assert "PL102" in (cases[NOTICE].findtext("system-out") or "")
    (error,) = cases[str(tmp_path / "gone.md")]
    assert error.tag == "error"


def test_junit_fails_a_file_only_at_or_above_fail_on() -> None:
    warnings_only = str(FIXTURES / "rules" / "en" / "stale-month.md")
    code, suite = _junit("--fail-on", "error", warnings_only, CLEAN)
    assert code == 0
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "0")
    code, suite = _junit("--fail-on", "warning", warnings_only, CLEAN)
    assert code == 1
    assert suite.get("failures") == "1"
    assert [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None] == [
        warnings_only
    ]


def test_output_file_receives_the_report(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out = check("--format", "sarif", "--output-file", str(target), NOTICE)
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


LEGACY = (
    "# Café Rouge privacy notice\n\n"
    "Last updated: 1 September 2024, by the Café Rouge team\n\n"
    "Write to privacy@caferouge.example with any question about your data.\n"
)


def test_show_source_decodes_with_the_encoding_the_lint_used(tmp_path: Path) -> None:
    notice = tmp_path / "notice.md"
    notice.write_bytes(LEGACY.encode("latin-1"))  # not UTF-8: "é" is one byte, 0xE9
    out = check("--show-source", "--encoding", "latin-1", "--select", "PL102", str(notice))[1]
    lines = out.splitlines()
    assert lines[1] == " 3 | Last updated: 1 September 2024, by the Café Rouge team"
    assert lines[2] == "   | " + " " * 14 + "^" * 16
