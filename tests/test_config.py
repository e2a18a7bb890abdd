"""Configuration files: discovery, keys, rule selection, severities, options, globs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from policylint.engine import config, linter, session
from policylint.engine.config import ConfigError
from tests.conftest import FIXTURES

RULES = FIXTURES / "rules"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run with the working directory in a fresh folder."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def codes(run: session.Session, policy: Path) -> list[str]:
    return [f.code for f in linter.lint_file(str(policy), run.rules, run.settings)]


def test_found_by_walking_up_and_pyproject_without_section_is_skipped(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text("[tool.policylint]\nignore = ['PL101']\n")
    nested = in_tmp / "docs" / "legal"
    nested.mkdir(parents=True)
    (in_tmp / "docs" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert config.find(nested) == in_tmp / "pyproject.toml"
    (nested / ".policylint.toml").write_text("ignore = ['PL102']\n")
    assert config.find(nested) == nested / ".policylint.toml"


def test_ignore_severity_options_and_pack_paths_are_honoured(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text(
        "[tool.policylint]\n"
        "ignore = ['authority-helpline-missing']\n"
        "severity = { last-updated-stale = 'error' }\n"
        f"rules = ['{FIXTURES / 'packs' / 'acme.yaml'}']\n"
        "[tool.policylint.last-updated-stale]\nmax-age-days = 4000\n"
    )
    run = session.prepare(today=TODAY, plugins=False)
    stale = next(r for r in run.rules if r.code == "PL102")
    assert (stale.severity.name, stale.options["max-age-days"]) == ("ERROR", 4000)
    assert "PL302" not in {r.code for r in run.rules}
    assert {"ACME001", "ACME002"} <= {r.code for r in run.rules}
    # May 2018 is within 4000 days of the reference date: no PL102 any more.
    assert "PL102" not in codes(run, RULES / "en" / "stale-month.md")


def test_select_by_prefix_keeps_core_findings(in_tmp: Path) -> None:
    run = session.prepare(select=["PL1"], plugins=False)
    active = {r.code for r in run.rules}
    assert {"PL101", "PL102", "PL103", "PL901"} <= active
    assert "PL201" not in active


@pytest.mark.parametrize("name", [".policylint.toml", "pyproject.toml"])
def test_a_severity_prefix_sets_every_rule_it_selects_and_an_unknown_key_is_one_line(
    in_tmp: Path, name: str
) -> None:
    # A severity key selects rules as select and ignore do: a code, a prefix or a name.
    table = "[tool.policylint]\n" if name == "pyproject.toml" else ""
    notice = in_tmp / "notice.md"
    notice.write_text("# Privacy notice\n\nLast updated: May 2018\n")
    (in_tmp / name).write_text(table + 'severity = {PL1 = "info"}\n')
    command = [sys.executable, "-m", "policylint", "check", "--no-cache", "--today", "2026-11-22"]
    done = subprocess.run([*command, "notice.md"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "")  # PL201 (no contact) is still an error
    assert "notice.md:1:1: info: PL101" not in done.stdout  # May 2018 is a date
    assert "notice.md:3:15: info: PL102" in done.stdout
    assert "notice.md:1:1: error: PL201" in done.stdout
    where = f"{in_tmp / name}: " + ("[tool.policylint] " if table else "") + "severity"
    for key in ("PL999", "no-such-rule"):
        (in_tmp / name).write_text(table + f'severity = {{{key} = "error"}}\n')
        done = subprocess.run([*command, "notice.md"], capture_output=True, text=True, check=False)
        assert (done.returncode, done.stdout) == (2, "")
        message = f"policylint: error: {where}: unknown rule {key!r}"
        assert [line[: len(message)] for line in done.stderr.splitlines()] == [message]


def test_command_line_overrides_the_file(in_tmp: Path) -> None:
    (in_tmp / ".policylint.toml").write_text("select = ['PL201']\nfail-on = 'warning'\n")
    run = session.prepare(select=["PL101"], fail_on="error", plugins=False)
    assert "PL201" not in {r.code for r in run.rules}
    assert run.config.fail_on.name == "ERROR"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ignroe = ['x']\n", "unknown key 'ignroe' (did you mean 'ignore'?)"),
        (
            "ignore = ['fee-claim']\n",
            "unknown rule 'fee-claim' (did you mean 'fee-claim-unsupported'?)",
        ),
        ("[last-updated-stale]\nmax-age = 3\n", "last-updated-stale has no option 'max-age'"),
        ("[last-updated-stale]\nmax-age-days = 'soon'\n", "max-age-days must be int"),
        ("severity = { PL101 = 'fatal' }\n", "severity of 'PL101' must be error, warning or info"),
        ("fail-on = 'never'\n", "'fail-on' must be error, warning or info"),
        ("select = 'PL1\n", "invalid TOML"),
        ("severty = { PL1 = 'error' }\n", "unknown key 'severty' (did you mean 'severity'?)"),
        ("[tool.policylint]\nignore = ['PL201']\n", "write the keys at the top level"),
        # An options table names one rule: a prefix would pick one of several silently.
        ("[PL1]\nmax-age-days = 10\n", "options are for one rule; 'PL1' selects PL101, PL102"),
    ],
)
def test_config_mistakes_are_one_line_errors(in_tmp: Path, text: str, message: str) -> None:
    (in_tmp / ".policylint.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        session.prepare(plugins=False)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(in_tmp / ".policylint.toml"))


def test_include_and_exclude_globs(in_tmp: Path) -> None:
    (in_tmp / ".policylint.toml").write_text(
        "include = ['*.md', '*.txt']\nexclude = ['drafts/**', 'CHANGELOG.md']\n"
    )
    for name in ("privacy.md", "notice.txt", "drafts/old.md", "CHANGELOG.md", "x.html"):
        (in_tmp / name).parent.mkdir(exist_ok=True)
        (in_tmp / name).write_text("x")
    run = session.prepare(plugins=False)
    found = sorted(str(Path(p).relative_to(in_tmp)) for p in run.files([str(in_tmp)]))  # type: ignore[arg-type]
    assert found == ["notice.txt", "privacy.md"]
    # A file named explicitly is linted whatever its extension, and exclude applies
    # to it only with --force-exclude (as in ruff).
    assert [str(p) for p in run.files(["x.html", "drafts/old.md"])] == ["x.html", "drafts/old.md"]
    assert [str(p) for p in run.files(["x.html", "drafts/old.md"], force_exclude=True)] == [
        "x.html"
    ]
