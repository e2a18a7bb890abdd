"""Python rules from installed packages (entry points), and failures with names."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from policylint import linter, plugins, session
from policylint.plugins import PluginError
from tests.conftest import FIXTURES


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    points = [EntryPoint(f"p{i}", value, plugins.GROUP) for i, value in enumerate(values)]
    monkeypatch.setattr(
        plugins, "entry_points", lambda group: points if group == plugins.GROUP else []
    )


def test_a_plugin_rule_runs_like_a_built_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.plugin_example")
    run = session.prepare()
    rule = next(r for r in run.rules if r.code == "EXT001")
    assert rule.origin.startswith("plugin p0")
    policy = FIXTURES / "rules" / "en" / "clean-uk.md"
    found = linter.lint_file(str(policy), run.rules, run.settings)
    assert [(f.code, f.line) for f in found] == [("EXT001", 1)]


def test_a_plugin_that_fails_to_load_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.no_such_module")
    with pytest.raises(PluginError, match=r"plugin 'p0' .* failed to load: ModuleNotFoundError"):
        session.prepare()


def test_a_plugin_rule_may_not_reuse_a_code(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, "tests.plugin_example", "tests.plugin_example")
    with pytest.raises(ValueError, match="duplicate rule EXT001"):
        session.prepare()


def test_nothing_is_loaded_from_the_linted_folder(tmp_path: Path) -> None:
    # A pack or plugin lying in the repository is not picked up unless configured.
    (tmp_path / "evil.yaml").write_text("rules:\n  - {code: EV1, name: e, message: m, forbid: x}\n")
    (tmp_path / "policylint_rules.py").write_text("raise SystemExit('executed!')\n")
    run = session.prepare()
    assert not any(r.code == "EV1" for r in run.all_rules)
