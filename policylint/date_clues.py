"""Where a notice dates itself without a fixed label: event clauses and version histories.

People write the date of their notice in many phrasings ("We first published
this notice in March 2022", "The Acme Privacy Policy goes into effect as of
October 20, 2020", "Effective January 1, 2020", "Our most recent update was
made on 4 May 2023"). Rather than one pattern per phrasing, a date counts when
a *date-event word* (updated, revised, published, effective, in force ...)
precedes it in the same clause and either

* the clause names the notice within a few words of the event word ("this
  policy", "the Acme Privacy Notice"), or
* the event word stands in label position: nothing but label words ("our most
  recent", "privacy notice", a version number) before it in its sentence, and
  at most a few words between it and the date.

A law word between the clause start and the date ("the GDPR came into effect
on ...") or a future word ("will be reviewed in ...") rules the date out. The
words are data in ``rules/dates.yaml`` (``events``).

Version histories are read by shape: in a section headed "Version history",
"Revisions" ... or a table whose header names a date and a version or change
column, every date that opens a row or list item dates a version.

This module finds spans; ``dates`` reads them as dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from policylint.document import Block, Document
from policylint.knowledge import DateEvents, Knowledge
from policylint.prose import sentence_at

LABEL_GAP = 3
"""At most this many words between a label-position event word and its date."""
NOTICE_NEAR = 4
"""At most this many words between the event word and the words naming the notice."""
ROW_LEAD = 3
"""At most this many words before the date that opens a history row or list item."""

_DIGIT = re.compile(r"[\d{]")
_LONGEST_DATE = 20  # "September 30th, 2024"
_LABEL_LINE = 80  # a label whose date is in the next block stands on a short line
_VERSION_NUMBER = re.compile(r"\(?v?\d+(?:\.\d+)*[.,:;)–-]*", re.IGNORECASE)
_TEMPLATE = re.compile(r"\{\{.{0,160}?\}\}|\{%.{0,160}?%\}")
_YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?![\d]|[-/.]\d)")
_PUNCTUATION = "*_:;,.()[]\"'“”‘’–—-|"


class Span(NamedTuple):
    """A date as written in a block: ``block.text[start:end]``."""

    block: Block
    start: int
    end: int


def _words(text: str) -> list[str]:
    """The words of ``text`` without punctuation-only pieces."""
    return [w for w in (piece.strip(_PUNCTUATION) for piece in text.split()) if w]


def _clause(text: str, at: int) -> tuple[int, int]:
    """The sentence holding ``at``, cut at semicolons: a clause says one thing."""
    start, end = sentence_at(text, at)
    cut = text.rfind(";", start, at)
    start = cut + 1 if cut != -1 else start
    cut = text.find(";", at, end)
    return start, (cut if cut != -1 else end)


def event_dates(
    doc: Document, knowledge: Knowledge, languages: list[str], pattern: re.Pattern[str]
) -> Iterator[Span]:
    """Dates (or template expressions) that a date-event clause gives the notice."""
    following = {id(a): b for a, b in zip(doc.blocks, doc.blocks[1:], strict=False)}
    for lang in languages:
        lexicon = knowledge.date_events.get(lang)
        if lexicon is None or not doc.may_hold(lexicon.events):
            continue
        for block in doc.blocks_with(lexicon.events):
            nxt = following.get(id(block))
            if not _DIGIT.search(block.text) and not (
                len(block.text) <= _LABEL_LINE and nxt and _DIGIT.search(nxt.text)
            ):
                continue  # no date can follow an event word here: skip the word search
            for event in lexicon.events.finditer(block.text, lowered=block.lower):
                span = _event_date(block, event, lexicon, knowledge, pattern)
                if span is None and _label_alone(block, event, lexicon):
                    span = _opening_date(nxt, pattern, LABEL_GAP)
                if span is not None:
                    yield span


def _event_date(
    block: Block,
    event: re.Match[str],
    lexicon: DateEvents,
    knowledge: Knowledge,
    pattern: re.Pattern[str],
) -> Span | None:
    """The date after ``event`` in its clause, if the clause makes it the notice's."""
    text = block.text
    stop = event.end() + knowledge.label_reach + _LONGEST_DATE
    if _DIGIT.search(text, event.end(), stop) is None:
        return None  # every date has a digit, every template a brace: most event words end here
    start, end = _clause(text, event.start())
    stop = min(end, stop)
    date = pattern.search(text, event.end(), stop)
    if date is not None and date.start() > event.end() + knowledge.label_reach:
        date = None  # a date must start within reach of its event word
    found = (date.start(), date.end()) if date else _template_or_year(text, event.end(), stop)
    if found is None:
        return None
    lead = text[start : found[0]]
    if knowledge.law_context.search(text, start, found[0], block.lower):
        return None
    if lexicon.future.search(lead):
        return None
    labelled = _label_position(text[start : event.start()], lexicon) and (
        len(_words(text[event.end() : found[0]])) <= LABEL_GAP
    )
    if not labelled and not _names_notice(text, start, found[0], event, lexicon):
        return None
    if (
        date is None
        and len(_words(lexicon.notice.regex.sub(" ", text[event.end() : found[0]]))) > 1
    ):
        return None  # a bare year or a template only right after its label ("published in 2019")
    return Span(block, *found)


