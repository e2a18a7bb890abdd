"""How each language writes a date with a month name: the grammar ``date_writing`` follows.

Capitals on month names, a dot after the day, the day after the month, and
ordinal suffixes are grammar rather than pack data (the packs give the month
names), kept beside the code as ``dates`` keeps the ordinal suffixes it
reads. A language without an entry fits only dates written without an
ordinal, a day dot or the day after the month.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple


def _english(day: int, _written: str) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _dutch(day: int, written: str) -> str:
    if written == "e":  # "3e": the short form serves every day
        return "e"
    return "ste" if day in (1, 8) or day >= 20 else "de"  # eerste, achtste, twintigste


def _french(day: int, _written: str) -> str:
    return "er" if day == 1 else ""  # "1er octobre", "2 octobre"


def _none(_day: int, _written: str) -> str:
    return ""


class Convention(NamedTuple):
    """How a language writes a date with a month name: grammar, not pack data."""

    capitalised: bool
    """Month names start with a capital ("October", "Oktober"; not "oktober", "octobre")."""
    day_dot: bool
    """The day is an ordinal with a dot ("1. Oktober") and never without one."""
    month_day: bool
    """The day may follow the month ("October 1, 2026")."""
    ordinals: frozenset[str]
    """Suffixes written after the day, lowercase ("st": "1st")."""
    ordinal: Callable[[int, str], str]
    """(new day, written suffix) -> the suffix for the new day."""


# Grammar, kept beside the code as ``dates`` keeps the ordinal suffixes it reads (these
# are those): the packs give month names. A language without an entry fits only dates
# written without an ordinal, a day dot or the day after the month.
CONVENTIONS: Mapping[str, Convention] = {
    "en": Convention(True, False, True, frozenset({"st", "nd", "rd", "th"}), _english),
    "nl": Convention(False, False, False, frozenset({"ste", "de", "e"}), _dutch),
    "de": Convention(True, True, False, frozenset(), _none),
    "fr": Convention(False, False, False, frozenset({"er"}), _french),
}
