"""The ICO or the Autoriteit Persoonsgegevens is named without its helpline.

A reader told they may complain to the regulator should be able to reach
it. For every authority whose helpline is listed in
``rules/authorities.yaml`` (the ICO: 0303 123 1113; the Autoriteit
Persoonsgegevens: 088 - 1805 250), naming it without giving that number
(or another of its numbers, even an obsolete one) anywhere in the notice is
reported where the notice offers it as the place to complain (an authority
cited only for registration or guidance is authority-missing's concern). A
wrong or obsolete number is reported by authority-helpline-wrong instead.

Fires on:      you can complain to the Information Commissioner's Office.
Does not fire: you can complain to the ICO on 0303 123 1113.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL302", "authority-helpline-missing", "warning"
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report the first complaint mention of each authority whose helpline is not given."""
    facts = ctx.facts_of(doc)
    if not any(m.authority.helplines for m in facts.authority_mentions):
        return
    named = [m for m in facts.complaint_mentions if m.authority.helplines]
    given = {g.authority.id for g in facts.authority_phones}
    reported: set[str] = set()
    for mention in named:
        authority = mention.authority
        if authority.id in given or authority.id in reported:
            continue
        reported.add(authority.id)
        message = Message(
            "{authority} named without its helpline: add {helpline}",
            authority=authority.label,
            helpline=authority.helplines[0],
        )
        yield Problem(mention.location, message)
