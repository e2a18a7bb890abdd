"""The notice says nowhere when it was last updated.

People and regulators need to know which version of a notice they read, and
a notice that carries no date cannot be checked for staleness. policylint
looks for a labelled date in the body ("Last updated: 3 March 2025",
"Effective date", "Laatst gewijzigd", "Datum afgifte", "Versie 1.2 van
3 maart 2025"), for a date-event clause about the notice ("This policy goes
into effect as of 20 October 2020", "We first published this notice in March
2022", "Effective January 1, 2020"; see ``date_clues``), for the newest row
of a version history, and for front matter keys (``last_updated``,
``last_modified_at``, ``lastmod``, ``post_date``, ``date`` ...). A date
without such a label ("the GDPR came into effect on 25 May 2018",
"Established in 1983", "our app was updated on ...") does not count. The
labels and event words are data in ``rules/dates.yaml``.

Fires on:      We collect your name and email address to send you our newsletter.
Does not fire: Last updated: 1 October 2026
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.analyses import dates
from policylint.base.findings import Problem
from policylint.parse.document import Document
from policylint.rules.context import RuleContext, document_location

CODE, NAME, SEVERITY = "PL101", "last-updated-missing", "error"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {}

_EXAMPLE = {
    "en": "Last updated: {d.day} {d:%B} {d.year}",
    "nl": "Laatst bijgewerkt: {d.day}-{d.month:02}-{d.year}",
}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once, at the title, when no last-updated date or label is found."""
    profile = ctx.profile(doc)
    found = dates.last_updated(doc, ctx.knowledge, profile)
    if found.dates or found.invalid:
        return
    example = _EXAMPLE.get(profile.language, _EXAMPLE["en"]).format(d=ctx.today)
    yield Problem(
        document_location(doc),
        f'No "last updated" date: add one near the top, e.g. "{example}", '
        "or last_updated in the front matter",
    )
