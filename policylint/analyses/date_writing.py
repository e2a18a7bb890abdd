"""Writing a new date the way a notice wrote an old one: "1st October 2026" -> "22nd November 2026".

``rewrite`` takes a date exactly as ``dates`` reads it and shows another date
in the same format: the same order of day, month and year, the same
separators and words between them, zero padding per part, a two- or
four-digit year, ordinals recomputed for the new day, the month name in the
same language, form (full name or abbreviation, with or without its dot,
with or without accents) and case, and a front matter time left as it was.

The language of a month name decides the new name. Several languages share
names ("april": English, Dutch, German), so the languages whose names hold
the written one are narrowed by how each writes a date (``CONVENTIONS``):
English and German capitalise month names, Dutch and French do not; German
writes the day with a dot ("1. Oktober"); only English puts the day after
the month; ordinal suffixes are a language's own. When the languages left
would write the new date differently, or none is left, there is no rewrite:
``rewrite`` never guesses. Every rewrite is read back with ``parse_date``
before it is returned, so it always reads as the new date.

Choices made here:

- Dutch ordinals are recomputed: "1ste", "8ste" and "20ste" on, "2de" ... "19de";
  the short "3e" form stays short ("22e").
- French writes "1er" on the first of a month (the ``first-day`` of its
  ``example:``) and a plain number on other days, whatever the old date had.
- A month that does not change keeps its name exactly as written (the
  Austrian "Jänner" stays "Jänner" in January and becomes "Februar" after it).
- A numeric part written with two digits and no leading zero ("23.07.2024")
  pads like the other part; when neither shows whether it pads
  ("12.10.2025"), the new date is padded (the width as written).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from policylint.analyses import date_values
from policylint.analyses.date_conventions import CONVENTIONS
from policylint.packs.knowledge import Knowledge

_QUOTES = ("'", '"')
# The time and zone of a front matter datetime, after an ISO date: kept as written.
_TIME = re.compile(
    r"(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:\s?(?:[Zz]|[+-]\d{2}(?::?\d{2})?))?"
)
_LETTERS = re.compile(r"[A-Za-z]*")


def rewrite(
    written: str,
    new: dt.date,
    knowledge: Knowledge,
    *,
    month_first: bool = False,
    language: str | None = None,
) -> str | None:
    """``written`` changed to show ``new``, in the same format; None if it cannot be.

    ``written`` is a date as a notice writes it: the text ``date_values.parse_date``
    reads (a ``PolicyDate.text``: "1 October 2026", "07/23/2024", "May 2018",
    "2024"), or a front matter value ("2024-07-23T10:00:00+02:00",
    ``"2024-07-23"`` with its quotes). ``month_first`` is ``parse_date``'s: how
    a numeric date whose day and month are both 12 or less is read.

    The result shows ``new`` at the precision ``written`` has: a month date
    ("May 2018", "11/2020") shows only its month and year, a year only its
    year. Whitespace and quotes around ``written`` are kept.

    Returns None when ``written`` is no date ``parse_date`` reads whole (a
    weekday before it, a full stop after it), is no real date ("31/02/2024"),
    mixes the case of its month name ("mAy"), is written the way no language
    with its month name writes a date ("3 Mai 2025": German writes "3. Mai",
    French "3 mai"), or fits languages that would write ``new`` differently
    ("3 APRIL 2025" in May: English "MAY", Dutch "MEI") unless ``language``, the
    notice's, is one of them; and when the new date
    cannot be written in the format so that ``parse_date`` reads it back as
    ``new`` (a two-digit year outside 1970-2069; "07/23/2024", month first
    only because 23 > 12, for a day of 12 or less unless ``month_first``).
    """
    new = dt.date(new.year, new.month, new.day)  # a datetime's time is not written
    body = written.strip()
    quoted = len(body) >= 2 and body[0] in _QUOTES and body[-1] == body[0]
    inner = body[1:-1] if quoted else body
    if not inner or inner != inner.strip():
        return None
    shown = _rewritten(inner, new, knowledge, month_first, language)
    if shown is None:
        return None
    quote = body[0] if quoted else ""
    start = written.index(body)
    return f"{written[:start]}{quote}{shown}{quote}{written[start + len(body) :]}"


def _rewritten(
    text: str, new: dt.date, knowledge: Knowledge, month_first: bool, language: str | None
) -> str | None:
    """``rewrite`` for a date without quotes or whitespace around it."""
    try:
        old = date_values.parse_date(text, knowledge, month_first=month_first)
    except ValueError:
        return None  # no real date: nothing says how its parts are meant
    if old is None:
        return None
    match = date_values.date_pattern(knowledge).match(text)
    if match is None:  # a year alone
        return str(new.year) if _reads_as(str(new.year), "", new, old[1], knowledge) else None
    tail = text[match.end() :]
    if tail and not (match["iso_y"] and _TIME.fullmatch(tail)):
        return None
    if match["month"]:
        shown = _named(match, new, knowledge, language)
    else:
        shown = _numeric(match, new, month_first)
    if shown is None or not _reads_as(shown, tail, new, old[1], knowledge, month_first):
        return None
    return shown + tail


def _reads_as(
    shown: str,
    tail: str,
    new: dt.date,
    precision: str,
    knowledge: Knowledge,
    month_first: bool = False,
) -> bool:
    """Whether ``parse_date`` reads all of ``shown`` as ``new`` at ``precision``."""
    try:
        parsed = date_values.parse_date(shown + tail, knowledge, month_first=month_first)
    except ValueError:
        return False
    if parsed is None or parsed[1:] != (precision, shown):
        return False
    value = parsed[0]
    if precision == "day":
        return value == new
    if precision == "month":
        return (value.year, value.month) == (new.year, new.month)
    return value.year == new.year


def _replaced(text: str, parts: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new text)`` span replaced (spans not overlapping)."""
    out, at = [], 0
    for start, end, shown in sorted(parts):
        out += [text[at:start], shown]
        at = end
    return "".join([*out, text[at:]])


