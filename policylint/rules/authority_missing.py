"""A notice under UK, Dutch or other EU/EEA law names no supervisory authority.

The (UK) GDPR requires a notice to tell people they may complain to a
supervisory authority (Articles 13(2)(d) and 14(2)(e)). policylint decides
which law applies from evidence in the text ("UK GDPR", "ICO", UK
postcodes and +44 numbers; Dutch text, "AVG", "B.V.", "KvK"; "GDPR",
"EEA"), from front matter (``jurisdiction: UK``) or from
``--jurisdiction``. A notice passes when it offers an authority (the ICO,
the Autoriteit Persoonsgegevens, any authority in ``rules/authorities.yaml``)
as the place to complain; naming one only for registration, breach reports
or guidance is not enough. Under EU law "the supervisory authority of your
member state" also passes (each member state has its own); the UK has one,
so a UK notice must name the ICO. A US-only notice is not checked.

Fires on:      We are registered with the ICO as a data controller.
Does not fire: You can complain to the Information Commissioner's Office (ICO).
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.analyses import authorities
from policylint.base.findings import Problem
from policylint.base.messages import Conjunction, Message, translatable
from policylint.packs.jurisdictions import GDPR_STYLE
from policylint.packs.knowledge import Authority
from policylint.parse.document import Document
from policylint.rules.context import RuleContext, document_location

CODE, NAME, SEVERITY = "PL301", "authority-missing", "error"
LANGUAGE_SPECIFIC = True  # reads "a supervisory authority" in the notice's language
OPTIONS: dict[str, object] = {}

# Jurisdictions with one national authority to suggest (EU members each have their own).
_NATIONAL = ("UK", "NL")
# Where "a supervisory authority" is not enough: the UK has exactly one, the ICO.
_SINGLE = frozenset({"UK"})


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once, at the title, when GDPR-style law applies and no authority is named."""
    facts = ctx.facts_of(doc)
    profile = facts.profile
    if not profile.gdpr_style:
        return
    knowledge = ctx.knowledge
    if facts.complaint_mentions:
        return
    national = [
        a
        for j in _NATIONAL
        if j in profile.jurisdictions
        for a in knowledge.authorities
        if a.jurisdiction == j
    ]
    generic = authorities.generic_mention(doc, knowledge, profile)
    if generic is not None and not any(a.jurisdiction in _SINGLE for a in national):
        return  # "the supervisory authority of your member state" is a place to complain
    laws = Conjunction(tuple(sorted(profile.jurisdictions & GDPR_STYLE)))
    cited = [m.authority for m in facts.authority_mentions]
    # Suggest an authority of the law that applies: one the notice already
    # cites, else the national one, else a cited one, else none by name.
    fitting = [a for a in cited if a.jurisdiction in profile.jurisdictions]
    best = next(iter([*fitting, *national, *cited]), None)
    # Whole sentences per case, so that each language words them its own way.
    if cited:  # named, but only for registration, breach reports or guidance
        template = (
            translatable(
                "The {cited} is named, but not as the place to complain: "
                "tell readers they can complain to the {authority}"
            )
            if best
            else translatable(
                "The {cited} is named, but not as the place to complain: "
                "tell readers they can complain to the supervisory authority of the reader's "
                "country"
            )
        )
    else:
        template = (
            translatable(
                "No supervisory authority named although {laws} law applies: "
                "tell readers they can complain to the {authority}"
            )
            if best
            else translatable(
                "No supervisory authority named although {laws} law applies: "
                "tell readers they can complain to the supervisory authority of the reader's "
                "country"
            )
        )
    authority = _suggestion(best) if best else ""
    cited_label = cited[0].label if cited else ""
    yield Problem(
        document_location(doc),
        Message(template, cited=cited_label, laws=laws, authority=authority),
    )


def _suggestion(authority: Authority) -> str:
    """ "Information Commissioner's Office (ICO, 0303 123 1113)", from the pack."""
    details = [d for d in (authority.short, *authority.helplines[:1]) if d]
    return authority.name + (f" ({', '.join(details)})" if details else "")
