"""A phone number given for an authority is not one of its numbers.

Old notices keep numbers the regulator stopped answering years ago, and
copy-paste puts the company's own number next to the regulator's name. A
number counts as given for the authority when it follows the authority's
name in the same sentence (before the sentence turns back to "us" or
"our"), or in a next sentence that points back ("Their number is ...").
It is compared, by country code and national number, with the numbers in
``rules/authorities.yaml``, for every authority that has numbers listed there
(the ICO, the AP, the CNIL, the BfDI and others; an authority without listed
numbers is not judged). A number the authority used to publish
(``obsolete-numbers``, such as the ICO's old 01625 545 745) is not judged
here: it was the authority's, and authority-contact-outdated (PL605,
``rules/outdated.yaml``) reports it as retired. Another organisation's number
in a later clause ("..., or call Citizens Advice on ...") is not judged.

Fix (safe): the authority's helpline (or first listed number) replaces the
wrong number, unless markup runs through it.

Fires on:      complain to the ICO on 0303 123 1114.
Does not fire: complain to the ICO on 0303 123 1113.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.analyses import authority_numbers
from policylint.base.findings import Problem
from policylint.base.fixes import replace, replaceable
from policylint.base.messages import Message, translatable
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL303", "authority-helpline-wrong", "error"
OPTIONS: dict[str, object] = {}


_NOT_HELPLINE = translatable(
    "{number} is not a number of the {authority}: its helpline is {helpline}"
)
_NOT_NUMBER = translatable("{number} is not a number of the {authority}: its number is {listed}")


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report each number given for an authority that is not one of its numbers."""
    facts = ctx.facts_of(doc)
    if not any(m.authority.numbers for m in facts.authority_mentions):
        return  # a number is only given for an authority that is named
    profile = facts.profile
    for given in facts.authority_phones:
        authority = given.authority
        if not authority.numbers:
            continue
        if given.phone.key in authority_numbers.number_keys(authority, profile.regions):
            continue
        listed = authority_numbers.all_keys(authority, profile.regions)
        if given.phone.key.split("-")[0] not in {key.split("-")[0] for key in listed}:
            continue  # another country's number: another authority's of the same name (CNPD)
        if given.phone.key in authority_numbers.obsolete_keys(authority, profile.regions):
            continue  # a retired number of the authority: PL605 (rules/outdated.yaml)
        if authority.helplines:  # the number the public is given: name it as such
            right = authority.helplines[0]
            message = Message(
                _NOT_HELPLINE, number=given.phone.text, authority=authority.label, helpline=right
            )
        else:
            right = authority.numbers[0]
            message = Message(
                _NOT_NUMBER, number=given.phone.text, authority=authority.label, listed=right
            )
        fix = None
        source = doc.source
        if replaceable(
            source.text_at(given.location), given.phone.text, *source.around(given.location)
        ):
            fix = replace(given.location, right, Message("Replace it with {number}", number=right))
        yield Problem(given.location, message, fix)
