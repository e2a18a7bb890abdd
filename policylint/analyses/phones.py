"""Phone numbers in prose: found by shape, confirmed by the phonenumbers library.

A cheap regular expression finds digit runs shaped like a phone number.
Comparing one with a number we know (an authority's helpline) needs only its
digits (``quick_key``, for UK and Dutch numbers). Deciding whether an
unknown digit run is a phone number at all is handed to ``phonenumbers``
(Google's libphonenumber data), which knows every country's numbering plan
far better than regexes of ours would; it is imported only when such a
question is asked. Two numbers are the same when their country code and
national number are: "+44 (0) 303 123 1113" and "0303 123 1113" match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from policylint.base.prefilter import LazyPattern

# Starts with what a number can start with, so the scan skips other text
# quickly; the left boundary is checked in ``candidates``.
_CANDIDATE = re.compile(r"[+(\d][\d \u00a0().\-–/]{6,}\d(?![\w/])")
# A digit run glued to a word, a path or a URL query ("?id=312528560") is no phone number.
_LEFT_BOUNDARY = re.compile(r"[\w/.=&?#%-]")
# A ``tel:`` link destination kept in the prose stands right before the
# number it shows ("tel:+443031231113 0303 123 1113"); it is a number of its
# own, so the scan must not run the two together into one long digit run.
_TEL = LazyPattern(r"(?i:tel:)([+\d][\d().\-]*\d)")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$")


class Phone(NamedTuple):
    """A phone number found in prose: where (prose offsets) and its identity."""

    start: int
    end: int
    text: str
    key: str  # "44-3031231113"; empty for a candidate not yet validated


@cache
def _library() -> Any:
    import phonenumbers

    return phonenumbers


def key(text: str, regions: Sequence[str]) -> str | None:
    """The identity of a number written as ``text``, or None if it is none."""
    lib = _library()
    national = not text.lstrip().startswith(("+", "00", "(+"))
    for region in regions:
        if national and not text.lstrip(" (").startswith("0") and _trunk_zero(region):
            continue  # "812 345 678" (a SIREN) is no French number: they are written 0X ...
        try:
            number = lib.parse(text, region)
        except lib.NumberParseException:
            continue
        if lib.is_valid_number(number):
            return f"{number.country_code}-{number.national_number}"
    return None


@cache
def _trunk_zero(region: str) -> bool:
    """Whether national numbers of ``region`` are dialled, and so written, with a leading 0.

    The library also accepts them without it, which reads company register numbers
    ("SIREN 812 345 678") as phone numbers.
    """
    metadata = _library().PhoneMetadata.metadata_for_region(region)
    return metadata is not None and metadata.national_prefix == "0"


# Calling codes of the countries whose authorities' numbers the packs list (a prefix-free
# set, as calling codes are). A national number there is written with a trunk "0" that
# the number's identity leaves out (Italy's leading 0 is left out by the library too).
_COUNTRY = {
    "GB": "44", "NL": "31", "DE": "49", "AT": "43", "CH": "41", "FR": "33", "BE": "32",
    "LU": "352", "IE": "353", "ES": "34", "IT": "39", "SE": "46", "DK": "45", "NO": "47",
    "PL": "48",
}  # fmt: skip


def quick_key(text: str, regions: Sequence[str]) -> str | None:
    """``key`` for numbers of the countries in ``_COUNTRY`` from their digits alone, without
    the library (importing and using it costs ~40 ms a run).

    Good for comparing with numbers we know; it does not say whether an
    unknown digit run is a real number (``key`` does).
    """
    digits = "".join(c for c in text if c.isdigit())
    international = text.lstrip().startswith("+") or digits.startswith("00")
    digits = digits[2:] if digits.startswith("00") else digits
    if international:
        for code in _COUNTRY.values():
            if digits.startswith(code):
                national = digits[len(code) :]
                return f"{code}-{national[1:] if national.startswith('0') else national}"
        return None
    region = next((r for r in regions if r in _COUNTRY), None)
    if region is None or not digits.startswith("0"):
        return None
    return f"{_COUNTRY[region]}-{digits[1:]}"


def candidates(text: str) -> Iterator[Phone]:
    """Digit runs in folded prose shaped like phone numbers (not yet validated).

    Offsets are into ``text``; candidates come in the order they start.
    """
    found: list[Phone] = []
    if "tel:" in text or "TEL:" in text:
        tels = list(_TEL.finditer(text))
        for tel in tels:
            found.append(Phone(tel.start(1), tel.end(1), tel.group(1), ""))
        masked = list(text)
        for tel in tels:  # same length: offsets into the masked text are offsets into text
            masked[tel.start() : tel.end()] = "~" * (tel.end() - tel.start())
        text = "".join(masked)
    found += _shaped(text)
    yield from sorted(found)


def _shaped(text: str) -> Iterator[Phone]:
    for match in _CANDIDATE.finditer(text):
        start = match.start()
        if start and _LEFT_BOUNDARY.match(text, start - 1):
            continue
        written = match.group(0).rstrip(" -–/.(")
        digits = sum(c.isdigit() for c in written)
        if 8 <= digits <= 15 and not _DATE_LIKE.match(written):
            yield Phone(match.start(), match.start() + len(written), written, "")


def find(text: str, regions: Sequence[str]) -> Iterator[Phone]:
    """The valid phone numbers in folded prose ``text``."""
    for candidate in candidates(text):
        identity = key(candidate.text, regions)
        if identity is not None:
            yield candidate._replace(key=identity)
