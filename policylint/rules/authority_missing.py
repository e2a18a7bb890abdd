"""A notice under UK, Dutch or other EU/EEA law names no supervisory authority.

The (UK) GDPR requires a notice to tell people they may complain to a
supervisory authority (Articles 13(2)(d) and 14(2)(e)). policylint decides
which law applies from evidence in the text ("UK GDPR", "ICO", UK
postcodes and +44 numbers; Dutch text, "AVG", "B.V.", "KvK"; "GDPR",
"EEA"), from front matter (``jurisdiction: UK``) or from
``--jurisdiction``. A notice that names an authority (the ICO, the
Autoriteit Persoonsgegevens, any authority in ``rules/authorities.yaml``)
or points to "a supervisory authority" passes; a US-only notice is not
checked.

Fires on:      a UK notice whose complaints section only offers the company's own process
Does not fire: You can complain to the Information Commissioner's Office (ICO).
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint import authorities
from policylint.context import RuleContext, document_location
from policylint.document import Document
from policylint.findings import Problem
from policylint.knowledge import Authority
from policylint.profile import GDPR_STYLE

CODE, NAME, SEVERITY = "PL301", "authority-missing", "error"
LANGUAGE_SPECIFIC = True  # reads "a supervisory authority" in the notice's language
OPTIONS: dict[str, object] = {}

# Jurisdictions with one national authority to suggest (EU members each have their own).
_NATIONAL = ("UK", "NL")


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once, at the title, when GDPR-style law applies and no authority is named."""
    profile = ctx.profile(doc)
    if not profile.gdpr_style:
        return
    knowledge = ctx.knowledge
    if authorities.mentions(doc, knowledge) or authorities.generic_mention(doc, knowledge, profile):
        return
    laws = " and ".join(sorted(profile.jurisdictions & GDPR_STYLE))
    suggestion = next(
        (
            _suggestion(a)
            for j in _NATIONAL
            if j in profile.jurisdictions
            for a in knowledge.authorities
            if a.jurisdiction == j
        ),
        "the supervisory authority of the reader's country",
    )
    yield Problem(
        document_location(doc),
        f"No supervisory authority named although {laws} law applies: "
        f"tell readers they can complain to {suggestion}",
    )


def _suggestion(authority: Authority) -> str:
    """ "the Information Commissioner's Office (ICO, 0303 123 1113)", from the pack."""
    details = [d for d in (authority.short, *authority.helplines[:1]) if d]
    return f"the {authority.name}" + (f" ({', '.join(details)})" if details else "")
