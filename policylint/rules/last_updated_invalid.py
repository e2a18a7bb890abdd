"""A last-updated label whose date cannot be read, or a date in the future.

"Last updated: 31 February 2025", "Last updated: TBC" or a front matter
``last_updated: soon`` tell the reader nothing, and a last-updated date after
today is a typo or a notice published before it applies. Only unmistakable
labels ("Last updated", "Laatst gewijzigd", "Datum afgifte") are held to
this; a bare "Date:" without a date is left alone.

A template expression where the date should be (``Last updated: {{ page.date }}``)
is filled in when the site is built: the notice as kept holds no date, and
policylint cannot check it, so it is reported, quoted whole.

Examples, judged on 22 November 2026:

Fires on:      Last updated: 31 February 2025
Fires on:      Last updated: {{ page.last_modified_at | date: "%d %B %Y" }}
Fires on:      Last updated: 1 January 2030
Does not fire: Last updated: 1 October 2026
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from policylint.analyses.date_values import TEMPLATE
from policylint.base.findings import Problem
from policylint.base.messages import Message, translatable
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL103", "last-updated-invalid", "error"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report unreadable last-updated dates and ones after the reference date."""
    facts = ctx.facts_of(doc)
    found = facts.last_updated
    examples = ctx.knowledge.date_examples  # data: rules/dates.yaml, last-updated: example
    written = examples.get(facts.profile.language) or examples.get("en")
    example = written.format(_SAMPLE, written.date) if written else _SAMPLE.isoformat()
    for bad in found.invalid:
        template = _INVALID.get(bad.reason, _OTHER)
        yield Problem(
            bad.location, Message(template, text=bad.text, reason=bad.reason, example=example)
        )
    for date in found.dates:
        if date.earliest > ctx.today:
            today = ctx.today.isoformat()
            message = Message(
                'Last-updated date "{text}" is in the future (today is {today})',
                text=date.text,
                today=today,
            )
            yield Problem(date.location, message)


_SAMPLE = dt.date(2025, 3, 3)  # the date the examples show, in the notice's own way
# The message for each reason the date analysis gives (``BadDate.reason``),
# whole sentences so that each language can word them its own way.
_INVALID = {
    "is not a real date": translatable(
        'Last-updated date "{text}" is not a real date: write it as e.g. "{example}"'
    ),
    "cannot be read as a date": translatable(
        'Last-updated date "{text}" cannot be read as a date: write it as e.g. "{example}"'
    ),
    TEMPLATE: translatable(
        'Last-updated date "{text}" is a template expression filled in when the site is built, '
        'not a date in the notice: write it as e.g. "{example}"'
    ),
}
_OTHER = 'Last-updated date "{text}" {reason}: write it as e.g. "{example}"'  # English only