def _numeric(match: re.Match[str], new: dt.date, month_first: bool) -> str:
    """An ISO or numeric date (day, month or year-and-month precision) showing ``new``."""
    if match["iso_y"]:
        numbers = {"iso_m": new.month, "iso_d": new.day}
        year = "iso_y"
    elif match["num_a"]:
        a, b = int(match["num_a"]), int(match["num_b"])
        # As ``date_values.match_value`` reads them: month first when told so, or when b
        # cannot be a month.
        if (month_first and a <= 12) or b > 12:
            numbers = {"num_a": new.month, "num_b": new.day}
        else:
            numbers = {"num_a": new.day, "num_b": new.month}
        year = "num_y"
    else:
        year = "my_y" if match["my_m"] else "ym_y"
        numbers = {"my_m" if match["my_m"] else "ym_m": new.month}
    padded = _padding([match[name] for name in numbers])
    parts = [
        (*match.span(name), f"{value:02}" if pad else str(value))
        for (name, value), pad in zip(numbers.items(), padded, strict=True)
    ]
    two_digits = len(match[year]) == 2  # "31/05/21"; ``_reads_as`` keeps it in 1970-2069
    parts.append((*match.span(year), f"{new.year % 100:02}" if two_digits else str(new.year)))
    return _replaced(match.group(0), parts)


def _padding(written: list[str]) -> list[bool]:
    """Whether each numeric part pads to two digits: "03" does, "3" does not, and "12"
    does as the other part does (padded when no part shows)."""
    shows = [True if part[0] == "0" else False if len(part) == 1 else None for part in written]
    default = next((pad for pad in shows if pad is not None), True)
    return [default if pad is None else pad for pad in shows]


class _Written(NamedTuple):
    """How a date with a month name is written, apart from its language."""

    match: re.Match[str]
    word: str  # the month name as written
    case: str  # "lower" | "title" | "upper"
    day: str | None  # the group holding the day: "day_first" | "day_after" | None
    ordinal: str  # the suffix after the day, as written ("st", "ER"), or ""
    day_dot: bool  # "1. Oktober"
    name_dot: bool  # "Oct. 1", "3 mrt. 2025"


def _named(
    match: re.Match[str], new: dt.date, knowledge: Knowledge, language: str | None
) -> str | None:
    """A date with a month name showing ``new``, if every language it fits writes it alike
    (or as ``language`` writes it, when that is one of them)."""
    word = match["month"]
    case = _case(word)
    if case is None:
        return None
    day = "day_first" if match["day_first"] else "day_after" if match["day_after"] else None
    text, after_day = match.string, match.end(day) if day else 0
    suffix = _LETTERS.match(text, after_day) if day else None
    ordinal = suffix.group(0) if suffix else ""
    written = _Written(
        match=match,
        word=word,
        case=case,
        day=day,
        ordinal=ordinal,
        day_dot=day == "day_first" and text.startswith(".", after_day + len(ordinal)),
        name_dot=text.startswith(".", match.end("month")),
    )
    lowered = word.lower()
    shown = {
        lang: _in_language(written, new, knowledge, lang)
        for lang, names in knowledge.month_names.items()
        if lowered in names and _fits(written, lang)
    }
    if len(set(shown.values())) == 1:
        return next(iter(shown.values()))
    return shown.get(language) if language else None


def _case(word: str) -> str | None:
    """The case of a month name as written: "lower", "upper", "title"; None for "mAY"."""
    if word == word.lower():
        return "lower"
    if word == word.upper():
        return "upper"
    return "title" if word == word[0].upper() + word[1:].lower() else None


