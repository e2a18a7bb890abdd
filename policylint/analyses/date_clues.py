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

A version label in label position dates the notice with the date right after
it ("Version 3 – 04/02/2024", "Versie 2.1 (januari 2024)"); so does the value
cell of a table row whose key cell is a date label ("| Last reviewed | ... |"),
read by ``date_tables``.
A label in a clause about another party's document ("Google's privacy policy
(last updated ...)") gives their date, not ours (``foreign``).

This module finds spans; ``dates`` reads them as dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from policylint.base.prefilter import LazyPattern
from policylint.packs.knowledge import DateEvents, Knowledge
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at

LABEL_GAP = 3
"""At most this many words between a label-position event word and its date."""
OPENING_GAP = 8
"""The same when the event word opens its sentence ("Adopted at the general
meeting of 28 November 2025", "Vastgesteld in de ALV van ..."): a sentence
that starts with the event is the document's own record of it. Eight words
leave room for the adopting body's name ("Vastgesteld door het college van
burgemeester en wethouders op ...", "Approved by the board of trustees of the
club on ...")."""
NOTICE_NEAR = 4
"""At most this many words between the event word and the words naming the notice."""
ROW_LEAD = 3
"""At most this many words before the date that opens a history row or list item."""

_DIGIT = re.compile(r"[\d{]")
_LONGEST_DATE = 20  # "September 30th, 2024"
_LABEL_LINE = 80  # a label whose date is in the next block stands on a short line
VERSION_NUMBER = LazyPattern(r"\(?v?\d+(?:\.\d+)*[.,:;)–-]*", re.IGNORECASE)
_TEMPLATE = LazyPattern(r"\{\{.{0,160}?\}\}|\{%.{0,160}?%\}")
_YEAR = LazyPattern(r"(?<![\d/.-])(?:19|20)\d{2}(?![\d]|[-/.]\d)")
_PUNCTUATION = "*_:;,.()[]\"'“”‘’–—-|"


class Span(NamedTuple):
    """A date as written in a block: ``block.text[start:end]``."""

    block: Block
    start: int
    end: int


def words(text: str) -> list[str]:
    """The words of ``text`` without punctuation-only pieces."""
    return [w for w in (piece.strip(_PUNCTUATION) for piece in text.split()) if w]


def _clause(block: Block, at: int) -> tuple[int, int]:
    """The sentence holding ``at``, cut at semicolons: a clause says one thing. A name line
    ends a sentence too (``_after_title_line``): "**Acme Ltd**" or "Acme Studio" over
    "Effective 1 May 2026" in one paragraph is a name over its date, not a sentence."""
    text = block.text
    start, end = sentence_at(text, at)
    cut = text.rfind(";", start, at)
    start = cut + 1 if cut != -1 else start
    if start < at and _after_title_line(block, at):
        start = at
    cut = text.find(";", at, end)
    return start, (cut if cut != -1 else end)


def _after_title_line(block: Block, at: int) -> bool:
    """Whether prose offset ``at`` (code points) opens a source line whose line above is a
    name standing as a title: wholly bold or italic ("**Acme Ltd**", "_Acme_"), or plain
    capitalised words with no sentence punctuation ("Acme Studio"; a blockquote's ``>``
    aside). The callers ask for an offset inside a paragraph, so that line is its own."""
    where = block.prose.location(at, at + 1)
    source = block.prose.source
    line = source.line_text(where.line)
    if where.line == 0 or line[: where.column].strip().strip(">").strip():
        return False
    above = source.line_text(where.line - 1).strip().lstrip("> ").strip()
    mark = above[:2] if above[:2] in ("**", "__") else above[:1]
    if mark in ("**", "__", "*", "_"):
        if not above.endswith(mark) or mark in above[len(mark) : -len(mark)]:
            return False  # "**Note:** see **below**" is not one bold line
        return _name_like(above[len(mark) : -len(mark)].strip())
    # A plain line only over a short label line ("Effective 2 November 2026 · Version 1.0"),
    # and not a document's name ("Google Privacy Policy" over its own date).
    short = len(line.strip()) <= _LABEL_LINE_PLAIN
    return short and _name_like(above) and not _DOCUMENT.search(above)


