"""Fixtures in our own words, one folder per kind of input real notices taught us.

``fixtures/kinds/<kind>/expected.yaml`` lists, per fixture, every finding
as ``[code, line, column]`` judged on 2026-11-22 (an empty list: no finding
at all). The Article 13/14 and outdated-law rules (PL5xx, PL6xx) are judged
in the folders that name them: a folder names the codes it is about. Each
fixture stands beside a shared case or a corpus miss of the same kind,
worded differently, so that the fix covers the kind and not one notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, PACK_FAMILIES, expectations, lint

KINDS = FIXTURES / "kinds"


def _params() -> list[object]:
    params = []
    for folder in sorted(p for p in KINDS.iterdir() if (p / "expected.yaml").is_file()):
        listed = expectations(folder)
        named = frozenset(
            c for rows in listed.values() for c, _, _ in rows if c.startswith(PACK_FAMILIES)
        )
        for name, expected in sorted(listed.items()):
            params.append(pytest.param(folder / name, expected, named, id=f"{folder.name}/{name}"))
    return params


def test_every_kind_fixture_has_expectations() -> None:
    for folder in KINDS.iterdir():
        on_disk = {p.name for p in folder.glob("*.md")}
        listed = set(expectations(folder)) if (folder / "expected.yaml").is_file() else set()
        assert on_disk == listed, folder


@pytest.mark.parametrize(("path", "expected", "named"), _params())
def test_kind_fixture(
    path: Path, expected: list[tuple[str, int, int]], named: frozenset[str]
) -> None:
    assert lint(path, keep=named) == expected
