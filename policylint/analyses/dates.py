"""Dates in notices, and the ones that say when the notice was last updated.

A date only counts when a label introduces it ("Last updated:", "Datum
afgifte:", "This version 2.0 was last updated and issued on") or a front
matter key holds it, so "GDPR came into effect on 25 May 2018" or
"Established in 1983" never do. Labels come in two forms: fixed phrases
(``labels``), and date-event clauses and version histories found by
``date_clues``. A date the body gives wins over the front matter's, which is
often just the page's publishing date. The labels and month names are data
in ``rules/dates.yaml``; this module knows how dates are written.

Parsing is ours rather than a library's: notices write dates in a handful of
shapes, day-first in Europe, with Dutch and French month names, English
ordinals and the French "1er", and a general parser (dateutil, dateparser)
guesses far more than we want or costs more start-up time than the whole
rest of the linter.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import cache
from typing import NamedTuple, TypeVar

from policylint.analyses import date_clues
from policylint.analyses.profile import Profile
from policylint.base import regexes
from policylint.base.positions import Location
from policylint.base.prefilter import Filtered, LazyPattern, fold
from policylint.packs.knowledge import DateEvents, Knowledge
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at

_FRONT_MATTER_KEY = re.compile(r"[ \t]*[\w-]+[ \t]*[:=]")
_FRONT_MATTER_TEMPLATE = re.compile(r"\{[{%].*?[}%]\}")


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


_Found = TypeVar("_Found", PolicyDate, BadDate)


class LastUpdated(NamedTuple):
    """Every last-updated date of a document, and the labels that failed."""

    dates: tuple[PolicyDate, ...]
    invalid: tuple[BadDate, ...]
    front_matter: tuple[PolicyDate, ...] = ()
    """The front matter's dates, also when the body's win (a fix moves both)."""


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
        | (?P<num_a>\d{{1,2}})(?P<sep>[-/.])(?P<num_b>\d{{1,2}})(?:(?P=sep)|\.\ )
          (?P<num_y>\d{{4}}|\d{{2}})\b(?![-/.]\d)
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
_YEAR_ONLY = LazyPattern(r"\s*[:–-]?\s*(?:in\s+)?((?:19|20)\d{2})\b(?![-/.]\d)")
_LABEL_VALUE = LazyPattern(r"\s*[:–-]\s*(\S[^.;]{0,40})")


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
    return _value(match, knowledge, month_first=month_first)


def _value(
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


def last_updated(doc: Document, knowledge: Knowledge, profile: Profile) -> LastUpdated:
    """Every last-updated date in the front matter and the body (``Facts.last_updated``)."""
    languages = list(dict.fromkeys([profile.language, "en"]))
    found = _Collector(knowledge, month_first=profile.jurisdictions == {"US"})
    found.title = date_clues.title_of(doc)
    found.lexicons = [lex for lex in map(knowledge.date_events.get, languages) if lex]
    found.front_matter(doc, languages)
    in_front_matter = len(found.dates)
    following = {id(block): nxt for block, nxt in itertools.pairwise(doc.blocks)}

    def labelled(kinds: tuple[str, ...]) -> None:
        for lang in languages:
            for kind, labels in zip(("strong", "generic", "weak"), found.labels(lang), strict=True):
                for label in (label for label in labels if kind in kinds and doc.may_hold(label)):
                    for block, match in doc.matches(label):
                        nxt = following.get(id(block))
                        found.label(block, nxt, kind, match.start(), match.end())

    # Strongest evidence first: among equal dates the first found is reported.
    labelled(("strong",))
    for span in date_clues.event_dates(doc, knowledge, languages, found.pattern):
        found.span(span)
    for span in date_clues.version_dates(doc, knowledge, languages, found.pattern):
        found.span(span)
    for span in date_clues.key_value_dates(doc, knowledge, languages, found.pattern):
        found.span(span)
    labelled(("generic", "weak"))
    for span in date_clues.history_dates(doc, knowledge, found.pattern):
        found.span(span)
    # A date the body gives is the notice's own; front matter dates (often the
    # page's publishing date) count only when the body has none.
    body = found.dates[in_front_matter:]
    matter = tuple(found.dates[:in_front_matter])
    return LastUpdated(tuple(_unique(body or found.dates)), tuple(_unique(found.invalid)), matter)


def _unique(items: list[_Found]) -> list[_Found]:
    seen: set[tuple[int, int]] = set()
    out: list[_Found] = []
    for item in items:
        key = (item.location.line, item.location.column)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


class _Collector:
    """Collects labelled dates and failed labels while a document is scanned."""

    def __init__(self, knowledge: Knowledge, *, month_first: bool):
        self.knowledge = knowledge
        self.month_first = month_first
        self.pattern = _date_pattern(tuple(knowledge.months))
        self.dates: list[PolicyDate] = []
        self.invalid: list[BadDate] = []
        self.title = ""  # the notice's title: a possessor it names is us
        self.lexicons: list[DateEvents] = []

    def front_matter(self, doc: Document, languages: list[str]) -> None:
        """Dates under the front matter keys the packs list, then a date that a strong
        label introduces in a one-line text under another key (``lead: Last updated
        on 15 September 2026.``)."""
        matter = doc.front_matter
        if matter is None:
            return
        keys = self.knowledge.front_matter_keys
        for key in keys:
            if key in matter.values:
                line = matter.key_lines.get(key, 0)
                self._front_matter_value(matter.values[key], doc.source.line_text(line), line)
        for key, value in matter.values.items():
            if key not in keys and isinstance(value, str) and key in matter.key_lines:
                line = matter.key_lines[key]
                self._front_matter_sentence(doc.source.line_text(line), line, languages)

    def _front_matter_sentence(self, text: str, line: int, languages: list[str]) -> None:
        """The date a strong label introduces in a front matter line, as ``label`` reads
        one in the body: within its sentence and ``label_reach``, not another party's."""
        lowered = fold(text)
        for label in (label for lang in languages for label in self.labels(lang)[0]):
            found = label.search(text, lowered=lowered)
            if found is None:
                continue
            first, last = sentence_at(text, found.start())
            reach = min(last, found.end() + self.knowledge.label_reach)
            if any(
                date_clues.foreign(text, first, found.start(), reach, lexicon, self.title)
                for lexicon in self.lexicons
            ):
                continue
            template = _FRONT_MATTER_TEMPLATE.search(text, found.end(), reach)
            if template:  # "subtitle: Last updated {{ page.date }}": filled in at build time
                where = Location(line, template.start(), line, template.end())
                self.invalid.append(BadDate(template.group(0), TEMPLATE, where))
                return
            date = self.pattern.search(text, found.end(), reach)
            if date:
                location = Location(line, date.start(), line, date.end())
                try:
                    value, precision, written = _value(
                        date, self.knowledge, month_first=self.month_first
                    )
                except ValueError:
                    self.invalid.append(BadDate(date.group(0), "is not a real date", location))
                else:
                    self.dates.append(PolicyDate(value, written, precision, location))
                return

    def _front_matter_value(self, value: object, text: str, line: int) -> None:
        if value is None or isinstance(value, bool) or not str(value).strip():
            return  # "modified:" left empty by a page template says nothing
        key = _FRONT_MATTER_KEY.match(text)  # YAML "key:" or TOML "key ="
        column = key.end() if key else 0
        column += len(text[column:]) - len(text[column:].lstrip())
        location = Location(line, column, line, max(column + 1, len(text.rstrip())))
        if isinstance(value, dt.datetime):
            self.dates.append(PolicyDate(value.date(), str(value.date()), "day", location))
            return
        if isinstance(value, dt.date):
            self.dates.append(PolicyDate(value, str(value), "day", location))
            return
        raw = str(value).strip().strip("\"'")
        try:
            parsed = parse_date(raw, self.knowledge, month_first=self.month_first)
        except ValueError:
            self.invalid.append(BadDate(raw, "is not a real date", location))
            return
        if parsed is None:
            self.invalid.append(BadDate(raw, "cannot be read as a date", location))
        else:
            self.dates.append(PolicyDate(parsed[0], raw, parsed[1], location))

    def labels(self, lang: str) -> tuple[tuple[Filtered, ...], ...]:
        """The strong, generic and weak labels of a language."""
        k = self.knowledge
        kinds = (k.date_labels, k.generic_date_labels, k.weak_date_labels)
        return tuple(labels.get(lang, ()) for labels in kinds)

    def label(self, block: Block, following: Block | None, kind: str, start: int, end: int) -> None:
        """The date a label at ``block.text[start:end]`` introduces."""
        text = block.text
        sentence_start, sentence_end = sentence_at(text, start)
        if block.kind == "table":  # a row says one thing: a label never reaches the next row
            row_start, row_end = date_clues.row_at(block, start)
            sentence_start = max(sentence_start, row_start)
            sentence_end = min(sentence_end, row_end)
        reach = min(sentence_end, end + self.knowledge.label_reach)
        if any(
            date_clues.foreign(text, sentence_start, start, reach, lexicon, self.title)
            for lexicon in self.lexicons
        ):
            return  # "Google's privacy policy (last updated ...)": their date, not ours
        context = self.knowledge.law_context
        if kind == "weak" and context.search(text, sentence_start, sentence_end, block.lower):
            return
        if block.kind == "heading" and following and not text[end:].strip(" :"):
            # "## Last updated" with the date in the paragraph below it.
            self._after(following, 0, len(following.text), kind)
        elif not (kind == "strong" and self._before(block, sentence_start, start)):
            self._after(block, end, sentence_end, kind)

    def _date(self, block: Block, match: re.Match[str]) -> None:
        location = block.prose.location(match.start(), match.end())
        try:
            value, precision, written = _value(match, self.knowledge, month_first=self.month_first)
        except ValueError:
            self.invalid.append(BadDate(match.group(0), "is not a real date", location))
            return
        self.dates.append(PolicyDate(value, written, precision, location))

    def span(self, span: date_clues.Span) -> None:
        """Read the date (or template expression) written at ``span``."""
        written = span.block.text[span.start : span.end]
        location = span.block.prose.location(span.start, span.end)
        if written.startswith("{"):
            self.invalid.append(BadDate(written, TEMPLATE, location))
            return
        try:
            parsed = parse_date(written, self.knowledge, month_first=self.month_first)
        except ValueError:
            self.invalid.append(BadDate(written, "is not a real date", location))
            return
        if parsed is not None:
            self.dates.append(PolicyDate(parsed[0], written, parsed[1], location))

    def _before(self, block: Block, sentence_start: int, at: int) -> bool:
        """A date just before the label, as Dutch word order puts it.

        Taken only when at most three words stand between the date and the
        label ("is op 28 juli 2017 het laatst gewijzigd") and no date follows
        the label ("... last updated on 3 May 2024").
        """
        text = block.text
        if self.pattern.search(text, at, min(len(text), at + self.knowledge.label_reach)):
            return False
        found = list(self.pattern.finditer(text, max(sentence_start, at - 40), at))
        if not found or len(text[found[-1].end() : at].split()) > 3:
            return False
        self._date(block, found[-1])
        return True

    def _after(self, block: Block, at: int, sentence_end: int, kind: str) -> None:
        """The date that follows a label, a bare year, or (strong labels) what failed."""
        text = block.text
        stop = min(max(sentence_end, at + 30), at + self.knowledge.label_reach, len(text))
        window = text[at:stop]
        match = self.pattern.search(text, at, stop)
        if match is not None:
            self._date(block, match)
            return
        template = date_clues.template_after(text, at) if kind != "weak" else None
        if template is not None:
            self.span(date_clues.Span(block, *template))
            return
        year = _YEAR_ONLY.match(window)
        if year is not None:
            location = block.prose.location(at + year.start(1), at + year.end(1))
            value = dt.date(int(year.group(1)), 12, 31)
            self.dates.append(PolicyDate(value, year.group(1), "year", location))
            return
        label_value = _LABEL_VALUE.match(window) if kind == "strong" else None
        if label_value is not None:
            shown = label_value.group(1).strip()
            begin = at + label_value.start(1)
            location = block.prose.location(begin, begin + len(shown))
            self.invalid.append(BadDate(shown, "cannot be read as a date", location))