def _name_like(text: str) -> bool:
    """A short run of capitalised words (and the small words names hold): "Acme Studio",
    "Friends of the Earth"; not a sentence broken off ("The policy was")."""
    names = text.split()
    if not 1 <= len(names) <= 6 or not text[:1].isupper() or text[-1:] in ".,;:!?":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _NAME_WORDS for w in names)


_NAME_WORDS = frozenset("of the and & for de van der den het und et du des la le für".split())
_LABEL_LINE_PLAIN = 48
_DOCUMENT = LazyPattern(
    r"\b(?:policy|notice|statement|terms|conditions|privacy|cookies?|verklaring|voorwaarden"
    r"|datenschutz\w*|bedingungen|politique|conditions|mentions)\b",
    re.IGNORECASE,
)


def event_dates(
    doc: Document, knowledge: Knowledge, languages: list[str], pattern: re.Pattern[str]
) -> Iterator[Span]:
    """Dates (or template expressions) that a date-event clause gives the notice."""
    following = {id(a): b for a, b in zip(doc.blocks, doc.blocks[1:], strict=False)}
    # ``_DIGIT`` without a regex scan per block: the document knows its blocks with
    # a digit (lowercasing makes and removes none), so only "{" is left to look for.
    digits = {id(block) for block in doc.blocks_with_digits}

    def dated(block: Block) -> bool:
        return id(block) in digits or "{" in block.text

    title = title_of(doc)
    for lang in languages:
        lexicon = knowledge.date_events.get(lang)
        if lexicon is None or not doc.may_hold(lexicon.events):
            continue
        for block in doc.blocks_with(lexicon.events):
            nxt = following.get(id(block))
            if not dated(block) and not (len(block.text) <= _LABEL_LINE and nxt and dated(nxt)):
                continue  # no date can follow an event word here: skip the word search
            for event in lexicon.events.finditer(block.text, lowered=block.lower):
                span = _event_date(block, event, lexicon, knowledge, pattern, title)
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
    title: str,
) -> Span | None:
    """The date after ``event`` in its clause, if the clause makes it the notice's."""
    text = block.text
    stop = event.end() + knowledge.label_reach + _LONGEST_DATE
    if _DIGIT.search(text, event.end(), stop) is None:
        return None  # every date has a digit, every template a brace: most event words end here
    start, end = _clause(block, event.start())
    stop = min(end, stop)
    date = pattern.search(text, event.end(), stop)
    if date is not None and date.start() > event.end() + knowledge.label_reach:
        date = None  # a date must start within reach of its event word
    found = (date.start(), date.end()) if date else _template_or_year(text, event.end(), stop)
    if found is None:
        return None
    lead = text[start : found[0]]
    names_notice = _names_notice(text, start, end, event, lexicon)
    law_until = found[0] if names_notice else end  # "..., the CPRA gives ...": the law's date
    if knowledge.law_context.search(text, start, law_until, block.lower):
        return None
    if lexicon.future.search(lead):
        return None
    if foreign(text, start, event.start(), found[0], lexicon, title):
        return None
    before = text[start : event.start()]
    gap = OPENING_GAP if not words(before) else LABEL_GAP
    labelled = _label_position(before, lexicon) and (
        len(words(text[event.end() : found[0]])) <= gap
    )
    if not labelled and not _names_notice(text, start, found[0], event, lexicon):
        return None
    if date is None and len(words(lexicon.notice.regex.sub(" ", text[event.end() : found[0]]))) > 1:
        return None  # a bare year or a template only right after its label ("published in 2019")
    return Span(block, *found)


