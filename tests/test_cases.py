"""Every case in ../shared/cases (and its language folders): exactly the findings listed.

``cases.yaml`` gives, per small notice, the set of mission-rule findings
(PL1xx-PL4xx) a correct run prints: ``CODE:LINE`` pins the line,
``CODE:A-B`` accepts any line from A to B, and ``message`` lists words every
finding's message must contain (or, with a leading ``!``, must not). A
folder beside it with its own ``cases.yaml`` (``de-fr/``) is read too, once
the packs cover every language its notices are written in.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from policylint.engine import linter, registry
from policylint.rules.context import Settings
from tests.conftest import ROOT, load_yaml

CASES = ROOT.parent / "shared" / "cases"
MISSION = re.compile(r"^PL[1-4]\d\d$")
EXPECT = re.compile(r"^(PL\d{3}):(\d+)(?:-(\d+))?$")


def _case_files() -> list[Path]:
    if not CASES.is_dir():
        return []
    return [CASES / "cases.yaml", *sorted(CASES.glob("*/cases.yaml"))]


def _covered(folder: Path) -> bool:
    """Cases in a language folder (``de-fr``) run once the packs cover its languages."""
    if folder == CASES:
        return True
    from policylint.packs.builtin import builtin

    return set(folder.name.split("-")) <= set(builtin().date_labels)


def _cases() -> list[Any]:
    params = []
    for listing in _case_files():
        if not _covered(listing.parent):
            continue
        data = load_yaml(listing.read_text(encoding="utf-8"))
        today = data["today"]
        today = today if isinstance(today, dt.date) else dt.date.fromisoformat(str(today))
        folder = listing.parent.relative_to(CASES)
        for case in data["cases"]:
            name = str(folder / case["file"]) if str(folder) != "." else case["file"]
            params.append(pytest.param(listing.parent, case, today, id=name))
    return params or [pytest.param(None, None, None, id="no-shared-cases")]


@pytest.mark.parametrize(("folder", "case", "today"), _cases())
def test_case(folder: Path | None, case: dict[str, Any] | None, today: dt.date | None) -> None:
    if folder is None or case is None or today is None:
        pytest.skip("../shared/cases is not present")
    found = linter.lint_file(
        str(folder / case["file"]), registry.builtin_rules(), Settings(today=today)
    )
    mission = [f for f in found if MISSION.match(f.code)]
    expected = [EXPECT.match(e) for e in case["expect"]]
    assert all(expected), f"unreadable expectation in {case['expect']}"
    got = sorted(f"{f.code}:{f.line}" for f in mission)
    assert len(mission) == len(expected), f"{case['why']}\nexpected {case['expect']}, got {got}"
    unmatched = list(mission)
    for want in expected:
        assert want is not None
        low = int(want.group(2))
        high = int(want.group(3) or low)
        hit = next(
            (f for f in unmatched if f.code == want.group(1) and low <= f.line <= high), None
        )
        assert hit is not None, f"{case['why']}\nexpected {want.group(0)}, got {got}"
        unmatched.remove(hit)
    for finding in mission:
        for word in case.get("message", []):
            if word.startswith("!"):
                assert word[1:] not in finding.message, finding.message
            else:
                assert word in finding.message, finding.message
