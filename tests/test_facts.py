"""Facts: each analysis of a document is computed once, however many rules read it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from policylint.analyses import authorities, dates
from policylint.analyses.facts import Facts
from policylint.base.findings import Problem, Severity
from policylint.base.positions import Location
from policylint.base.rule import Rule
from policylint.engine import linter, registry
from policylint.packs.builtin import builtin
from policylint.parse.document import Document
from policylint.parse.source import decode
from policylint.rules.context import RuleContext, Settings
from tests.conftest import TODAY, parse_text

K = builtin()
NOTICE = (
    "# Privacy notice\n\nLast updated: 3 March 2020\n\nWe follow the UK GDPR.\n\n"
    "You can complain to the Information Commissioner's Office on 0303 123 1113.\n\n"
    "Email us at privacy@example.com.\n"
)


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[Document]:
    """Replace ``module.name`` by a wrapper that records the document of each call."""
    calls: list[Document] = []
    original = getattr(module, name)

    def counted(doc: Document, *args: Any) -> Any:
        calls.append(doc)
        return original(doc, *args)

    monkeypatch.setattr(module, name, counted)
    return calls


def _reader(code: str, seen: list[Facts]) -> Rule:
    """A plugin-style rule that reads the document's last-updated dates."""

    def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
        facts = ctx.facts_of(doc)
        seen.append(facts)
        for date in facts.last_updated.dates:
            yield Problem(date.location, f"{code} saw {date.text}")

    return Rule(code, f"reader-{code.lower()}", Severity.INFO, "Reads dates.", check)


def test_two_rules_reading_last_updated_compute_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch, dates, "last_updated")
    seen: list[Facts] = []
    rules = [_reader("X101", seen), _reader("X102", seen)]
    found = linter.lint_source(decode("a.md", NOTICE.encode()), rules, Settings(today=TODAY))
    assert [(f.code, f.line, f.column, f.message) for f in found] == [
        ("X101", 3, 15, "X101 saw 3 March 2020"),
        ("X102", 3, 15, "X102 saw 3 March 2020"),
    ]
    assert len(calls) == 1
    assert seen[0] is seen[1]  # one Facts per document, shared by its rules


def test_each_document_gets_its_own_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch, dates, "last_updated")
    seen: list[Facts] = []
    rules = [_reader("X101", seen), _reader("X102", seen)]
    for path in ("a.md", "b.md"):
        linter.lint_source(decode(path, NOTICE.encode()), rules, Settings(today=TODAY))
    assert [doc.path for doc in calls] == ["a.md", "b.md"]
    assert [facts.doc.path for facts in seen] == ["a.md", "a.md", "b.md", "b.md"]


def test_the_built_in_rules_share_the_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    """PL101-PL104 read the dates; PL201 and PL301-PL303 read the authorities' mentions."""
    dated = _counting(monkeypatch, dates, "last_updated")
    named = _counting(monkeypatch, authorities, "mentions")
    found = linter.lint_source(
        decode("a.md", NOTICE.encode()), registry.builtin_rules(), Settings(today=TODAY)
    )
    assert [f.code for f in found] == ["PL102"]
    assert (len(dated), len(named)) == (1, 1)


def test_the_settings_override_what_the_document_says() -> None:
    doc = parse_text("---\nlang: de\njurisdiction: nl\n---\n\n" + NOTICE)
    assert Facts(doc, K).profile == ("de", frozenset({"NL"}))
    facts = Facts(doc, K, language="fr", jurisdictions=frozenset({"US"}))
    assert (facts.language, facts.profile) == ("fr", ("fr", frozenset({"US"})))
    settings = Settings(today=TODAY, language="en", jurisdictions=frozenset({"UK"}))
    assert RuleContext({}, settings).profile(doc) == ("en", frozenset({"UK"}))


def test_a_rule_called_on_its_own_gets_facts_of_its_document() -> None:
    doc, other = parse_text(NOTICE), parse_text(NOTICE)
    ctx = RuleContext({}, Settings(today=TODAY), Facts(doc, K))
    assert ctx.facts_of(doc) is ctx.facts
    fresh = ctx.facts_of(other)
    assert fresh is not ctx.facts and fresh.doc is other
    assert [d.text for d in fresh.last_updated.dates] == ["3 March 2020"]
    assert RuleContext({}, Settings(today=TODAY)).facts_of(doc).doc is doc


def test_the_document_keeps_no_blackboard() -> None:
    doc = parse_text(NOTICE)
    assert not hasattr(doc, "cache")
    facts = Facts(doc, K)
    assert facts.complaint_mentions == facts.authority_mentions
    assert [m.location for m in facts.authority_mentions] == [Location(6, 24, 6, 57)]  # 0-based
    assert [g.phone.text for g in facts.authority_phones] == ["0303 123 1113"]
    assert [(c.kind, c.text) for c in facts.organisation_contacts()] == [
        ("email", "privacy@example.com")
    ]
    assert not hasattr(doc, "cache")
