"""The notice says nowhere when it was last updated.

People and regulators need to know which version of a notice they read, and
a notice that carries no date cannot be checked for staleness. policylint
looks for a labelled date in the body ("Last updated: 3 March 2025",
"Effective date", "Laatst gewijzigd", "Datum afgifte", "Versie 1.2 van
3 maart 2025", "Stand: 1. Oktober 2026", "Zuletzt aktualisiert", "Dernière mise
à jour : 1er octobre 2026", "Version du ..."), for a date-event clause about the
notice ("This policy goes into effect as of 20 October 2020", "We first
published this notice in March 2022", "Effective January 1, 2020"; see
``date_clues``), for the newest row of a version history, and for front
matter keys (``last_updated``,
``last_modified_at``, ``lastmod``, ``post_date``, ``date`` ...). A date
without such a label ("the GDPR came into effect on 25 May 2018",
"Established in 1983", "our app was updated on ...") does not count. The
labels and event words are data in ``rules/dates.yaml``.

Fires on:      We collect your name and email address to send you our newsletter.
Does not fire: Last updated: 1 October 2026
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.parse.document import Document
from policylint.rules.context import RuleContext, document_location

CODE, NAME, SEVERITY = "PL101", "last-updated-missing", "error"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once, at the title, when no last-updated date or label is found."""
    facts = ctx.facts_of(doc)
    found = facts.last_updated
    if found.dates or found.invalid:
        return
    examples = ctx.knowledge.date_examples  # data: rules/dates.yaml, last-updated: example
    written = examples.get(facts.profile.language) or examples.get("en")
    example = written.format(ctx.today) if written else ctx.today.isoformat()
    yield Problem(
        document_location(doc),
        Message(
            'No "last updated" date: add one near the top, e.g. "{example}", '
            "or last_updated in the front matter",
            example=example,
        ),
    )
