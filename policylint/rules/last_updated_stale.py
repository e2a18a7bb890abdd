"""The notice was last updated longer ago than ``max-age-days``.

Laws, processors and purposes change; a notice nobody has reviewed in years
rarely still describes what the organisation does. The newest last-updated
date (see last-updated-missing for what counts) is compared with the
reference date (``--today``, default the system date). A date given to the
month ("May 2018") counts as the last day of that month.

Options: ``max-age-days`` (default 365).

Fix (unsafe: only right once someone has reviewed the notice): set the date
to the reference date in the notice's own format.

Examples, judged on 22 November 2026:

Fires on:      Last updated: May 2018
Does not fire: Last updated: 1 October 2026
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL102", "last-updated-stale", "warning"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {"max-age-days": 365}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report the newest last-updated date when it is too old."""
    found = ctx.facts_of(doc).last_updated
    past = [d for d in found.dates if d.value <= ctx.today]
    if not past:
        return
    newest = max(past, key=lambda d: d.value)
    max_age = int(ctx.options["max-age-days"])
    age = (ctx.today - newest.value).days
    if age > max_age:
        message = Message(
            'Last updated "{date}", {days} days before {today} '
            "(limit {limit}): review the notice and update its date",
            date=newest.text,
            days=age,
            today=ctx.today.isoformat(),
            limit=max_age,
        )
        from policylint.rules.date_fix import bump  # a stale date is rare: import it then

        yield Problem(newest.location, message, bump(doc, newest, ctx, safe=False))
