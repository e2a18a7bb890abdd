"""The notice says a fee is charged for access or other data-protection requests.

Under the GDPR and the UK GDPR, a copy of your data and the exercise of your
other rights are free (Article 12(5), Article 15(3)). A "reasonable fee" is
allowed only for manifestly unfounded or excessive requests, or for further
copies. Many notices still carry the old "£10 fee" of the Data Protection Act
1998 or the Dutch "€ 4,50" of the Wbp, or a vague "prescribed fee".

A sentence is reported when it claims a fee, is about a request (or sits in
a section whose heading is about rights or access), does not limit the fee
to the lawful cases and does not deny it ("we do not charge a fee"). A fee
for a product or a service is not a finding. The phrases are data in
``rules/fees.yaml``, per language.

Fires on:      You can obtain, for a prescribed fee, a copy of the personal data we hold.
Does not fire: We may charge a reasonable fee if a request is manifestly unfounded or excessive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policylint.context import RuleContext
from policylint.document import Block, Document, Section
from policylint.findings import Problem
from policylint.knowledge import FeeLexicon
from policylint.prefilter import Filtered
from policylint.prose import sentence_spans

CODE, NAME, SEVERITY = "PL401", "fee-claim-unsupported", "error"
LANGUAGE_SPECIFIC = True  # reads the fee wording of the notice's language
OPTIONS: dict[str, object] = {}

_LAW = {"UK": "the UK GDPR", "NL": "the AVG (GDPR)"}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report each unqualified fee claim about a request, at the claim."""
    profile = ctx.profile(doc)
    lexicons = [
        ctx.knowledge.fees[lang]
        for lang in dict.fromkeys([profile.language, "en"])
        if lang in ctx.knowledge.fees
        and any(doc.may_hold(c) for c in ctx.knowledge.fees[lang].claims)
    ]
    if not lexicons:
        return
    law = next((_LAW[j] for j in ("UK", "NL") if j in profile.jurisdictions), "the GDPR")
    candidates = {
        id(block)
        for lexicon in lexicons
        for claim in lexicon.claims
        for block in doc.blocks_with(claim)
    }
    for section, block in _blocks_with_sections(doc):
        if id(block) not in candidates:
            continue
        heading = section.title if section.level else ""
        for lexicon in lexicons:
            yield from _claims(block, heading, lexicon, law)


def _claims(block: Block, heading: str, lexicon: FeeLexicon, law: str) -> Iterator[Problem]:
    text, lowered = block.text, block.lower
    patterns = [c for c in lexicon.claims if c.may_match(lowered)]
    patterns = [c for c in patterns if c.search(text, lowered=lowered)]
    if not patterns:
        return  # most blocks: a claim's words, but no claim (sentences not needed)
    spans = sentence_spans(text)
    for index, (start, end) in enumerate(spans):
        claim = _first(patterns, text, lowered, start, end)
        if claim is None:
            continue
        about_request = lexicon.requests.search(text, start, end, lowered) or (
            lexicon.requests.search(heading)
        )
        if not about_request or lexicon.not_requests.search(text, start, end, lowered):
            continue
        if lexicon.negation.search(text, start, end, lowered):
            continue
        # The lawful limit may follow in the next sentence ("This only applies
        # where ..."), unless that sentence makes a claim of its own.
        reach = end
        if index + 1 < len(spans) and _first(patterns, text, lowered, *spans[index + 1]) is None:
            reach = spans[index + 1][1]
        if lexicon.lawful.search(text, start, reach, lowered):
            continue
        yield Problem(
            block.prose.location(claim.start(), claim.end()),
            f'Fee claimed for a request ("{claim.group(0)}"): under {law} access and other '
            "rights requests are free; remove the fee or limit it to manifestly unfounded "
            "or excessive requests and further copies",
        )


def _first(
    patterns: list[Filtered], text: str, lowered: str, start: int, end: int
) -> re.Match[str] | None:
    """The leftmost (then longest) claim in ``text[start:end]``."""
    found = [m for p in patterns if (m := p.search(text, start, end, lowered))]
    return min(found, key=lambda m: (m.start(), -m.end()), default=None)


def _blocks_with_sections(doc: Document) -> Iterator[tuple[Section, Block]]:
    for section in [doc.root, *doc.sections()]:
        for block in section.blocks:
            yield section, block
