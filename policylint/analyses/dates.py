"""Dates in notices, and the ones that say when the notice was last updated.

A date only counts when a label introduces it ("Last updated:", "Datum
afgifte:", "This version 2.0 was last updated and issued on") or a front
matter key holds it, so "GDPR came into effect on 25 May 2018" or
"Established in 1983" never do. Labels come in two forms: fixed phrases
(``labels``), and date-event clauses and version histories found by
``date_clues``. A date the body gives wins over the front matter's, which is
often just the page's publishing date. The labels and month names are data
in ``rules/dates.yaml``; this module knows how dates are written.
Reading one date is ``date_values``'.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import NamedTuple

from policylint.analyses import date_clues, date_tables
from policylint.analyses.date_values import (
    TEMPLATE,
    BadDate,
    PolicyDate,
    date_pattern,
    match_value,
    parse_date,
    unique_dates,
)
from policylint.analyses.profile import Profile
from policylint.base.positions import Location
from policylint.base.prefilter import Filtered, LazyPattern, fold
from policylint.packs.knowledge import DateEvents, Knowledge
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at

_FRONT_MATTER_KEY = re.compile(r"[ \t]*[\w-]+[ \t]*[:=]")
_FRONT_MATTER_TEMPLATE = re.compile(r"\{[{%].*?[}%]\}")


_YEAR_ONLY = LazyPattern(r"\s*[:–-]?\s*(?:in\s+)?((?:19|20)\d{2})\b(?![-/.]\d)")
_LABEL_VALUE = LazyPattern(r"\s*[:–-]\s*(\S[^.;]{0,40})")


OPENING_DATE = 40
"""A date label alone on its paragraph takes a date that ends within this many characters
(code points) of the next paragraph's start ("Mai 2026", "Donnerstag, den 12. November 2026")."""
_BULLET = LazyPattern(r"^\s*(?:[-*+]\s+)?")


class LastUpdated(NamedTuple):
    """Every last-updated date of a document, and the labels that failed."""

    dates: tuple[PolicyDate, ...]
    invalid: tuple[BadDate, ...]
    front_matter: tuple[PolicyDate, ...] = ()
    """The front matter's dates, also when the body's win (a fix moves both)."""


def last_updated(doc: Document, knowledge: Knowledge, profile: Profile) -> LastUpdated:
    """Every last-updated date in the front matter and the body (``Facts.last_updated``)."""
    found, languages = _collector(doc, knowledge, profile)
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
    for span in date_tables.key_value_dates(doc, knowledge, languages, found.pattern):
        found.span(span)
    labelled(("generic", "weak"))
    for span in date_clues.history_dates(doc, knowledge, found.pattern):
        found.span(span)
    # A date the body gives is the notice's own; front matter dates (often the
    # page's publishing date) count only when the body has none.
    body = found.dates[in_front_matter:]
    matter = tuple(found.dates[:in_front_matter])
    dates, invalid = unique_dates(body or found.dates), unique_dates(found.invalid)
    return LastUpdated(tuple(dates), tuple(invalid), matter)


def front_matter_texts(
    doc: Document, knowledge: Knowledge, profile: Profile
) -> tuple[PolicyDate, ...]:
    """The dates ``modified-labels`` introduce in the front matter's one-line texts,
    whether or not a date key is there too: what a date fix moves with the date it
    fixes when they say the same day (``rules/date_fix``)."""
    found, languages = _collector(doc, knowledge, profile)
    found.texts(doc, languages)
    return tuple(found.dates)


def _collector(
    doc: Document, knowledge: Knowledge, profile: Profile
) -> tuple[_Collector, list[str]]:
    languages = list(dict.fromkeys([profile.language, "en"]))
    found = _Collector(knowledge, month_first=profile.jurisdictions == {"US"})
    found.title = date_clues.title_of(doc)
    found.lexicons = [lex for lex in map(knowledge.date_events.get, languages) if lex]
    return found, languages


def _child_line(doc: Document, parent: int, last: int, key: str) -> int | None:
    """The line of ``key`` in the mapping whose key is on line ``parent``: on that line
    itself (a flow mapping, an inline table), or among the lines indented under it at
    its first child's indentation (a TOML ``[table]``: up to the next table)."""
    head = doc.source.line_text(parent)
    here = re.compile(rf"[{{,\s]{re.escape(key)}[ \t]*[:=]")
    if here.search(head):
        return parent
    table = head.lstrip().startswith("[")
    base = len(head) - len(head.lstrip())
    child: int | None = None
    for line in range(parent + 1, last):
        text = doc.source.line_text(line)
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip())
        if (table and text.lstrip().startswith("[")) or (not table and indent <= base):
            return None
        child = indent if child is None else child
        if indent == child and re.match(rf"[ \t]*{re.escape(key)}[ \t]*[:=]", text):
            return line
    return None


