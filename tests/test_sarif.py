"""SARIF for code scanning: valid (schema and formats), repository-relative encoded URIs,
fingerprints that survive lines moving. Runs on fixtures/ in scratch git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policylint.cli.app import app
from tests.conftest import FIXTURES, ROOT

# The OASIS SARIF 2.1.0 schema (errata 01), shipped so a bare clone validates.
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
NOTICE = FIXTURES / "integrations" / "privacy.md"  # one error, one warning, one info
NAMES = ["privacy notice.md", "#1 privacy.md", "100% privacy.md", "datenschutzerklärung.md"]
ENCODED = ["privacy%20notice.md", "%231%20privacy.md", "100%25%20privacy.md",
           "datenschutzerkl%C3%A4rung.md"]  # fmt: skip

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def sarif(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    """The SARIF log of ``check ARGS`` run from ``cwd``, validated with its formats."""
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("rfc3987")  # jsonschema checks uri / uri-reference only with it
    monkeypatch.chdir(cwd)
    # PL5xx/PL6xx are tested in test_kinds and test_corpus; here, the mission rules' output.
    result = CliRunner().invoke(
        app, ["check", "--today", "2026-11-22", "--ignore", "PL5,PL6", "-f", "sarif", *args]
    )
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    validator = jsonschema.Draft4Validator(
        json.loads(SCHEMA.read_text()), format_checker=jsonschema.FormatChecker()
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    return log


def repository(tmp_path: Path) -> Path:
    """A git repository with the notice under awkward names in docs/."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    for name in NAMES:
        shutil.copy(NOTICE, repo / "docs" / name)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def uris(log: dict[str, Any]) -> list[str]:
    results = log["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]


@needs_git
def test_uris_are_encoded_and_relative_to_the_repository_root_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path)
    log = sarif(repo / "docs", monkeypatch, ".")
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    assert sorted(set(uris(log))) == sorted(f"docs/{name}" for name in ENCODED)
    assert len(uris(log)) == 3 * len(NAMES)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"


@needs_git
def test_absolute_arguments_are_relative_to_the_root_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = str(repo / "docs" / NAMES[3])
    log = sarif(outside, monkeypatch, target)  # not in a repository: root is the cwd
    assert set(uris(log)) == {(repo / "docs" / NAMES[3]).resolve().as_uri()}
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "uriBaseId" not in location["artifactLocation"]
    log = sarif(repo, monkeypatch, target)
    assert set(uris(log)) == {f"docs/{ENCODED[3]}"}


def test_without_git_the_root_is_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "legal").mkdir()
    shutil.copy(NOTICE, tmp_path / "legal" / "privacy.md")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    log = sarif(tmp_path, monkeypatch, "legal")
    assert set(uris(log)) == {"legal/privacy.md"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def fingerprints(log: dict[str, Any]) -> dict[str, str]:
    results = log["runs"][0]["results"]
    return {r["ruleId"]: r["partialFingerprints"]["policylint/v1"] for r in results}


def test_fingerprints_survive_lines_moving_and_tell_duplicates_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = tmp_path / "privacy.md"
    text = NOTICE.read_text()
    notice.write_text(text)
    before = fingerprints(sarif(tmp_path, monkeypatch, "privacy.md"))
    assert set(before) == {"PL102", "PL401", "PL904"}
    notice.write_text(text.replace("\n## Your rights\n", "\nSome\nnew\nlines.\n\n## Your rights\n"))
    moved = sarif(tmp_path, monkeypatch, "privacy.md")
    fee = next(r for r in moved["runs"][0]["results"] if r["ruleId"] == "PL401")
    assert fee["locations"][0]["physicalLocation"]["region"]["startLine"] == 15  # it moved
    assert fingerprints(moved) == before
    # The same fee claimed twice: two results, two fingerprints, same hash.
    notice.write_text(text + "\nWe charge a £10 administration fee for each request.\n")
    twice = sarif(tmp_path, monkeypatch, "privacy.md")["runs"][0]["results"]
    fees = [r["partialFingerprints"]["policylint/v1"] for r in twice if r["ruleId"] == "PL401"]
    assert len(fees) == 2 and fees[0] != fees[1]
    assert fees[0] == before["PL401"] and fees[1].split(":")[0] == fees[0].split(":")[0]
    # Different text: a different fingerprint.
    notice.write_text(text.replace("£10 administration fee", "£25 handling fee"))
    assert fingerprints(sarif(tmp_path, monkeypatch, "privacy.md"))["PL401"] != before["PL401"]


def test_rule_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = sarif(ROOT, monkeypatch, str(NOTICE))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["PL401"]["name"] == "fee-claim-unsupported"
    assert rules["PL401"]["defaultConfiguration"]["level"] == "error"
    assert rules["PL102"]["defaultConfiguration"]["level"] == "warning"
    assert all(r["helpUri"].startswith("https://") for r in rules.values())
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"PL102": "warning", "PL401": "error", "PL904": "note"}
    fee = next(r for r in run["results"] if r["ruleId"] == "PL401")
    assert fee["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 11, "startColumn": 1, "endLine": 11, "endColumn": 23,
    }  # fmt: skip
    assert run["tool"]["driver"]["rules"][fee["ruleIndex"]]["id"] == "PL401"


def test_sarif_file_is_written_by_the_same_run_into_a_new_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(NOTICE, tmp_path / "privacy.md")
    args = ["check", "--today", "2026-11-22", "--ignore", "PL5,PL6", "-f", "github"]
    args += ["--sarif-file", "out/new/r.sarif"]
    result = CliRunner().invoke(app, [*args, "privacy.md"])
    assert result.exit_code == 1
    assert result.stdout.startswith("::warning file=privacy.md,line=3,")
    log = json.loads((tmp_path / "out" / "new" / "r.sarif").read_text())
    assert uris(log) == ["privacy.md"] * 3
    assert log["runs"][0]["tool"]["driver"]["rules"]


def test_fingerprints_of_a_legacy_file_hash_its_text_as_decoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read with --encoding latin-1, a notice hashes the same text as its UTF-8 twin.
    text = "# Café privacy\n\nLast updated: 1 September 2024 at the Café\n\nFees: £10.\n"
    notice = tmp_path / "notice.md"
    prints = []
    for encoding in ("latin-1", "utf-8"):
        notice.write_bytes(text.encode(encoding))
        log = sarif(tmp_path, monkeypatch, "--encoding", "latin-1", "notice.md")
        prints.append([r["partialFingerprints"] for r in log["runs"][0]["results"]])
    assert len(prints[0]) == 2  # PL102 on the date, PL201: no contact
    assert prints[0] == prints[1]
