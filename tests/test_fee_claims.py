"""PL401's mechanism: the law it cites, table rows, clauses and adjacent sentences."""

from __future__ import annotations

import pytest

from policylint.engine import linter, registry
from policylint.packs.builtin import builtin
from policylint.packs.knowledge import FeeLaws
from policylint.parse.source import decode
from policylint.rules import fee_claim_unsupported as rule
from policylint.rules.context import Settings
from tests.conftest import TODAY, parse_text


def _messages(body: str) -> list[str]:
    text = f"# Policy\n\nLast updated: 1 October 2026\n\n{body}\n"
    pl401 = next(r for r in registry.builtin_rules() if r.code == "PL401")
    found = linter.lint_source(decode("s.md", text.encode()), [pl401], Settings(today=TODAY))
    return [f.message for f in found]


LAWS = FeeLaws((("UK", "the UK GDPR"), ("EU", "the GDPR"), ("US", "the CCPA")), "the GDPR")


@pytest.mark.parametrize(
    ("jurisdictions", "law"),
    [
        ({"UK", "EU"}, "the UK GDPR"),
        ({"US"}, "the CCPA"),
        ({"US", "EU"}, "the GDPR"),
        (set(), "the GDPR"),  # no evidence: read as GDPR
        ({"AU"}, None),  # only a law that allows access fees
    ],
)
def test_law_is_the_first_that_applies(jurisdictions: set[str], law: str | None) -> None:
    assert rule._law(frozenset(jurisdictions), LAWS) == law


def test_builtin_laws_name_the_ccpa_for_the_us() -> None:
    assert ("US", "the CCPA") in builtin().fee_laws.order


def test_us_notice_cites_the_ccpa_not_the_gdpr() -> None:
    body = (
        "This policy covers California residents under the CCPA.\n\n"
        "Each request to delete your information costs $25."
    )
    [message] = _messages(body)
    assert "the CCPA" in message and "GDPR" not in message and '("$25")' in message


def test_table_rows_are_one_line_each() -> None:
    doc = parse_text("| Ask | Cost |\n| --- | --- |\n| A copy | £5 |\n| Erasure | free |\n")
    [table] = doc.blocks
    assert [table.text[a:b] for a, b in rule._rows(table)] == [
        "Ask Cost",
        "A copy £5",
        "Erasure free",
    ]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # The request in the sentence before, in the same paragraph.
        ("You can ask for the data we hold. A £5 charge applies.", 1),
        # ... but not two sentences before, nor in another paragraph.
        ("You can ask for the data we hold. We reply in a month. A £5 charge applies.", 0),
        ("You can ask for the data we hold.\n\nA £5 charge applies.", 0),
        # A denial covers its own clause only; the past covers the sentence.
        ("Erasure costs nothing, but each access request costs £5.", 1),
        ("Access requests once cost £10, but the fee was abolished.", 0),
        # The request sentence says it is free: the next fee is for something else.
        ("You can ask for your data free of charge. A £5 charge applies.", 0),
    ],
)
def test_claim_scope(body: str, count: int) -> None:
    assert len(_messages(f"The UK GDPR applies.\n\n{body}")) == count
