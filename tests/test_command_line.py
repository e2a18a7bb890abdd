"""The command line people know from ruff: stdin, globs, .gitignore, exclude, quiet, errors.

Each test builds a small tree of real files (names with spaces, symlinks,
upper-case extensions) and runs the real CLI: the installed console script
in a subprocess where standard input, pipes or the environment matter, the
typer runner elsewhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policylint.cli.app import app
from policylint.cli.fastpath import parse_argv
from tests.conftest import FIXTURES

runner = CliRunner()
NOTICE = FIXTURES / "example" / "privacy.md"  # UK notice: PL102, PL302 warnings, PL401 error
DUTCH = FIXTURES / "rules" / "nl" / "schoon.md"
TODAY = "--today=2026-11-22"


def policylint(
    *args: str, cwd: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "policylint"
    return subprocess.run(
        [str(script), *args], cwd=cwd, input=stdin.decode(), capture_output=True, text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=120,
    )  # fmt: skip


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    """A repository: notices under docs/ and legal/, a draft, an ignored file, a link out."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for name in (
        "docs/privacy notice.md",
        "docs/drafts/old.md",
        "legal/PRIVACY.MD",
        "docs/build/out.md",
        "docs/build/keep.md",
        "docs/datenschutzerklärung.md",
    ):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(NOTICE.read_bytes())
    (repo / ".gitignore").write_text("datenschutz*\n")
    (repo / "docs" / ".gitignore").write_text("build/*\n!build/keep.md\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "elsewhere.md").write_bytes(NOTICE.read_bytes())
    (repo / "docs" / "link").symlink_to(outside, target_is_directory=True)
    (repo / "docs" / "file-link.md").symlink_to(outside / "elsewhere.md")
    old = Path.cwd()
    os.chdir(repo)
    try:
        yield repo
    finally:
        os.chdir(old)


def shown(*args: str) -> list[str]:
    result = runner.invoke(app, ["check", "--show-files", *args])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_walk_honours_gitignore_case_and_never_leaves_through_a_symlink(tree: Path) -> None:
    # docs/.gitignore ignores build/* but !build/keep.md brings it back; the top
    # .gitignore drops the German notice; .MD counts; neither symlink to the folder
    # outside is followed. Walking from docs/ still reads the repository's .gitignore.
    assert shown(".") == [
        "docs/privacy notice.md", "docs/build/keep.md", "docs/drafts/old.md", "legal/PRIVACY.MD",
    ]  # fmt: skip
    assert shown("docs") == ["docs/privacy notice.md", "docs/build/keep.md", "docs/drafts/old.md"]


def test_the_repositorys_info_exclude_counts_below_its_gitignore(tree: Path) -> None:
    (tree / ".git" / "info").mkdir()
    (tree / ".git" / "info" / "exclude").write_text("legal/\ndocs/privacy notice.md\n")
    (tree / ".gitignore").write_text("datenschutz*\n!docs/privacy notice.md\n")
    assert shown(".") == ["docs/privacy notice.md", "docs/build/keep.md", "docs/drafts/old.md"]


def test_exclude_by_folder_name_and_force_exclude(tree: Path) -> None:
    (tree / "pyproject.toml").write_text("[tool.policylint]\nexclude = ['drafts']\n")
    assert "docs/drafts/old.md" not in shown("docs")
    assert shown("docs/drafts/old.md") == ["docs/drafts/old.md"]  # named: linted
    assert shown("--force-exclude", "docs/drafts/old.md") == []


def test_quoted_glob_is_expanded_by_us_and_stays_inside(tree: Path) -> None:
    found = shown("docs/**/*.md")
    assert "docs/privacy notice.md" in found and "docs/build/keep.md" in found
    assert not any("link" in path or "elsewhere" in path for path in found)
    missing = runner.invoke(app, ["check", "nothing/**/*.md"])
    assert missing.exit_code == 2
    assert "nothing/**/*.md: no such file or directory" in missing.stderr


def test_stdin_reports_the_stdin_filename_and_matches_config(tree: Path) -> None:
    data = NOTICE.read_bytes()
    result = policylint("check", "-", "--stdin-filename", "docs/privacy.md", TODAY,
                        cwd=tree, stdin=data)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("docs/privacy.md:3:15: warning: PL102 ")
    (tree / ".policylint.toml").write_text(
        "exclude = ['private/']\n[per-file-ignores]\n"
        "'docs/*.md' = ['fee-claim-unsupported', 'access-terms-outdated']\n"
    )
    ignored = policylint("check", "-", "--stdin-filename", "docs/privacy.md", TODAY,
                         cwd=tree, stdin=data)  # fmt: skip
    assert ignored.returncode == 0 and "PL401" not in ignored.stdout and "PL102" in ignored.stdout
    skipped = policylint("check", "--stdin-filename", "private/x.md", "--force-exclude", TODAY,
                         cwd=tree, stdin=data)  # fmt: skip
    assert (skipped.returncode, skipped.stdout) == (0, "0 files checked, no problems.\n")


def test_exit_zero_statistics_quiet_and_verbose(tree: Path) -> None:
    files = ["legal/PRIVACY.MD", "docs/privacy notice.md"]
    zero = runner.invoke(app, ["check", TODAY, "--exit-zero", *files])
    assert zero.exit_code == 0 and "PL401" in zero.stdout
    # The mission rules' counts (PL5xx/PL6xx are tested in test_kinds and test_corpus).
    stats = runner.invoke(app, ["check", TODAY, "--statistics", "--ignore=PL5,PL6", *files])
    assert stats.exit_code == 1
    assert stats.stdout.splitlines() == [
        "2\tPL102\tlast-updated-stale",
        "2\tPL302\tauthority-helpline-missing",
        "2\tPL401\tfee-claim-unsupported",
    ]
    as_json = runner.invoke(app, ["check", TODAY, "--statistics", "-f", "json", files[0]])
    assert json.loads(as_json.stdout)[0] == {
        "code": "PL102",
        "name": "last-updated-stale",
        "count": 1,
    }
    quiet = runner.invoke(app, ["check", TODAY, "-f", "text", "-q", "--ignore=PL5,PL6", *files])
    assert len(quiet.stdout.splitlines()) == 6 and "checked" not in quiet.stdout
    silent = runner.invoke(app, ["check", TODAY, "-qq", *files])
    assert (silent.exit_code, silent.stdout) == (1, "")
    loud = runner.invoke(app, ["check", TODAY, "-v", "--no-cache", *files])
    assert "policylint: config: none (defaults)" in loud.stderr
    assert "policylint: 2 files to check" in loud.stderr
    assert " s (parser: markdown-it-py)\n" in loud.stderr  # the suite's parser


def test_show_settings_names_config_rules_and_each_notices_profile(tree: Path) -> None:
    (tree / ".policylint.toml").write_text("ignore = ['PL201']\n[severity]\nPL102 = 'error'\n")
    (tree / "docs" / "nl.md").write_bytes(DUTCH.read_bytes())
    result = runner.invoke(app, ["check", "--show-settings", "docs/nl.md", "legal/PRIVACY.MD"])
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == f"Config file: {tree / '.policylint.toml'}"
    assert any(line.split() == ["PL102", "last-updated-stale", "error"] for line in out)
    assert not any("PL201" in line for line in out)
    assert "  docs/nl.md: language nl, jurisdictions NL" in out
    assert "  legal/PRIVACY.MD: language en, jurisdictions UK" in out


def test_rules_as_json() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    rules = {r["code"]: r for r in json.loads(result.stdout)}
    assert rules["PL401"] == {
        "code": "PL401", "name": "fee-claim-unsupported", "severity": "error", "enabled": True,
        "origin": "built-in", "summary": rules["PL401"]["summary"], "url": rules["PL401"]["url"],
    }  # fmt: skip


def test_extend_select_adds_to_the_configured_select(tree: Path) -> None:
    (tree / ".policylint.toml").write_text("select = ['PL1']\nextend-select = ['PL3']\n")
    plain = runner.invoke(app, ["check", TODAY, "-f", "json", "legal/PRIVACY.MD"])
    codes = {f["code"] for f in json.loads(plain.stdout)}
    assert codes == {"PL102", "PL302"}
    flagged = runner.invoke(app, ["check", TODAY, "-f", "json", "--extend-select", "PL4",
                                  "legal/PRIVACY.MD"])  # fmt: skip
    assert {f["code"] for f in json.loads(flagged.stdout)} == {"PL102", "PL302", "PL401"}


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ("[tool.policylint]\nselect = ['PL1']\n", ["--select", "PL9999"],
         "policylint: error: --select: unknown rule 'PL9999'"),
        ("[tool.policylint]\nignore = ['PL9999']\n", ["--select", "PL1"],
         "policylint: error: {pyproject}: [tool.policylint] ignore: unknown rule 'PL9999'"),
        ("[tool.policylint]\n", ["--jurisdiction", "4"],
         "policylint: error: --jurisdiction: unknown jurisdiction '4'"),
        ("[tool.policylint]\nlanguage = 'xx'\n", [],
         "policylint: error: {pyproject}: [tool.policylint]: 'language': unknown language 'xx'"),
        ("[tool.policylint]\n", ["--language", "english"],
         "policylint: error: --language: unknown language 'english' (known: da, de, en"),
        ("[tool.policylint.per-file-ignores]\n'*.md' = ['XX9']\n", [],
         "policylint: error: {pyproject}: [tool.policylint] per-file-ignores: unknown rule 'XX9'"),
    ],
)  # fmt: skip
def test_errors_blame_the_flag_or_the_config_key(
    tree: Path, config: str, args: list[str], message: str
) -> None:
    (tree / "pyproject.toml").write_text(config)
    result = policylint("check", *args, "legal", cwd=tree)
    assert result.returncode == 2
    assert result.stderr.startswith(message.format(pyproject=tree / "pyproject.toml"))
    assert len(result.stderr.splitlines()) == 1