def template_after(text: str, at: int) -> tuple[int, int] | None:
    """The span of a template expression (``{{ page.date }}``, ``{% ... %}``) right after ``at``.

    At most one word ("on") may stand between.
    """
    template = _TEMPLATE.search(text, at, min(len(text), at + 200))
    if template is not None and len(words(text[at : template.start()])) <= 1:
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
        word.lower() in lexicon.label_words or VERSION_NUMBER.fullmatch(word)
        for word in words(prefix)
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
        if len(words(between)) <= NOTICE_NEAR:
            return True
    return False


def _label_alone(block: Block, event: re.Match[str], lexicon: DateEvents) -> bool:
    """The event word ends its block as a label would, so the date may open the next one.

    "**Effective date:**" on its own line, or "This policy was last reviewed on"
    with the date on the line below (read as a heading of its own).
    """
    text = block.text
    if len(text) - event.end() > 24 or len(words(text[event.end() :])) > 1:
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
    if date is None or len(words(text[: date.start()])) > lead:
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
        header = doc.source.line_text(block.line)
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


def title_of(doc: Document) -> str:
    """The title of the notice (its first section's), to tell our name from another's."""
    first = next(doc.sections(), None)
    return first.title if first is not None else ""


def foreign(text: str, start: int, at: int, stop: int, lexicon: DateEvents, title: str) -> bool:
    """A label at ``at`` describes another party's document, not the notice.

    True when the nearest document named in ``text[start:at]`` (its clause
    before the label) is another party's ("Google's privacy policy (last
    updated ...)", "Stripe's terms, last revised ...", "their terms") and
    nothing between the label and ``stop`` (its date) names this notice. A
    possessor the notice's title names ("Acme's privacy notice" under
    "# Acme privacy notice") is us.
    """
    other = None
    for match in lexicon.foreign.finditer(text, start, at):
        owner = words(match.group(0))[0].lower().removesuffix("'s").removesuffix("’s")
        if not re.search(rf"\b{re.escape(owner.rstrip('s’'))}", title, re.IGNORECASE):
            other = match
        elif other is not None and match.start() >= other.end():
            other = None  # our own document named after theirs
    if other is None:
        return False
    for notice in lexicon.notice.finditer(text, other.end(), stop):
        if notice.start() >= other.end():
            return False
    return True


def version_dates(
    doc: Document, knowledge: Knowledge, languages: list[str], pattern: re.Pattern[str]
) -> Iterator[Span]:
    """Dates right after a version label in label position.

    "Version 3 – 04/02/2024", "Versie 2.1 (januari 2024)", "v2.0, 5 May 2025",
    "Version 4 of 1 May 2024": the label opens its sentence (only label words
    such as "Privacy notice" before it), so "We released version 2, 5 May 2025"
    or "Previous version 3 – ..." never count. Table rows are read by
    ``key_value_dates``.
    """
    for lang in languages:
        lexicon = knowledge.date_events.get(lang)
        if lexicon is None or not any(gate.search(doc.lower) for gate in lexicon.version_gate):
            continue
        # Only a block with a digit can hold the date (the label has no literal to narrow by).
        for block in (b for b in doc.blocks_with_digits if b.kind != "table"):
            for label in lexicon.versions.finditer(block.text, lowered=block.lower):
                date = pattern.match(block.text, label.end())
                start = _clause(block, label.start())[0] if date else 0
                if date and (
                    _label_position(block.text[start : label.start()], lexicon)
                    or _own_line(block, label.start(), date.end())
                ):
                    yield Span(block, date.start(), date.end())


def _own_line(block: Block, start: int, end: int) -> bool:
    """Whether prose ``[start, end)`` is a whole source line: a version line in a pasted
    header ("Club name (reg. no.)" / "Version 1.3 – January 2026") is a label however
    the lines before it end."""
    source = block.prose.source
    first, last = block.prose.offset(start), block.prose.offset(end - 1) + 1
    line_start = source.text.rfind("\n", 0, first) + 1
    line_end = source.text.find("\n", last)
    line_end = len(source.text) if line_end == -1 else line_end
    return not source.text[line_start:first].strip() and not source.text[last:line_end].strip()
