"""PL510-PL513 on the fixtures of ``fixtures/kinds/art13-items``, with every pack loaded.

``tests/test_kinds.py`` lints the kinds with the Python rules; these rules are
YAML (``rules/art13.yaml``), so this test loads them too and compares the
findings of PL510-PL513 (and of the Python rules) with ``expected.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policylint.engine import linter, registry
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, TODAY, expectations

FOLDER = FIXTURES / "kinds" / "art13-items"
OTHER_ITEMS = {f"PL5{n:02d}" for n in range(1, 10)}  # judged by their own folders


def _lint(path: Path) -> list[tuple[str, int, int]]:
    found = linter.lint_file(str(path), registry.load_all(plugins=False), Settings(today=TODAY))
    return [(f.code, f.line, f.column) for f in found if f.code not in OTHER_ITEMS]


@pytest.mark.parametrize(
    ("name", "expected"), sorted(expectations(FOLDER).items()), ids=lambda v: str(v)[:40]
)
def test_art13_items(name: str, expected: list[tuple[str, int, int]]) -> None:
    assert _lint(FOLDER / name) == expected