def template_after(text: str, at: int) -> tuple[int, int] | None:
    """The span of a template expression (``{{ page.date }}``, ``{% ... %}``) right after ``at``.

    At most one word ("on") may stand between.
    """
    template = _TEMPLATE.search(text, at, min(len(text), at + 200))
    if template is not None and len(_words(text[at : template.start()])) <= 1:
        return template.span()
    return None


def _template_or_year(text: str, at: int, stop: int) -> tuple[int, int] | None:
    """A template expression or a bare year that follows ``at`` (within ``stop``)."""
    template = template_after(text, at)
    if template is not None:
        return template
    year = _YEAR.search(text, at, stop)
    return year.span() if year else None


def _label_position(prefix: str, lexicon: DateEvents) -> bool:
    """Only label words and version numbers before the event word in its sentence."""
    return all(
        word.lower() in lexicon.label_words or _VERSION_NUMBER.fullmatch(word)
        for word in _words(prefix)
    )


def _names_notice(text: str, start: int, stop: int, event: re.Match[str], lex: DateEvents) -> bool:
    """Words naming the notice stand within ``NOTICE_NEAR`` words of the event word."""
    for notice in lex.notice.finditer(text, start, stop):
        if notice.end() <= event.start():
            between = text[notice.end() : event.start()]
        elif notice.start() >= event.end():
            between = text[event.end() : notice.start()]
        else:
            return True  # they overlap
        if len(_words(between)) <= NOTICE_NEAR:
            return True
    return False


def _label_alone(block: Block, event: re.Match[str], lexicon: DateEvents) -> bool:
    """The event word ends its block as a label would, so the date may open the next one.

    "**Effective date:**" on its own line, or "This policy was last reviewed on"
    with the date on the line below (read as a heading of its own).
    """
    text = block.text
    if len(text) - event.end() > 24 or len(_words(text[event.end() :])) > 1:
        return False
    start, _ = sentence_at(text, event.start())
    return _label_position(text[start : event.start()], lexicon) or _names_notice(
        text, start, len(text), event, lexicon
    )


def _opening_date(block: Block | None, pattern: re.Pattern[str], lead: int) -> Span | None:
    """The date that opens ``block``, after at most ``lead`` words."""
    if block is None:
        return None
    text = block.text
    date = pattern.search(text, 0, min(len(text), 80))
    if date is None or len(_words(text[: date.start()])) > lead:
        return None
    return Span(block, date.start(), date.end())


def history_dates(doc: Document, knowledge: Knowledge, pattern: re.Pattern[str]) -> Iterator[Span]:
    """Dates that open the rows of version histories: sections by heading, tables by header."""
    seen: set[int] = set()
    for section in doc.sections():
        if section.title and knowledge.history_headings.search(section.title):
            for block in section.blocks:
                seen.add(id(block))
                yield from _row_dates(block, pattern)
    dated, changed = knowledge.history_columns
    for block in doc.blocks:
        if block.kind != "table" or id(block) in seen:
            continue
        header = doc.source.line_text(block.line - 1)
        if dated.search(header) and changed.search(header):
            yield from _row_dates(block, pattern)


def _row_dates(block: Block, pattern: re.Pattern[str]) -> Iterator[Span]:
    """Every date of a history table; the opening date of a list item or paragraph."""
    if block.kind == "table":
        for date in pattern.finditer(block.text):
            yield Span(block, date.start(), date.end())
        return
    span = _opening_date(block, pattern, ROW_LEAD)
    if span is not None:
        yield span
