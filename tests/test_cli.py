"""The command line as a user runs it: exit codes, formats, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policylint.cli.app import app
from tests.conftest import FIXTURES

runner = CliRunner()
PARSER = FIXTURES / "parser"


def test_tree_text_shows_line_and_indented_title() -> None:
    result = runner.invoke(app, ["tree", str(PARSER / "numbered_headings.md")])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:4] == [
        " 1  Acme Privacy Notice",
        " 9  1. Introduction",
        "13  2. Your rights",
        "14    2.1. Access",
    ]


def test_tree_json_nests_sections() -> None:
    result = runner.invoke(app, ["tree", "--format", "json", str(PARSER / "numbered_headings.md")])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    rights = next(c for c in data["children"] if c["title"] == "2. Your rights")
    assert (rights["line"], rights["level"]) == (13, 1)
    assert [(c["line"], c["level"], c["title"]) for c in rights["children"]] == [
        (14, 2, "2.1. Access"),
        (18, 2, "2.2 Erasure"),
        (25, 2, "2.3"),
    ]


def test_tree_on_unreadable_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"Caf\xe9 policy")
    result = runner.invoke(app, ["tree", str(bad)])
    assert result.exit_code == 2
    reason = "not UTF-8 text: byte 0xe9 at offset 3 (save the file as UTF-8)"
    assert result.stderr.strip() == f"policylint: error: {bad}: {reason}"


def test_check_expands_directories_to_markdown_only(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Privacy\n\nText here.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.markdown").write_text("Privacy\n\nText here.\n")
    # A text file with a finding of its own: if discovery picked it up, it would show.
    (tmp_path / "notes.txt").write_text("Privacy\n\nWe charge a £10 fee for access requests.\n")
    args = ["check", "--format", "text", "--today", "2026-11-22", str(tmp_path)]
    lines = runner.invoke(app, args).stdout.splitlines()
    assert lines[-1].startswith("2 files checked")
    assert {line.split(":", 1)[0] for line in lines[:-1]} == {
        str(tmp_path / "a.md"),
        str(tmp_path / "sub" / "b.markdown"),
    }


def test_check_unreadable_file_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Caf\xe9")
    good = tmp_path / "good.md"
    good.write_text("Privacy\n\nText.\n")
    result = runner.invoke(app, ["check", "--format", "json", str(bad), str(good)])
    findings = json.loads(result.stdout)
    unreadable = [f for f in findings if f["code"] == "PL901"]
    assert unreadable == [
        {
            "path": str(bad),
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 2,
            "code": "PL901",
            "rule": "file-unreadable",
            "severity": "error",
            "message": "not UTF-8 text: byte 0xe9 at offset 3 (save the file as UTF-8)",
            "fix": None,
        }
    ]
    assert result.exit_code == 1


def test_check_text_lines_start_with_path_line_col(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Caf\xe9")
    result = runner.invoke(app, ["check", str(bad)])
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{bad}:1:1: error: PL901 not UTF-8 text: byte 0xe9 at offset 3 "
        "(save the file as UTF-8) [file-unreadable]"
    )
    assert lines[-1] == "1 file checked, 1 problem: 1 error, 0 warnings, 0 info."


def test_missing_path_exits_2_after_linting_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Caf\xe9")
    result = runner.invoke(app, ["check", str(tmp_path / "nope.md"), str(bad)])
    assert result.exit_code == 2
    assert "PL901" in result.stdout
    assert (
        result.stderr.strip()
        == f"policylint: error: {tmp_path / 'nope.md'}: no such file or directory"
    )
    # the summary does not read as a clean run
    assert result.stdout.splitlines()[-1] == (
        "1 file checked, 1 problem: 1 error, 0 warnings, 0 info; 1 path not found."
    )


def test_bad_option_value_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "--today", "2026-13-40", "x.md"])
    assert result.exit_code == 2


def test_module_and_console_script_both_run() -> None:
    for cmd in ([sys.executable, "-m", "policylint", "--version"], ["policylint", "--version"]):
        bindir = Path(sys.executable).parent
        if cmd[0] == "policylint":
            cmd[0] = str(bindir / "policylint")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        assert out.stdout.startswith("policylint ")


def test_jurisdiction_option_overrides_detection() -> None:
    us = str(FIXTURES / "rules" / "en" / "us-only.md")
    plain = runner.invoke(app, ["check", "-f", "json", "--today", "2026-11-22", us])
    mission = "PL1,PL2,PL3,PL4"  # the Article 13/14 rules would fire too, under UK law
    args = ["check", "-f", "json", "--today", "2026-11-22", "--jurisdiction", "gb,nl"]
    forced = runner.invoke(app, [*args, "--select", mission, us])
    assert json.loads(plain.stdout) == []
    assert [f["code"] for f in json.loads(forced.stdout)] == ["PL301"]
    assert "UK" in json.loads(forced.stdout)[0]["message"]


def test_rules_lists_every_rule_with_origin() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "PL401" in x)
    assert line.split()[:4] == ["PL401", "fee-claim-unsupported", "error", "built-in"]


def test_explain_prints_rationale_options_and_examples() -> None:
    result = runner.invoke(app, ["explain", "last-updated-stale"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("PL102 last-updated-stale (warning, from built-in)")
    assert "max-age-days = 365 (default 365)" in out
    assert "Fires on:" in out and "Does not fire:" in out
    unknown = runner.invoke(app, ["explain", "fee-claim"])
    assert unknown.exit_code == 2
    assert "did you mean 'fee-claim-unsupported'?" in unknown.stderr


def test_pack_errors_exit_2_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  - code: X1\n    name: [broken\n")
    result = runner.invoke(app, ["check", "--rules", str(broken), str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"policylint: error: {broken}:3: invalid YAML")
    assert "Traceback" not in result.output


def test_fail_on_warning_turns_warnings_into_exit_1() -> None:
    stale = str(FIXTURES / "rules" / "en" / "stale-month.md")
    assert runner.invoke(app, ["check", "--today", "2026-11-22", stale]).exit_code == 0
    failing = runner.invoke(app, ["check", "--today", "2026-11-22", "--fail-on", "warning", stale])
    assert failing.exit_code == 1


def test_fast_path_knows_exactly_the_options_of_the_typer_command() -> None:
    import typer.main

    from policylint.engine.options import declared

    command = typer.main.get_command(app)
    check = command.commands["check"]  # type: ignore[attr-defined]
    flags = {
        flag
        for param in check.params
        if param.param_type_name == "option"
        for flag in (*param.opts, *param.secondary_opts)
    }
    toggles = {
        "--no-" + spec.metadata["flags"][0][2:]
        for spec in declared()
        if spec.metadata["kind"] == "toggle"
    }
    declared_flags = {flag for spec in declared() for flag in spec.metadata["flags"]} | toggles
    assert flags - {"--help", "-h"} == declared_flags
    assert "--no-cache" in declared_flags and "-qq" not in declared_flags


@pytest.mark.parametrize(
    "argv",
    [
        ["-f", "json", "--today", "2026-11-22", "--jurisdiction", "UK", "--select=PL1,PL4"],
        ["--statistics", "--exit-zero", "-j", "1", "--select", "PL1", "--extend-select=PL4"],
        ["-qq", "--force-exclude", "--language", "en"],
        ["-q", "-v", "--format", "text", "--today", "2026-11-22"],
        [
            "-f",
            "json",
            "--today=2026-11-22",
            "--ignore",
            "PL201",
            "--no-color",
            "--fail-on",
            "warning",
        ],
    ],
)
def test_fast_path_and_typer_give_the_same_result(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from policylint.cli import fastpath
    from policylint.engine import checking

    paths = [str(FIXTURES / "rules" / "en"), str(FIXTURES / "rules" / "nl")]
    options = fastpath.parse_argv([*argv, *paths])
    assert options is not None
    fast_code = checking.run(options)
    fast_out = capsys.readouterr().out
    slow = runner.invoke(app, ["check", *argv, *paths])
    assert (fast_code, fast_out) == (slow.exit_code, slow.stdout)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--format", "xml"],
        ["--today", "2026-13-01"],
        ["--unknown"],
        ["--jobs", "x"],
        ["-j", "UK"],
        ["-qv"],
    ],
)
def test_fast_path_defers_anything_it_does_not_understand(argv: list[str]) -> None:
    from policylint.cli import fastpath

    assert fastpath.parse_argv(argv) is None


@pytest.mark.parametrize("extra", [[], ["--config", "no-such-config.toml"]])
def test_main_leaves_the_garbage_collector_on_for_in_process_callers(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from policylint import cli

    path = str(FIXTURES / "rules" / "en")
    with pytest.raises(SystemExit) as stop:
        cli.main(["check", "--no-cache", "--today=2026-11-22", *extra, path])
    capsys.readouterr()
    assert stop.value.code == (2 if extra else 1)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("argv", "accepted"),
    [
        (["--jobs", "0"], False),
        (["-j", "1"], True),
        (["--fail-on", "info"], True),
        (["--fail-on", "notice"], False),
        (["--format", "junit"], True),
        (["--today", "2026-02-30"], False),
    ],
)
def test_fast_path_and_typer_accept_the_same_values(argv: list[str], accepted: bool) -> None:
    from policylint.cli import fastpath

    fast = fastpath.parse_argv([*argv, "--show-files", str(FIXTURES / "rules" / "en")])
    slow = runner.invoke(app, ["check", *argv, "--show-files", str(FIXTURES / "rules" / "en")])
    assert (fast is not None) is accepted
    assert (slow.exit_code == 0) is accepted, slow.output
