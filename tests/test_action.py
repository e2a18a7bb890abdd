"""The GitHub Action: action.yml is a well-formed composite action, and its shell steps
run as the runner runs them, with inputs holding spaces and quotes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, load_yaml

ACTION = ROOT / "action.yml"
NOTICE = FIXTURES / "integrations" / "privacy.md"  # one error, one warning, one info
EXPRESSION = re.compile(r"\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}")
QUOTED = 'legal/it\'s "final".md'


def action() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(ACTION.read_text(encoding="utf-8"))
    return data


def test_action_is_a_well_formed_composite_action() -> None:
    data = action()
    assert data["name"] == "policylint" and data["description"]
    assert data["runs"]["using"] == "composite"
    for name, spec in data["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec.get("default", ""), str), name
    for name, spec in data["outputs"].items():
        assert EXPRESSION.search(spec["value"]) or "steps." in spec["value"], name
    steps = data["runs"]["steps"]
    assert steps
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through env only: never pasted into the script.
            assert "${{" not in step["run"], step.get("name")
    used = {m.group(2) for m in EXPRESSION.finditer(ACTION.read_text()) if m.group(1) == "inputs"}
    assert used == set(data["inputs"])


def run_steps(
    workspace: Path, inputs: dict[str, str], tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, Path]]:
    """Run the action's shell steps in ``workspace`` as the runner would.

    Inputs not given take their defaults; ``${{ inputs.x }}`` and
    ``${{ github.action_path }}`` in a step's env are replaced by their
    values. The install step is skipped: policylint comes from this test's
    environment, through a shim on PATH that counts the runs.
    """
    data = action()
    values = {name: spec.get("default", "") for name, spec in data["inputs"].items()}
    values.update(inputs)
    github = {"action_path": str(ROOT)}
    files = {name: tmp_path / name for name in ("summary.md", "output.txt", "runner-temp", "bin")}
    files["runner-temp"].mkdir()
    files["bin"].mkdir()
    real = Path(sys.executable).parent / "policylint"
    shim = files["bin"] / "policylint"
    shim.write_text(f'#!/bin/sh\necho run >> "{tmp_path}/runs"\nexec "{real}" "$@"\n')
    shim.chmod(0o755)
    venv = str(Path(sys.executable).parent)
    base = {
        **os.environ,
        "PATH": os.pathsep.join([str(files["bin"]), venv, os.environ["PATH"]]),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(files["summary.md"]),
        "GITHUB_OUTPUT": str(files["output.txt"]),
        "RUNNER_TEMP": str(files["runner-temp"]),
    }

    def expand(text: str) -> str:
        return EXPRESSION.sub(
            lambda m: (values if m.group(1) == "inputs" else github)[m.group(2)], text
        )

    result = None
    for step in data["runs"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        env = {**base, **{k: expand(str(v)) for k, v in step.get("env", {}).items()}}
        script = tmp_path / "step.sh"
        script.write_text(step["run"])
        # The runner's bash: bash --noprofile --norc -eo pipefail {0}
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        if result.returncode:
            break
    assert result is not None
    files["runs"] = tmp_path / "runs"
    return result, files


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checkout with notices whose names hold spaces and quotes."""
    root = tmp_path / "workspace"
    for name in ("docs/privacy notice.md", QUOTED):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(NOTICE, root / name)
    return root


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


@needs_bash
def test_one_run_gives_annotations_summary_and_sarif(workspace: Path, tmp_path: Path) -> None:
    inputs = {
        "paths": f"docs/privacy notice.md\n\n{QUOTED}\n",
        "args": "--today 2026-11-22 --ignore 'PL102,PL5,PL6' --fail-on \"warning\"",
        "sarif-file": "reports/not yet/policylint.sarif",
    }
    result, files = run_steps(workspace, inputs, tmp_path)
    assert result.returncode == 1, result.stderr
    assert files["runs"].read_text() == "run\n"  # one lint run
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::notice file=docs/privacy notice.md,line=9,col=1,")
    assert lines[1].startswith("::error file=docs/privacy notice.md,line=11,col=1,")
    assert lines[3].startswith(f"::error file={QUOTED},line=11,col=1,")
    assert lines[4] == "2 files checked, 4 problems: 2 errors, 0 warnings, 2 info."
    assert "| 11 | error | PL401 fee-claim-unsupported |" in files["summary.md"].read_text()
    log = json.loads((workspace / inputs["sarif-file"]).read_text())
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert sorted(set(uris)) == ["docs/privacy%20notice.md", "legal/it%27s%20%22final%22.md"]
    assert files["output.txt"].read_text().splitlines() == [
        "exit-code=1",
        f"sarif-file={inputs['sarif-file']}",
    ]


@needs_bash
def test_text_format_registers_the_problem_matcher(workspace: Path, tmp_path: Path) -> None:
    inputs = {"format": "text", "args": "--today 2026-11-22 --ignore PL5,PL6", "paths": "docs"}
    result, files = run_steps(workspace, inputs, tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    matcher = ROOT / ".github" / "policylint-matcher.json"
    assert lines[0] == f"::add-matcher::{matcher}"
    assert lines[1].startswith("docs/privacy notice.md:3:15: warning: PL102 ")
    assert lines[-2:] == [
        "::remove-matcher owner=policylint::",
        "::remove-matcher owner=policylint-info::",
    ]
    assert files["output.txt"].read_text().splitlines()[0] == "exit-code=1"


@needs_bash
def test_clean_run_and_default_paths(workspace: Path, tmp_path: Path) -> None:
    (workspace / "docs" / "privacy notice.md").unlink()
    (workspace / "legal" / QUOTED.split("/")[1]).unlink()
    shutil.copy(FIXTURES / "integrations" / "clean.md", workspace / "docs" / "privacy.md")
    result, files = run_steps(workspace, {"args": "--today 2026-11-22"}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "1 file checked, no problems.\n"
    assert files["output.txt"].read_text().splitlines() == ["exit-code=0", "sarif-file="]


@needs_bash
def test_unbalanced_quote_in_args_is_a_one_line_error(workspace: Path, tmp_path: Path) -> None:
    result, files = run_steps(workspace, {"args": "--ignore 'PL102"}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        'policylint action: input args: No closing quotation: "--ignore \'PL102"'
    ]
    assert not files["runs"].exists()
    assert files["output.txt"].read_text().splitlines() == ["exit-code=2"]


@needs_bash
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_reports_a_notice_changed_without_a_new_date(
    workspace: Path, tmp_path: Path
) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=workspace, check=True)
    subprocess.run([*git, "add", "."], cwd=workspace, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=workspace, check=True)
    notice = workspace / "docs/privacy notice.md"
    notice.write_text(notice.read_text(encoding="utf-8") + "\nWe added a sentence.\n")
    inputs = {"paths": "docs", "diff-base": "HEAD", "args": "--today 2026-11-22 --select PL104"}
    result, _ = run_steps(workspace, inputs, tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith(
        "::error file=docs/privacy notice.md,line=3,col=15,endLine=3,endColumn=31,"
        "title=PL104 last-updated-not-bumped::The text changed since HEAD (changed sentences: 1)"
    )
