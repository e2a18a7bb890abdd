"""Numbers given for supervisory authorities, and the authorities' own numbers.

A number is an authority's when it is one of its listed numbers (current or
obsolete, compared by identity: calling code and national number), or when it
is given in the authority's context (``authorities.contexts``). PL302 and
PL303 read what is given; PL201 must not take it for the organisation's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from policylint.analyses import phones
from policylint.analyses.authorities import Ranges, owner_by_context
from policylint.analyses.profile import Profile
from policylint.base import regexes
from policylint.base.positions import Location
from policylint.packs.knowledge import Authority, Knowledge
from policylint.parse.document import Document


class GivenPhone(NamedTuple):
    """A phone number given for an authority."""

    authority: Authority
    phone: phones.Phone
    location: Location


@cache
def number_keys(authority: Authority, regions: tuple[str, ...]) -> frozenset[str]:
    """The identities of the numbers the authority answers today (helplines, others)."""
    return _keys(authority, (*authority.helplines, *authority.other_numbers), regions)


@cache
def obsolete_keys(authority: Authority, regions: tuple[str, ...]) -> frozenset[str]:
    """The identities of the numbers the authority used to publish."""
    return _keys(authority, authority.obsolete_numbers, regions)


def _keys(
    authority: Authority, numbers: tuple[str, ...], regions: tuple[str, ...]
) -> frozenset[str]:
    own = (authority.country.replace("UK", "GB"), *regions)
    found = (phones.quick_key(n, own) or phones.key(n, own) for n in numbers)
    return frozenset(k for k in found if k)


@cache
def all_keys(authority: Authority, regions: tuple[str, ...]) -> frozenset[str]:
    """Every number of the authority, current or obsolete."""
    return number_keys(authority, regions) | obsolete_keys(authority, regions)


def owner_by_data(
    knowledge: Knowledge, text: str, phone_key: str | None, regions: tuple[str, ...]
) -> Authority | None:
    """The authority whose listed number (current or obsolete), website or postcode
    ``text`` is; an email or web address on one of its domains is its."""
    lowered = text.lower()
    for authority in knowledge.authorities:
        if phone_key and phone_key in all_keys(authority, regions):
            return authority
        if any(site in lowered for site in authority.websites):
            return authority
        if any(code.lower() == lowered.strip() for code in authority.postcodes):
            return authority
    return None


_FAX = regexes.compile(
    r"(?:\bfax|telefax|t[ée]l[ée]copie(?:ur)?)\b[^\w\n]{0,4}(?:(?:nr|no|number|nummer|num[ée]ro)\b\.?)?[^\w\n]{0,3}$",
    re.I,
)


# "Tel./Fax:", "phone/fax": one number for both, a helpline all the same
_PHONE_TOO = regexes.compile(
    r"(?:\btel|phone|telefon|t[ée]l[ée]phone|telefoon)\.?\s*(?:[/&+]|\b(?:and|und|en|et|or|oder|of|ou)\b)\s*$",
    re.I,
)


def _fax_only(text: str, start: int) -> bool:
    """Whether the number at ``text[start]`` is labelled a fax number, and not also a phone."""
    found = _FAX.search(text, max(0, start - 20), start)
    return found is not None and not _PHONE_TOO.search(
        text, max(0, found.start() - 16), found.start()
    )


def phones_given(
    doc: Document, knowledge: Knowledge, profile: Profile, ranges: Ranges
) -> list[GivenPhone]:
    """Phone numbers given for an authority (by context: ``ranges``, or by being its number).

    A digit run that is one of an authority's known numbers is recognised
    from its digits; only a run in an authority's context that is not one
    of its numbers is validated with the phone-number library (is it a
    phone number at all, or a reference like a registration number?).
    """
    regions = profile.regions
    known: dict[str, Authority] | None = None  # made on the first candidate: it parses numbers
    given: list[GivenPhone] = []
    for block in doc.blocks_with_digits:  # phone numbers are digits
        for candidate in phones.candidates(block.text):
            if _fax_only(block.text, candidate.start):
                continue  # "Fax: 02/274.48.35": a fax number is no helpline
            if known is None:
                known = {key: a for a in knowledge.authorities for key in all_keys(a, regions)}
            quick = phones.quick_key(candidate.text, regions)
            authority = known.get(quick) if quick else None
            phone = candidate._replace(key=quick or "")
            if authority is None:
                authority = owner_by_context(ranges, block, candidate.start)
                if authority is None:
                    continue
                # A number given for an authority is most likely of its country.
                own = (authority.country.replace("UK", "GB"), *regions)
                identity = phones.key(candidate.text, own)
                if identity is None and candidate.text.lstrip("( ").startswith(("+", "00")):
                    # Written with a calling code, it is meant as a phone number, if no real one.
                    identity = phones.quick_key(candidate.text, own)
                if identity is None:
                    continue  # not a phone number: a reference, a date
                phone = candidate._replace(key=identity)
            where = block.prose.location(phone.start, phone.end)
            given.append(GivenPhone(authority, phone, where))
    return given
