"""Each rule on fixtures written to exercise it: exact code, line and column."""

from __future__ import annotations

import datetime as dt

import pytest

from policylint.engine import linter, registry
from policylint.parse.source import decode
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, TODAY, expectations, lint

RULES = FIXTURES / "rules"
EXPECTED = expectations(RULES)


def test_every_fixture_has_expectations() -> None:
    on_disk = {str(p.relative_to(RULES)) for p in RULES.glob("*/*.md")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    assert lint(RULES / name) == EXPECTED[name]


def test_staleness_follows_the_reference_date_and_option() -> None:
    path = RULES / "en" / "stale-month.md"
    source = decode(str(path), path.read_bytes())
    rules = registry.builtin_rules()
    fresh = linter.lint_source(source, rules, Settings(today=dt.date(2018, 12, 1)))
    assert [f.code for f in fresh] == []
    lenient = [
        r._replace(options={"max-age-days": 4000}) if r.name == "last-updated-stale" else r
        for r in rules
    ]
    assert [f.code for f in linter.lint_source(source, lenient, Settings(today=TODAY))] == []


def test_jurisdiction_override_turns_authority_rule_on_and_off() -> None:
    us = RULES / "en" / "us-only.md"
    assert lint(us, jurisdictions=frozenset({"UK"})) == [("PL301", 1, 1)]
    uk = RULES / "en" / "authority-missing-uk.md"
    assert lint(uk, jurisdictions=frozenset({"US"})) == []


def test_front_matter_jurisdiction_overrides_evidence() -> None:
    doc = (
        "---\njurisdiction: NL\n---\n# Policy\n\n"
        "Last updated: 1 October 2026\n\nMail a@b.example.\n"
    )
    source = decode("fm.md", doc.encode())
    found = linter.lint_source(source, registry.builtin_rules(), Settings(today=TODAY))
    assert [(f.code, f.line) for f in found] == [("PL301", 4)]


def test_messages_say_how_to_fix() -> None:
    found = linter.lint_source(
        decode("x.md", (RULES / "en" / "stale-month.md").read_bytes()),
        registry.builtin_rules(),
        Settings(today=TODAY),
    )
    assert found[0].message == (
        'Last updated "May 2018", 3097 days before 2026-11-22 (limit 365): '
        "review the notice and update its date"
    )
    ico = lint(RULES / "en" / "ico-helpline-missing-own-number.md")
    assert ico == [("PL302", 7, 50)]


@pytest.mark.parametrize(
    ("fixture", "law", "suggestion"),
    [
        (
            "en/authority-missing-uk.md",
            "UK",
            "the Information Commissioner's Office (ICO, 0303 123 1113)",
        ),
        ("nl/geen-toezichthouder.md", "NL", "the Autoriteit Persoonsgegevens (088 - 1805 250)"),
    ],
)
def test_missing_authority_is_suggested_from_the_pack(
    fixture: str, law: str, suggestion: str
) -> None:
    source = decode("x.md", (RULES / fixture).read_bytes())
    found = linter.lint_source(source, registry.builtin_rules(), Settings(TODAY))
    assert [f.message for f in found if f.code == "PL301"] == [
        f"No supervisory authority named although {law} law applies: "
        f"tell readers they can complain to {suggestion}"
    ]


@pytest.mark.parametrize(
    ("snippet", "codes"),
    [
        # A fee for a product is not a claim; a denial is not a claim.
        ("Your rights: you can ask for your data. Shipping costs a £5 delivery fee.", []),
        ("You may request a copy of your personal data. We will not charge you a fee.", []),
        # The lawful limit in the next sentence clears the claim.
        (
            "You may request a copy of your data. We may charge a reasonable fee. "
            "This only applies where requests are manifestly unfounded or excessive.",
            [],
        ),
        ("Subject access requests are subject to a £10 fee.", ["PL401"]),
        ("U kunt inzage vragen in uw persoonsgegevens. Wij rekenen hiervoor geen kosten.", []),
    ],
)
def test_fee_claim_cases(snippet: str, codes: list[str]) -> None:
    text = f"# Policy\n\nLast updated: 1 October 2026\n\n{snippet}\n\nEmail privacy@acme.example.\n"
    rule = next(r for r in registry.builtin_rules() if r.code == "PL401")
    found = linter.lint_source(decode("s.md", text.encode()), [rule], Settings(today=TODAY))
    assert [f.code for f in found] == codes
