"""Dates as notices write them: the values, the pattern that finds them, and reading one.

``parse_date`` reads a whole string ("3 May 2024", "2024-05-03", "05/2024",
"3 maart 2025", "1er octobre 2026"); ``date_pattern`` finds them in text;
``PolicyDate`` is a last-updated date as written, with the last day it can
mean, and ``BadDate`` one that is no date. The month names are data in
``rules/dates.yaml``; ``dates`` finds which dates are the notice's own.

Parsing is ours rather than a library's: notices write dates in a handful of
shapes, day-first in Europe, with Dutch and French month names, English
ordinals and the French "1er", and a general parser (dateutil, dateparser)
guesses far more than we want or costs more start-up time than the whole
rest of the linter.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple, TypeVar

from policylint.base import regexes
from policylint.base.positions import Location
from policylint.packs.knowledge import Knowledge


class PolicyDate(NamedTuple):
    """A last-updated date as written, and the last day it can mean.

    "May 2018" has precision "month" and value 2018-05-31: staleness gives a
    notice the benefit of the doubt.
    """

    value: dt.date
    text: str
    precision: str  # "day" | "month" | "year"
    location: Location

    @property
    def earliest(self) -> dt.date:
        """The first day the date as written can mean ("May 2018": 1 May)."""
        if self.precision == "year":
            return dt.date(self.value.year, 1, 1)
        if self.precision == "month":
            return self.value.replace(day=1)
        return self.value


class BadDate(NamedTuple):
    """A last-updated label whose date cannot be used, and why."""

    text: str
    reason: str
    location: Location


@cache
def _date_pattern(months: tuple[str, ...]) -> re.Pattern[str]:
    """ISO, numeric, then "3 May 2024" / "May 3, 2024" / "May 2024" in one branch.

    The month names appear once (a leading day excludes a trailing one):
    written out per order they tripled the pattern and its compile time.
    """
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    ordinal = r"(?:st|nd|rd|th|ste|de|er|e)?"  # "3rd", "1ste", "3de", "3e", French "1er"
    return regexes.compile(
        rf"""
          (?P<iso_y>\d{{4}})[-/.](?P<iso_m>\d{{1,2}})[-/.](?P<iso_d>\d{{1,2}})(?:\b|(?=T\d))
        | (?<![\d.])(?P<num_a>\d{{1,2}})(?P<sep>[-/.])(?P<num_b>\d{{1,2}})(?:(?P=sep)|\.\ )
          (?P<num_y>\d{{4}}|\d{{2}})\b(?:(?=-\d{{6,}}\b)|(?![-/.]\d))
        | (?<![\d/.-])(?P<my_m>0?[1-9]|1[0-2])[/.-](?P<my_y>(?:19|20)\d{{2}})\b(?![-/.]\d)
        | (?<![\d/.-])(?P<ym_y>(?:19|20)\d{{2}})[/-](?P<ym_m>0?[1-9]|1[0-2])\b(?![-/.]\d)
        | (?:(?P<day_first>\d{{1,2}}){ordinal}\.?\s+(?:of\s+)?)?
          (?P<month>{month})\b\.?
          (?(day_first)|(?:\s+(?P<day_after>\d{{1,2}}){ordinal})?)
          ,?\s+(?P<year>\d{{4}})\b
        """,
        re.IGNORECASE | re.VERBOSE,
    )


def date_pattern(knowledge: Knowledge) -> re.Pattern[str]:
    """The pattern ``parse_date`` matches, with ``knowledge``'s month names.

    Its named groups are the parts of a written date: ``iso_y``/``iso_m``/``iso_d``,
    ``num_a``/``num_b``/``num_y``, ``my_m``/``my_y``, ``ym_y``/``ym_m``, and
    ``day_first``/``month``/``day_after``/``year``.
    """
    return _date_pattern(tuple(knowledge.months))


TEMPLATE = "is a template expression filled in when the site is built, not a date in the notice"


def parse_date(
    text: str, knowledge: Knowledge, *, month_first: bool = False
) -> tuple[dt.date, str, str] | None:
    """Parse a whole string as a date: (last day it can mean, precision, how).

    Raises ValueError for a date-shaped string that is no real date.
    """
    match = _date_pattern(tuple(knowledge.months)).match(text.strip())
    if match is None:
        year = re.fullmatch(r"(?:19|20)\d{2}", text.strip())
        return (dt.date(int(text), 12, 31), "year", text.strip()) if year else None
    return match_value(match, knowledge, month_first=month_first)


def match_value(
    match: re.Match[str], knowledge: Knowledge, *, month_first: bool
) -> tuple[dt.date, str, str]:
    g = match.groupdict()
    if g["iso_y"]:
        return dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])), "day", match.group(0)
    if g["num_a"]:
        a, b, year = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
        if year < 100:  # "31/05/21": notices are younger than 1970
            year += 2000 if year < 70 else 1900
        day, month = (b, a) if (month_first and a <= 12) or b > 12 else (a, b)
        return dt.date(year, month, day), "day", match.group(0)
    if g["my_m"] or g["ym_m"]:  # "11/2020", "2025-10"
        year, month = int(g["my_y"] or g["ym_y"]), int(g["my_m"] or g["ym_m"])
        return dt.date(year, month, _last_day(year, month)), "month", match.group(0)
    month, year = knowledge.months[g["month"].lower()], int(g["year"])
    written_day = g["day_first"] or g["day_after"]
    if written_day:
        return dt.date(year, month, int(written_day)), "day", match.group(0)
    return dt.date(year, month, _last_day(year, month)), "month", match.group(0)


def _last_day(year: int, month: int) -> int:
    """Days in the month (``calendar`` would import ``locale`` for this)."""
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - dt.timedelta(days=1)).day


_Found = TypeVar("_Found", PolicyDate, BadDate)


def unique_dates(items: list[_Found]) -> list[_Found]:
    """Each date once, by where it starts; and not a date read inside another ("Mai 2024"
    inside "12. Mai 2024", whose day Markdown took as a list number)."""
    seen: set[tuple[int, int]] = set()
    out: list[_Found] = []
    for item in items:
        key = (item.location.line, item.location.column)
        if key not in seen and not any(_inside(item.location, other.location) for other in items):
            seen.add(key)
            out.append(item)
    return out


def _inside(inner: Location, outer: Location) -> bool:
    """``inner`` lies within ``outer`` and is shorter (one line; 0-based columns)."""
    return (
        inner.line == outer.line == inner.end_line == outer.end_line
        and outer.column <= inner.column
        and inner.end_column <= outer.end_column
        and (inner.column, inner.end_column) != (outer.column, outer.end_column)
    )
