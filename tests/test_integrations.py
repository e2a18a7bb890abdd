"""Where users run policylint: pre-commit, GitHub Actions, SARIF, editors, terminals."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from policylint.cli import app
from tests.conftest import ROOT, SEEDS, seed

TODAY = ["--today", "2026-11-22"]
SCHEMA = SEEDS.parent / "schemas" / "sarif-schema-2.1.0.json"


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *TODAY, *args], env=env or {})
    return result.exit_code, result.stdout


def test_github_format_prints_workflow_commands(seeds: Path) -> None:
    code, out = check(str(seed(seeds, "003")), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert f"::error file={seed(seeds, '003')},line=76,col=27,endLine=76,endColumn=47," in out
    assert "title=PL401 fee-claim-unsupported::Fee claimed" in out
    stale = check("--format", "github", str(seed(seeds, "000")))[1]
    assert stale.startswith("::warning file=")


def test_auto_is_text_outside_github_actions(seeds: Path) -> None:
    out = check(str(seed(seeds, "003")), env={"GITHUB_ACTIONS": ""})[1]
    assert not out.startswith("::")


def test_workflow_command_values_are_escaped() -> None:
    from policylint.findings import Finding, Severity
    from policylint.formatters.github import command

    finding = Finding("a,b:c.md", 1, 2, 1, 3, "X1", "x", Severity.INFO, "50%\nnext")
    assert command(finding) == (
        "::notice file=a%2Cb%3Ac.md,line=1,col=2,endLine=1,endColumn=3,title=X1 x::50%25%0Anext"
    )


def test_step_summary_table_is_written_when_github_asks(seeds: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    check(str(seed(seeds, "003")), env=env)
    table = summary.read_text()
    assert "| file | line | severity | rule | message |" in table
    assert "| 76 | error | PL401 fee-claim-unsupported |" in table


def test_sarif_for_all_seeds_validates_against_the_schema(seeds: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas is not present")
    code, out = check("--format", "sarif", *sorted(str(p) for p in seeds.glob("*.txt")))
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["PL401"]["name"] == "fee-claim-unsupported"
    assert rules["PL401"]["defaultConfiguration"]["level"] == "error"
    assert rules["PL102"]["defaultConfiguration"]["level"] == "warning"
    assert all(r["helpUri"].startswith("https://") for r in rules.values())
    assert len(run["results"]) == 10
    fee = next(r for r in run["results"] if r["ruleId"] == "PL401")
    assert fee["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 76, "startColumn": 27, "endLine": 76, "endColumn": 47,
    }  # fmt: skip
    assert run["tool"]["driver"]["rules"][fee["ruleIndex"]]["id"] == "PL401"


def test_problem_matcher_parses_text_output(seeds: Path) -> None:
    matcher = json.loads((ROOT / ".github" / "policylint-matcher.json").read_text())
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    out = check("--format", "text", str(seed(seeds, "003")))[1]
    parsed = [m for m in map(regexp.match, out.splitlines()) if m]
    assert len(parsed) == 4  # the summary line is not a problem
    fee = parsed[-1]
    assert fee.group(pattern["file"]) == str(seed(seeds, "003"))
    assert (fee.group(pattern["line"]), fee.group(pattern["column"])) == ("76", "27")
    assert (fee.group(pattern["severity"]), fee.group(pattern["code"])) == ("error", "PL401")
    assert fee.group(pattern["message"]).startswith("Fee claimed for a request")


def test_show_source_underlines_the_span(seeds: Path) -> None:
    out = check("--format", "text", "--show-source", "--select", "PL401", str(seed(seeds, "003")))[
        1
    ]
    lines = out.splitlines()
    assert lines[1].startswith(" 76 | obtain from CloudSentric, for a prescribed fee,")
    assert lines[2] == "    | " + " " * 26 + "^" * 20


def test_colour_only_when_asked_or_on_a_terminal_and_never_with_no_color(seeds: Path) -> None:
    path = str(seed(seeds, "003"))
    assert "\033[" not in check("--format", "text", path)[1]  # not a terminal
    assert "\033[31m" in check("--format", "text", "--color", path)[1]
    assert "\033[" not in check("--format", "text", "--color", path, env={"NO_COLOR": "1"})[1]


def test_junit_report(seeds: Path) -> None:
    out = check("--format", "junit", *sorted(str(p) for p in seeds.glob("*.txt")))[1]
    suite = ET.fromstring(out.split("?>", 1)[1])
    assert (suite.get("tests"), suite.get("failures")) == ("5", "5")
    assert len(suite.findall("testcase/failure")) == 5


def test_output_file_receives_the_report(seeds: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out = check("--format", "sarif", "--output-file", str(target), str(seed(seeds, "003")))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_for_real(seeds: Path, tmp_path: Path) -> None:
    """pre-commit try-repo installs this checkout as a hook and runs it on a repo.

    try-repo takes the checkout's tracked files (with their uncommitted
    changes); a new module not yet added to git is not part of the hook.
    """
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "docs"
    repo.mkdir()
    shutil.copy(seed(seeds, "003"), repo / "privacy.md")
    (repo / "notes.txt").write_text("Fee: £10 for every access request.\n")  # not Markdown
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    env = {**os.environ, **identity, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    result = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "policylint", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "privacy.md:76:27: error: PL401" in result.stdout
    assert "notes.txt" not in result.stdout
