"""Shared test helpers: where fixtures and the shared seeds live, and parsing."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from policylint.base.positions import one_based
from policylint.engine import linter, registry
from policylint.parse import tree
from policylint.parse.document import Document
from policylint.parse.source import decode
from policylint.rules.context import Settings

# CI runs Hypothesis's default number of random examples (100);
# `pytest --hypothesis-profile=thorough` runs many more when hunting bugs.
settings.register_profile("default", max_examples=100)
settings.register_profile("thorough", max_examples=5000)
settings.load_profile("default")

# Tests (and the subprocesses and xdist workers they start) use a cache of their own,
# never the user's, removed when the run that made it ends.
if "POLICYLINT_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="policylint-test-cache-")
    os.environ["POLICYLINT_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

# The suite runs on markdown-it-py, the reference parser and what a plain install uses;
# tests/test_pyrs.py turns the fast parser on where it compares the two.
os.environ.setdefault("POLICYLINT_PARSER", "markdown-it-py")


def warm_cache(folder: Path) -> Path:
    """``folder``, created if new and given the session cache's start-up entries (the
    compiled packs, ``*.marshal``) when it has none: a test's own cache then starts as a
    user's second run does, not with the packs' build of about a second (whose own
    behaviour tests/test_cache.py checks on a damaged entry and an edited module)."""
    from policylint.packs.builtin import builtin

    builtin()  # builds the session's entries if this process has not yet
    folder.mkdir(parents=True, exist_ok=True)
    if not any(folder.glob("*.marshal")):
        for entry in Path(os.environ["POLICYLINT_CACHE_DIR"]).glob("*.marshal"):
            shutil.copyfile(entry, folder / entry.name)
    return folder


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


def parse_file(path: Path) -> Document:
    """Parse a file the way the linter does."""
    return tree.parse(decode(str(path), path.read_bytes()))


def parse_text(text: str, path: str = "test.md") -> Document:
    """Parse an in-memory snippet."""
    return tree.parse(decode(path, text.encode("utf-8")))


TODAY = dt.date(2026, 11, 22)  # the reference date EXPECTED.md is judged on


def load_yaml(text: str) -> Any:
    """YAML data read with libyaml when PyYAML has it (about 10x faster than pure
    Python: the suite reads every pack at collection), else with PyYAML's SafeLoader."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# The families written as built-in packs (Article 13/14 items, outdated law): a
# fixture about another kind of input is not judged on them.
PACK_FAMILIES = ("PL5", "PL6")


@cache
def every_builtin_rule() -> list[Any]:
    """The Python rules and the built-in packs' rules (PL5xx, PL6xx)."""
    return registry.load_all(plugins=False)


def lint(
    path: Path, keep: frozenset[str] = frozenset(), **settings: Any
) -> list[tuple[str, int, int]]:
    """(code, line, column) of every finding for a file, with the built-in rules.

    Findings of the pack families (PL5xx, PL6xx) are kept only for the codes in ``keep``.
    """
    rules = every_builtin_rule() if keep else registry.builtin_rules()
    found = linter.lint_file(str(path), rules, Settings(today=TODAY, **settings))
    return [
        (f.code, f.line, f.column)
        for f in found
        if not f.code.startswith(PACK_FAMILIES) or f.code in keep
    ]


def expectations(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    """A fixture folder's expected.yaml: file -> [(code, line, column)]."""
    data = load_yaml((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    return {
        name: [(str(c), int(line), int(col)) for c, line, col in rows]
        for name, rows in data.items()
    }


def headings(doc: Document) -> list[tuple[int, int, str]]:
    """(line, level, title) of every section, in order; lines 1-based, as ``policylint tree``
    shows them (``Section.line`` itself is 0-based)."""
    return [(one_based(s.line), s.level, s.title) for s in doc.sections()]


@pytest.fixture
def seeds() -> Path:
    """The shared real notices; tests using them skip when the folder is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


def seed(seeds: Path, prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "003")."""
    return next(seeds.glob(f"{prefix}_*.txt"))


CheckRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def check_in(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CheckRun:
    """``check_in(folder, *args, env={...})``: ``policylint check --today 2026-11-22 ARGS``
    run in this process from ``folder`` -> (exit status, stdout, stderr).

    In-process, so the packs compiled once serve every call (a subprocess pays
    ~1 s for them with a fresh cache); pre-commit's and GitHub's variables are
    unset unless ``env`` sets them.
    """
    from policylint.cli import main

    def run(folder: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        monkeypatch.chdir(folder)
        for name in ("PRE_COMMIT", "PRE_COMMIT_FROM_REF", "GITHUB_ACTIONS", "GIT_DIR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("NO_COLOR", "1")
        try:
            main(["check", "--today", "2026-11-22", *args])
            status = 0
        except SystemExit as exc:
            status = int(exc.code or 0)
        captured = capsys.readouterr()
        for name in env or {}:
            monkeypatch.delenv(name, raising=False)
        return status, captured.out, captured.err

    return run