def test_dash_j_is_jobs_as_in_make() -> None:
    parsed = parse_argv(["-j", "4", "-qq", "x.md"])
    assert parsed is not None
    assert (parsed.jobs, parsed.jurisdiction, parsed.quiet) == (4, None, 2)


def test_output_file_creates_its_folder(tree: Path) -> None:
    target = tree / "reports" / "deep" / "out.json"
    result = runner.invoke(app, ["check", TODAY, "-f", "json", "-o", str(target), "legal"])
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text())[0]["path"] == "legal/PRIVACY.MD"


def test_a_closed_pipe_ends_quietly(tree: Path) -> None:
    script = Path(sys.executable).parent / "policylint"
    proc = subprocess.Popen(
        [str(script), "check", TODAY, "docs", "legal"], cwd=tree, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written (| head -0)
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert stderr == ""


@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({"NO_COLOR": ""}, "--color", True),  # empty NO_COLOR does not count
        ({"NO_COLOR": "1"}, "--color", False),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, None, True),  # not a terminal, yet forced
        ({"FORCE_COLOR": "", "NO_COLOR": ""}, None, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": ""}, "--no-color", False),
    ],
)
def test_no_color_and_force_color(env: dict[str, str], flag: str | None, coloured: bool) -> None:
    args = ["check", TODAY, "-f", "text", *([flag] if flag else []), str(NOTICE)]
    result = policylint(*args, cwd=FIXTURES, env=env)
    assert ("\033[" in result.stdout) is coloured


def test_a_jurisdiction_typo_is_an_error_not_a_silent_switch_off(tmp_path: Path) -> None:
    notice = tmp_path / "privacy.md"
    notice.write_text("# Privacy\n\nLast updated: 1 October 2026\n")
    for typo in ("UJ", "EN", "XX"):
        result = policylint("check", "--jurisdiction", typo, str(notice), cwd=tmp_path)
        assert result.returncode == 2
        assert f"unknown jurisdiction '{typo}'" in result.stderr
    valid = policylint("check", "--jurisdiction", "DE", str(notice), cwd=tmp_path)
    assert valid.returncode == 1 and "authority-missing" in valid.stdout  # DE law applies


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--format", "xml", "."], "'xml' is not one of"),
        (["check", "--fail-on", "bogus", "."], "'bogus' is not one of"),
        (["check", "--today", "2026-13-01", "."], "'2026-13-01'"),
        (["tree"], "Missing argument"),
    ],
)
def test_command_line_mistakes_are_one_line(tmp_path: Path, args: list[str], words: str) -> None:
    result = policylint(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("policylint: error: policylint ")
    assert words in lines[0]
