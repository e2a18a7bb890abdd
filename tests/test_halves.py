"""One large notice on two cores: its rules in two processes give the same findings.

``engine/halves.in_two`` runs one half of the rules in a forked child; these
tests make the split happen on a small document (``SPLIT_MIN_CHARS`` lowered)
and compare every finding, message and fix with the one-process run.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from policylint.engine import halves, linter
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, every_builtin_rule

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: one process by design")

SETTINGS = Settings(today=dt.date(2026, 11, 22))


def _notice() -> bytes:
    """A long notice with findings of several families: fixtures of fees, authorities and
    dates joined (outdated contacts, wrong numbers, fees, unreadable dates, missing items)."""
    parts = sorted(
        p
        for kind in ("authority", "dates", "fees")
        for p in (FIXTURES / "kinds" / kind).glob("*.md")
    )
    return b"\n\n".join(p.read_bytes() for p in parts)


def test_a_large_notice_gives_the_same_findings_on_two_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = every_builtin_rule()
    data = _notice()
    one = linter.lint_bytes("notice.md", data, rules, SETTINGS, workers=1)
    forks: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(linter, "SPLIT_MIN_CHARS", 1000)
    monkeypatch.setattr(os, "fork", counting_fork)
    two = linter.lint_bytes("notice.md", data, rules, SETTINGS, workers=2)
    assert len(forks) == 1  # the split really happened
    assert two == one
    codes = {f.code[:3] for f in one}
    assert {"PL1", "PL3", "PL4", "PL5", "PL6"} <= codes  # both halves found something


def test_a_notice_under_the_limit_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("forked for a short notice")

    monkeypatch.setattr(os, "fork", no_fork)
    path = FIXTURES / "kinds" / "art13-round6" / "en-own-words.md"
    assert linter.lint_file(str(path), every_builtin_rule(), SETTINGS, workers=2) == []


def test_a_failed_child_half_is_run_here_again(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def second() -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before it answers
        return [3, 4]

    assert halves.in_two(lambda: [1, 2], second) == [1, 2, 3, 4]


def test_the_halves_keep_their_order() -> None:
    assert halves.in_two(lambda: ["a"], lambda: ["b", "c"]) == ["a", "b", "c"]


def test_crashing_rules_in_both_halves_are_reported_in_rule_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Findings at the same place with the same code (PL902 for each crashed rule) keep
    the order of the rules, whichever process ran them."""
    from policylint.base.findings import Severity
    from policylint.base.rule import Rule

    def crash(doc: object, ctx: object) -> list[object]:
        raise ValueError("boom")

    rules = [
        *every_builtin_rule(),
        Rule("PL599", "topic-crash", Severity.WARNING, "crashes", crash),
        Rule("ACME1", "other-crash", Severity.WARNING, "crashes", crash),
    ]
    data = _notice()
    one = linter.lint_bytes("notice.md", data, rules, SETTINGS, workers=1)
    monkeypatch.setattr(linter, "SPLIT_MIN_CHARS", 1000)
    two = linter.lint_bytes("notice.md", data, rules, SETTINGS, workers=2)
    crashed = [f.message for f in one if f.code == "PL902"]
    assert len(crashed) == 2 and "PL599" in crashed[0]
    assert two == one
