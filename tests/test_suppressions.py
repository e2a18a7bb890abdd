"""Inline suppression comments: what each form silences, and unused ones reported."""

from __future__ import annotations

import datetime as dt

import pytest

from policylint.base.rule import Rule
from policylint.engine import linter, registry
from policylint.parse.source import decode
from policylint.rules.context import Settings

TODAY = dt.date(2026, 11, 22)
BASE = (
    "# Privacy notice\n\nLast updated: 1 October 2026\n\n"
    "Acme Widgets GmbH (EU, GDPR), privacy@acme.example. "
    "You may complain to a supervisory authority.\n\n"
)
FEE = "You can get a copy of your personal data for a £10 fee.\n"
ICO = "You can complain to the Information Commissioner's Office.\n"


ALL = registry.builtin_rules()
KNOWN = frozenset(r.code for r in ALL) | frozenset(r.name for r in ALL)


def run(body: str, rules: list[Rule] | None = None) -> list[tuple[str, int]]:
    source = decode("s.md", (BASE + body).encode())
    settings = Settings(today=TODAY, known_rules=KNOWN)
    found = linter.lint_source(source, rules or ALL, settings)
    return [(f.code, f.line) for f in found]


def test_unsuppressed_baseline() -> None:
    assert run(f"{FEE}\n{ICO}") == [("PL401", 7), ("PL302", 9)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # next line only, by name
        (
            f"<!-- policylint-disable-next-line fee-claim-unsupported -->\n{FEE}\n{ICO}",
            [("PL302", 10)],
        ),
        # by code, and several rules
        (f"<!-- policylint-disable-next-line PL401 PL302 -->\n{FEE}\n{ICO}", [("PL302", 10)]),
        # the same line
        (f"{FEE.strip()} <!-- policylint-disable-line PL401 -->\n\n{ICO}", [("PL302", 9)]),
        # a range, closed by enable
        (
            f"<!-- policylint-disable -->\n\n{FEE}\n<!-- policylint-enable -->\n\n{ICO}",
            [("PL302", 13)],
        ),
        # the whole file, all rules
        (f"<!-- policylint-disable-file -->\n\n{FEE}\n{ICO}", []),
    ],
)
def test_suppression_forms(body: str, expected: list[tuple[str, int]]) -> None:
    assert run(body) == expected


def test_unused_and_unknown_suppressions_are_reported_as_info() -> None:
    body = (
        "<!-- policylint-disable-next-line contact-missing -->\nNothing to see here.\n\n"
        "<!-- policylint-disable-next-line fee-claim -->\nAlso fine.\n"
    )
    source = decode("s.md", (BASE + body).encode())
    found = linter.lint_source(source, ALL, Settings(today=TODAY, known_rules=KNOWN))
    assert [(f.code, f.line, str(f.severity)) for f in found] == [
        ("PL904", 7, "info"),
        ("PL904", 10, "info"),
    ]
    assert "names no known rule: fee-claim" in found[1].message


def test_suppression_of_a_rule_that_did_not_run_is_not_unused() -> None:
    only_dates = [r for r in ALL if r.code.startswith(("PL1", "PL9"))]
    body = f"<!-- policylint-disable-next-line PL401 -->\n{FEE}"
    assert run(body, only_dates) == []


def test_comments_in_code_blocks_are_not_suppressions() -> None:
    body = f"```\n<!-- policylint-disable-file -->\n```\n\n{FEE}"
    assert run(body) == [("PL401", 11)]