def _fits(written: _Written, lang: str) -> bool:
    """Whether ``lang`` writes a date the way ``written`` is written."""
    convention = CONVENTIONS.get(lang)
    if convention is None:  # a language whose conventions are not known: its plainest form
        return not (written.ordinal or written.day_dot or written.day == "day_after")
    if written.ordinal and written.ordinal.lower() not in convention.ordinals:
        return False
    if written.day == "day_after" and not convention.month_day:
        return False
    if written.day == "day_first" and written.day_dot != convention.day_dot:
        return False
    if written.case == "upper":
        return True
    return (written.case == "title") == convention.capitalised


def _in_language(written: _Written, new: dt.date, knowledge: Knowledge, lang: str) -> str | None:
    """``written`` showing ``new`` in ``lang``: day, month name and year."""
    match = written.match
    names = knowledge.month_names[lang]
    old_month = names[written.word.lower()]
    name_end = match.end("month") + written.name_dot
    if new.month == old_month:
        parts = [(match.start("month"), name_end, match.string[match.start("month") : name_end])]
    else:
        chosen = _month_name(written, names, knowledge, lang, old_month, new.month)
        if chosen is None:
            return None
        name, dot = chosen
        parts = [(match.start("month"), name_end, _cased(name, written.case) + "." * dot)]
    parts.append((*match.span("year"), str(new.year)))
    if written.day:
        end = match.end(written.day) + len(written.ordinal)
        digits = match[written.day]
        parts.append(
            (match.start(written.day), end, _day(written, digits, new.day, knowledge, lang))
        )
    return _replaced(match.group(0), parts)


def _day(written: _Written, digits: str, day: int, knowledge: Knowledge, lang: str) -> str:
    """The new ``day`` with the suffix ``lang`` gives it ("22nd", "1er", "22"), padded as
    the old day's ``digits`` were ("03 May": "05")."""
    upper = written.ordinal.isupper() if written.ordinal else written.case == "upper"
    example = knowledge.date_examples.get(lang)
    if day == 1 and written.day == "day_first" and example and example.first_day:
        first = example.first_day  # French typography: "1er octobre"
        return first.upper() if upper else first
    shown = f"{day:02}" if digits.startswith("0") else str(day)
    convention = CONVENTIONS.get(lang)
    if not written.ordinal or convention is None:
        return shown
    suffix = convention.ordinal(day, written.ordinal.lower())
    return shown + (suffix.upper() if upper else suffix)


def _month_name(
    written: _Written,
    names: Mapping[str, int],
    knowledge: Knowledge,
    lang: str,
    old: int,
    new: int,
) -> tuple[str, bool] | None:
    """The name of month ``new`` in ``lang`` in the form ``written`` has, and whether
    a dot follows it: an abbreviation for an abbreviation, with its dot as written,
    else the full name, without the dot an abbreviation had ("mrt." -> "november");
    unaccented when the written name dropped its accents."""
    word = written.word.lower()
    old_full, new_full = _full(names, knowledge, lang, old), _full(names, knowledge, lang, new)
    if old_full is None or new_full is None:
        return None
    abbreviated = _abbreviates(word, old_full)
    chosen, dot = new_full, written.name_dot and not abbreviated  # "May." keeps its stray dot
    if abbreviated:
        short = [n for n, m in names.items() if m == new and _abbreviates(n, new_full)]
        if short:  # the nearest in length to the written one; ties: the first listed
            chosen, dot = min(short, key=lambda n: abs(len(n) - len(word))), written.name_dot
    accents_dropped = word.isascii() and any(
        m == old and not n.isascii() and _plain(n) == word for n, m in names.items()
    )
    if accents_dropped and names.get(_plain(chosen)) == new:
        chosen = _plain(chosen)  # "fevrier" -> "decembre", not "décembre"
    return chosen, dot


def _full(names: Mapping[str, int], knowledge: Knowledge, lang: str, month: int) -> str | None:
    """The full name of ``month`` in ``lang``: its ``example:`` name, else its longest
    name in the table (ties: the first listed)."""
    example = knowledge.date_examples.get(lang)
    if example is not None and len(example.months) == 12:
        return example.months[month - 1]
    listed = [name for name, number in names.items() if number == month]
    return max(listed, key=len) if listed else None


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an abbreviation of ``full``: shorter, same first letter, its
    letters in order in ``full`` ("mrt": "maart", "févr": "février"; not "feber": "februar")."""
    short, full = _plain(short), _plain(full)
    if not short or len(short) >= len(full) or short[0] != full[0]:
        return False
    letters = iter(full)
    return all(letter in letters for letter in short)


def _plain(name: str) -> str:
    """``name`` lowercased without accents ("Février" -> "fevrier")."""
    decomposed = unicodedata.normalize("NFD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cased(name: str, case: str) -> str:
    """``name`` in the case the written month name had."""
    if case == "upper":
        return name.upper()
    if case == "lower":
        return name.lower()
    return name[:1].upper() + name[1:].lower()
