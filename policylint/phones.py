"""Phone numbers in prose: found by shape, confirmed by the phonenumbers library.

A cheap regular expression finds digit runs shaped like a phone number; only
those are handed to ``phonenumbers`` (Google's libphonenumber data), which
knows every country's numbering plan far better than regexes of ours would.
The library is imported on first use, so notices without digits never pay
for it. Two numbers are the same when their country code and national number
are: "+44 (0) 303 123 1113" and "0303 123 1113" match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

_CANDIDATE = re.compile(r"(?<![\w/.-])(?:\+|00)?\(?\d[\d \u00a0().\-–/]{6,}\d(?![\w/])")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$")


@dataclass(frozen=True)
class Phone:
    """A phone number found in prose: where (prose offsets) and its identity."""

    start: int
    end: int
    text: str
    key: str  # "44-3031231113"


@cache
def _library() -> Any:
    import phonenumbers

    return phonenumbers


def key(text: str, regions: Sequence[str]) -> str | None:
    """The identity of a number written as ``text``, or None if it is none."""
    lib = _library()
    for region in regions:
        try:
            number = lib.parse(text, region)
        except lib.NumberParseException:
            continue
        if lib.is_valid_number(number):
            return f"{number.country_code}-{number.national_number}"
    return None


def find(text: str, regions: Sequence[str]) -> Iterator[Phone]:
    """The valid phone numbers in folded prose ``text``."""
    for match in _CANDIDATE.finditer(text):
        written = match.group(0).rstrip(" -–/.(")
        digits = sum(c.isdigit() for c in written)
        if not 8 <= digits <= 15 or _DATE_LIKE.match(written):
            continue
        identity = key(written, regions)
        if identity is not None:
            yield Phone(match.start(), match.start() + len(written), written, identity)
