"""Where a notice names a topic: a heading that names it, or a sentence that states it.

A topic (``packs/topics``) is present when a section heading matches its
``headings`` patterns, or when a sentence of a paragraph, list item or table
matches its ``sentences`` patterns and not its ``unless`` patterns, or when
a table's header cell matches its ``headings`` (the column gives it). The
blocks of a document are searched one by one, each only for the patterns
whose literal words it holds (``ProseText.masks``), so a topic the notice
never names costs one pass of an RE2 set over its text and no search at all
when those words never occur together in a block.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from policylint.base.literal_index import TextMasks, members
from policylint.base.positions import Location
from policylint.base.prefilter import fold
from policylint.packs.matchers import LITERALS, Matcher
from policylint.packs.topics import Topic
from policylint.parse.document import Block, Document, Section
from policylint.parse.prose import sentence_at

SECTION_OPENING = 2
"""How many blocks of a section ``section-sentences`` read: the first ones under its
heading (the heading itself is not one of them)."""
LEAD_IN_ITEMS = 12
"""How many items of the list under a lead-in ("We never:") ``section-sentences`` read."""


class ProseText(NamedTuple):
    """The blocks of a document that are not headings, and its section headings.

    ``masks`` says which blocks hold which literals (``base/literal_index``),
    so that a pattern is searched only in the blocks that hold a member of each
    of its literal sets. ``sections`` are the sections that have a heading, in
    document order; ``title_text`` their titles joined with newlines, each
    starting at the offset ``title_starts`` gives, and ``titles`` the same
    text folded (``base/prefilter.fold``: as long as ``title_text``), so that
    all titles are searched in one pass (``titles_matching``) and a topic no
    heading can name is not tried at all.
    """

    blocks: list[Block]
    masks: TextMasks
    sections: list[Section]
    title_text: str
    title_starts: list[int]
    titles: str


def prose_text(doc: Document) -> ProseText:
    """The blocks of ``doc`` that are not headings, ready to search."""
    titled = [s for s in doc.sections() if s.heading is not None]
    headings = {id(s.heading) for s in titled}
    blocks = [b for b in doc.blocks if id(b) not in headings]
    starts = list(itertools.accumulate((len(s.title) + 1 for s in titled[:-1]), initial=0))
    text = "\n".join(s.title for s in titled)
    masks = TextMasks(LITERALS, [b.lower for b in blocks])
    return ProseText(blocks, masks, titled, text, starts if titled else [], fold(text))


def titles_matching(prose: ProseText, patterns: Matcher) -> Iterator[Section]:
    """The sections whose own title ``patterns`` matches, in document order.

    All the titles are searched as one text, and each title a match lands in is
    then tried alone: a match that ``(?:^|\\P{L})`` starts on the newline
    between two titles, or that ``\\s`` carries across one, is not credited to
    the wrong title, and the search goes on at the next title, so that none is
    skipped.
    """
    text, starts = prose.title_text, prose.title_starts
    pos = 0
    while pos <= len(text) and prose.sections:
        match = patterns.search(text, pos, len(text), prose.titles)
        if match is None:
            return
        start = match.start() + (text[match.start() : match.start() + 1] == "\n")
        index = bisect.bisect_right(starts, start) - 1
        section = prose.sections[index]
        end = starts[index] + len(section.title)  # a bounded search keeps no walk state
        if patterns.search(text, starts[index], end, prose.titles) is not None:
            yield section
        if index + 1 >= len(starts):
            return
        pos = starts[index + 1]


def first_mention(doc: Document, topic: Topic, language: str, prose: ProseText) -> Location | None:
    """Where ``doc`` names ``topic``: a heading, else a sentence; None when it does not.

    Not necessarily the first place: each alternative pattern is tried in
    turn, and the first one that matches settles it (see ``Matcher.each``).
    """
    patterns = topic.compiled(language)
    headings = patterns["headings"]
    if headings is not None:
        headings = headings.narrow(prose.titles)
    for one in headings.each() if headings is not None else ():
        section = next(titles_matching(prose, one), None)
        if section is not None and section.heading is not None:
            return section.heading.prose.location(0, len(section.heading.text))
    wanted = narrowed(patterns["sentences"], prose)
    unless = narrowed(patterns["unless"], prose)
    for one in wanted.each() if wanted is not None else ():
        for block, start, end in sentences(prose, one, unless):
            return block.prose.location(start, end)
    return _in_table_heads(doc, patterns["headings"], prose, unless) or _in_sections(
        patterns, prose, unless
    )


def _in_table_heads(
    doc: Document, headings: Matcher | None, prose: ProseText, unless: Matcher | None
) -> Location | None:
    """The first header cell that ``headings`` matches in a table with rows under it
    ("| Data | Purpose | Retention |"): a column gives the item row by row. None without.

    Not a table of cookies (their lifetimes and purposes are the cookies', not the
    data's), nor one whose header ``unless`` matches."""
    if headings is None:
        return None
    source = doc.source
    for block in prose.blocks:
        if block.kind != "table" or block.end_line - block.line < 3:
            continue  # a header and its delimiter row, and no row of cells
        line = source.line_text(block.line)
        lowered = fold(line)
        if "cookie" in lowered or (
            unless is not None and unless.search(line, 0, len(line), lowered)
        ):
            continue
        match = headings.search(line, 0, len(line), lowered)
        if match is not None:
            start = source.line_starts[block.line]
            return source.location(start + match.start(), start + match.end())
    return None


def _in_sections(
    patterns: Mapping[str, Matcher | None], prose: ProseText, unless: Matcher | None
) -> Location | None:
    """The first sentence matching ``section-sentences`` (not ``unless``) in the opening
    blocks (``SECTION_OPENING``) of a section whose heading matches ``section-headings``;
    None without. Only the opening, and not its sub-sections': a section runs on to
    the next heading, and the paragraphs that end a notice (the authority's number,
    say) or a sub-section on complaints are not the DPO's. A sub-section with a
    heading of its own that matches is read in its own right, and so is a bold line
    standing as a heading (``_under_bold_lines``)."""
    every = patterns["section-headings"]
    wanted = patterns["section-sentences"]
    if every is None or wanted is None:
        return None
    headings = every.narrow(prose.titles)
    within = [
        block
        for section in (titles_matching(prose, headings) if headings is not None else ())
        for block in section.blocks[:SECTION_OPENING]
    ]
    within += _under_bold_lines(prose, every)
    within += _under_lead_ins(prose, every)
    if not within:
        return None
    # Only those blocks are searched, in document order: the first match that its
    # sentence does not take back is the place.
    for block in sorted({id(b): b for b in within}.values(), key=lambda b: b.line):
        text, lowered = block.text, block.lower
        for match in wanted.finditer(text, lowered):
            if unless is not None:
                first, last = _sentence_of(text, match)
                if unless.search(text, first, last, lowered):
                    continue
            return block.prose.location(match.start(), match.end())
    return None


def _under_bold_lines(prose: ProseText, headings: Matcher) -> Iterator[Block]:
    """The opening blocks (``SECTION_OPENING``) under each paragraph that is one bold
    line matching ``headings`` ("**Datenschutzbeauftragter**"): a heading in all but
    its markup, where a notice has no Markdown headings of its own there."""
    blocks = prose.blocks
    # A Markdown heading ends the bold line's section (not one inferred from plain text:
    # an address line can pass for one).
    heading_lines = [s.line for s in prose.sections if s.kind in ("atx", "setext")]
    for index, block in enumerate(blocks):
        if _bold_line(block) and headings.search(block.text, 0, len(block.text), block.lower):
            after = bisect.bisect_right(heading_lines, block.line)
            stop = heading_lines[after] if after < len(heading_lines) else None
            for below in blocks[index + 1 : index + 1 + SECTION_OPENING]:
                if (stop is not None and below.line > stop) or _bold_line(below):
                    break  # under the next heading, or the next bold line: another section
                yield below


def _under_lead_ins(prose: ProseText, headings: Matcher) -> Iterator[Block]:
    """The items (at most ``LEAD_IN_ITEMS``) of the list right under each paragraph that
    ends with a colon, where a ``headings`` pattern matches its last sentence up to that
    colon: "We do not use your data for:" heads "- Automated decision-making that affects
    you" as a heading would. Only patterns written to take the colon make lead-ins, so a
    topic opts in ("verantwortlich" in "Folgende Dienste sind verantwortlich:" does not)."""
    blocks = prose.blocks
    for index, block in enumerate(blocks[:-1]):
        text = block.text
        if block.kind != "paragraph" or not text.endswith(":"):
            continue
        if blocks[index + 1].kind != "list_item":
            continue
        first = sentence_at(text, len(text) - 1)[0]
        last, lowered = text[first:], block.lower[first:]
        if any(m.end() == len(last) for m in headings.finditer(last, lowered)):
            for below in blocks[index + 1 : index + 1 + LEAD_IN_ITEMS]:
                if below.kind != "list_item":
                    break
                yield below


def _bold_line(block: Block) -> bool:
    """A paragraph of one line that is all bold: a heading in all but its markup."""
    if block.kind != "paragraph" or block.end_line - block.line != 1:
        return False
    line = block.prose.source.line_text(block.line).strip()
    return len(line) > 4 and line[:2] in ("**", "__") and line[-2:] == line[:2]


def narrowed(patterns: Matcher | None, prose: ProseText) -> Matcher | None:
    """``patterns`` less the alternatives that cannot match in a document's ``prose``
    (a literal set they need has no member there), or None when none can."""
    return patterns.narrow("", prose.masks) if patterns is not None else None


def sentences(
    prose: ProseText, wanted: Matcher, unless: Matcher | None
) -> Iterator[tuple[Block, int, int]]:
    """Every match of ``wanted`` whose sentence has no match of ``unless``, in order:
    the block and the match's start and end in the block's text.

    Each block is searched on its own (a match never spans two blocks; ``^``
    and ``$`` are its start and end), and only where the literals of an
    alternative of ``wanted`` occur (``TextMasks``). ``unless`` is read in the
    match's sentence; best ``narrowed`` first, as ``wanted``.
    """
    for index, matcher in _by_block(prose, wanted):
        block = prose.blocks[index]
        text, lowered = block.text, block.lower
        exceptions: Matcher | None = None  # ``unless`` narrowed to this block, once
        narrowed_here = False
        for match in matcher.finditer(text, lowered):
            start, end = match.span()
            if unless is not None:
                if not narrowed_here:
                    exceptions, narrowed_here = unless.narrow(lowered), True
                first, last = _sentence_of(text, match)
                if exceptions is not None and exceptions.search(text, first, last, lowered):
                    continue
            yield block, start, end


def _sentence_of(text: str, match: Any) -> tuple[int, int]:
    """The span of the sentence ``match`` belongs to: the one that holds its first letter
    or digit. A match may open with the end of the sentence before it (a pattern that
    starts a sentence takes ``[.:] `` before its first word), and ``unless`` is read in
    the sentence the match is about."""
    at, end = match.span()
    while at < end - 1 and not text[at].isalnum():
        at += 1
    return sentence_at(text, at)


def _by_block(prose: ProseText, wanted: Matcher) -> Iterator[tuple[int, Matcher]]:
    """The blocks (indices, in order) where ``wanted`` may match, each with the
    alternatives that may match there."""
    alternatives = wanted.each()
    if len(alternatives) == 1:
        for index in members(wanted.blocks(prose.masks)):
            yield index, wanted
        return
    chosen: dict[int, list[Matcher]] = {}  # block -> the alternatives that may match there
    for one in alternatives:
        for index in members(one.blocks(prose.masks)):
            chosen.setdefault(index, []).append(one)
    for index in sorted(chosen):
        here = chosen[index]
        yield index, here[0] if len(here) == 1 else wanted.join(here)
