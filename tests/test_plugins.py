"""Python rules from installed packages (entry points), and failures with names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policylint.engine import linter, plugins, session
from policylint.engine.plugins import PluginError
from tests.conftest import FIXTURES


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    found = [plugins.Plugin(f"p{i}", value, "acme-rules") for i, value in enumerate(values)]
    monkeypatch.setattr(plugins, "discover", lambda: found)


def _dist_info(folder: Path, name: str, value: str) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{plugins.GROUP}]\ndpo = {value}\n")


def test_discovery_reads_installed_entry_points_and_caches_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    _dist_info(site, "acme_rules", "tests.plugin_example")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    found = plugins.discover()
    assert plugins.Plugin("dpo", "tests.plugin_example", "acme_rules") in found
    # Removing the distribution changes the folder, so the cached list is not reused.
    shutil.rmtree(site / "acme_rules-1.0.dist-info")
    assert plugins.Plugin("dpo", "tests.plugin_example", "acme_rules") not in plugins.discover()


def test_a_distribution_in_the_linted_folder_is_never_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _dist_info(tmp_path, "evil_rules", "evil_module")
    (tmp_path / "evil_module.py").write_text("raise SystemExit('executed!')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), *sys.path])  # as `python -m` sets it
    assert not any(p.package == "evil_rules" for p in plugins.discover())
    run = session.prepare()
    assert not any(r.origin.startswith("plugin") for r in run.all_rules)


def test_a_plugin_rule_runs_like_a_built_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.plugin_example")
    run = session.prepare()
    rule = next(r for r in run.rules if r.code == "EXT001")
    assert rule.origin == "plugin p0 (acme-rules)"
    policy = FIXTURES / "rules" / "en" / "clean-uk.md"
    found = linter.lint_file(str(policy), run.rules, run.settings)
    assert [(f.code, f.line) for f in found] == [("EXT001", 1)]


def test_a_plugin_that_fails_to_load_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.no_such_module")
    with pytest.raises(
        PluginError, match=r"plugin 'p0' from acme-rules .* failed to load: ModuleNotFoundError"
    ):
        session.prepare()


def test_a_plugin_rule_may_not_reuse_a_code(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.plugin_example", "tests.plugin_example")
    with pytest.raises(ValueError, match="duplicate rule EXT001"):
        session.prepare()


def test_nothing_is_loaded_from_the_linted_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A pack or plugin lying in the repository is not picked up unless configured:
    # not at its top, not in a rules/ folder like the built-in packs', and no module
    # is imported from it, although `python -m policylint` puts it first on sys.path.
    pack = "rules:\n  - {code: EV1, name: evil, message: m, forbid: 'sell'}\n"
    (tmp_path / "evil.yaml").write_text(pack)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "evil.yaml").write_text(pack)
    (tmp_path / "policylint_rules.py").write_text("raise SystemExit('executed!')\n")
    (tmp_path / "notice.md").write_text("# Privacy notice\n\nWe may sell your data.\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", *sys.path])  # as `python -m` sets it
    run = session.prepare()
    assert not any(r.code == "EV1" for r in run.all_rules)
    command = [sys.executable, "-m", "policylint", "check", "--no-cache", "notice.md"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "")
    assert "PL101" in done.stdout
    assert "EV1" not in done.stdout
    # Named in the configuration, the same pack is loaded: the test would see it.
    assert any(r.code == "EV1" for r in session.prepare(packs=[Path("evil.yaml")]).all_rules)