class _Collector:
    """Collects labelled dates and failed labels while a document is scanned."""

    def __init__(self, knowledge: Knowledge, *, month_first: bool):
        self.knowledge = knowledge
        self.month_first = month_first
        self.pattern = date_pattern(knowledge)
        self.dates: list[PolicyDate] = []
        self.invalid: list[BadDate] = []
        self.title = ""  # the notice's title: a possessor it names is us
        self.lexicons: list[DateEvents] = []

    def front_matter(self, doc: Document, languages: list[str]) -> None:
        """Dates under the front matter keys the packs list; without one, a date that a
        ``modified-labels`` label introduces in a one-line text under another key
        (``lead: Last updated on 15 September 2026.``)."""
        matter = doc.front_matter
        if matter is None:
            return
        for key in self.knowledge.front_matter_keys:
            if key in matter.values:
                line = matter.key_lines.get(key, 0)
                self._front_matter_value(matter.values[key], doc.source.line_text(line), line)
        if not self.dates and not self.invalid:
            self._nested(doc)
        if not self.dates and not self.invalid:
            self.texts(doc, languages)

    def _nested(self, doc: Document) -> None:
        """A ``modified-keys`` date one level down (``sitemap: {lastmod: 2025-12-08}``,
        block, flow or TOML table); a value there that is no date is not ours to judge."""
        matter = doc.front_matter
        assert matter is not None
        for key, value in matter.values.items():
            if not isinstance(value, dict) or key not in matter.key_lines:
                continue
            for inner in (k for k in self.knowledge.modified_keys if k in value):
                if not self._is_date(value[inner]):
                    continue
                line = _child_line(doc, matter.key_lines[key], matter.last_line, inner)
                if line is not None:
                    self._front_matter_value(value[inner], doc.source.line_text(line), line)

    def _is_date(self, value: object) -> bool:
        if isinstance(value, dt.date):
            return True
        try:
            return isinstance(value, str) and parse_date(value, self.knowledge) is not None
        except ValueError:
            return False

    def texts(self, doc: Document, languages: list[str]) -> None:
        """The dates ``modified-labels`` introduce in the front matter's one-line texts
        under keys the packs do not list."""
        matter = doc.front_matter
        if matter is None:
            return
        keys = self.knowledge.front_matter_keys
        for key, value in matter.values.items():
            if key not in keys and isinstance(value, str) and key in matter.key_lines:
                line = matter.key_lines[key]
                self._front_matter_sentence(doc.source.line_text(line), line, languages)

    def _front_matter_sentence(self, text: str, line: int, languages: list[str]) -> None:
        """The date a ``modified-labels`` label introduces in a front matter line, as
        ``label`` reads one in the body: within its sentence and ``label_reach``, not
        another party's."""
        lowered = fold(text)
        labels = self.knowledge.modified_labels
        for label in (label for lang in languages for label in labels.get(lang, ())):
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
                    value, precision, written = match_value(
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
            row_start, row_end = date_tables.row_at(block, start)
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
        if following is not None and not text[end:].strip(" :"):
            if block.kind == "heading":
                # "## Last updated" with the date in the paragraph below it.
                self._after(following, 0, len(following.text), kind)
                return
            if not text[:start].strip() and self._opening_date(following):
                return  # "Stand dieser Datenschutzerklärung:" alone, "Mai 2026" below it
        if not (kind == "strong" and self._before(block, sentence_start, start)):
            self._after(block, end, sentence_end, kind)

    def _opening_date(self, block: Block) -> bool:
        """Read a date that opens ``block`` (within ``OPENING_DATE`` characters); whether
        there was one. An ordered list item "12. Mai 2026" (Markdown reads the day as its
        number) is read from its source line."""
        if block.kind == "paragraph":
            text, begin = block.text, None
        elif block.kind == "list_item":
            source = block.prose.source
            raw = source.line_text(block.line)
            text = _BULLET.sub("", raw)  # "- 12. Mai 2024": the bullet, not the day
            begin = source.line_starts[block.line] + len(raw) - len(text)
        else:
            return False
        date = self.pattern.search(text, 0, OPENING_DATE)
        if date is None or text[: date.start()].strip(" *_"):
            return False
        if begin is None:
            self._date(block, date)
        else:
            source = block.prose.source
            self._date(block, date, source.location(begin + date.start(), begin + date.end()))
        return True

    def _date(self, block: Block, match: re.Match[str], location: Location | None = None) -> None:
        location = location or block.prose.location(match.start(), match.end())
        try:
            value, precision, written = match_value(
                match, self.knowledge, month_first=self.month_first
            )
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
