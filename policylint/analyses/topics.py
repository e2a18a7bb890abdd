"""Where a notice names a topic: a heading that names it, or a sentence that states it.

A topic (``packs/topics``) is present when a section heading matches its
``headings`` patterns, or when a sentence of a paragraph, list item or table
matches its ``sentences`` patterns and not its ``unless`` patterns. The
prose of a document is searched as one text (``ProseText``), so a topic the
notice never names costs a scan of that text (none at all when the literal
words of its built-in patterns are absent), not one per block.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from policylint.base.positions import Location
from policylint.base.prefilter import fold
from policylint.packs.matchers import Matcher
from policylint.packs.topics import Topic
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at


class ProseText(NamedTuple):
    """The text of every block that is not a heading, joined with newlines.

    ``starts[i]`` is the offset of ``blocks[i]`` in ``text``; ``lowered`` is
    ``fold(text)``, for the literal prefilter (``base/prefilter``). ``headings``
    are the section headings (their blocks and titles), ``titles`` their
    folded titles joined, so that a topic no heading can name is not tried on each.
    """

    text: str
    starts: list[int]
    blocks: list[Block]
    lowered: str
    headings: list[tuple[Block, str]]
    titles: str


def prose_text(doc: Document) -> ProseText:
    """The blocks of ``doc`` that are not headings, as one searchable text."""
    titled = [(s.heading, s.title) for s in doc.sections() if s.heading is not None]
    headings = {id(block) for block, _ in titled}
    blocks = [b for b in doc.blocks if id(b) not in headings]
    starts, offset = [], 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + 1
    text = "\n".join(b.text for b in blocks)
    titles = "\n".join(fold(title) for _, title in titled)
    return ProseText(text, starts, blocks, "\n".join(b.lower for b in blocks), titled, titles)


def first_mention(doc: Document, topic: Topic, language: str, prose: ProseText) -> Location | None:
    """Where ``doc`` names ``topic``: a heading, else a sentence; None when it does not.

    Not necessarily the first place: each alternative pattern is tried in
    turn, and the first one that matches settles it (see ``Matcher.each``).
    """
    patterns = topic.compiled(language)
    headings = patterns["headings"]
    if headings is not None:
        headings = headings.narrow(prose.titles)
    if headings is not None:
        for one in headings.each():
            for block, title in prose.headings:
                if one.search(title):
                    return block.prose.location(0, len(block.text))
    wanted = narrowed(patterns["sentences"], prose)
    unless = narrowed(patterns["unless"], prose)
    for one in wanted.each() if wanted is not None else ():
        for block, start, end in sentences(prose, one, unless):
            return block.prose.location(start, end)
    return None


def narrowed(patterns: Matcher | None, prose: ProseText) -> Matcher | None:
    """``patterns`` less the alternatives that cannot match in a document's ``prose``
    (a literal set they need has no member there), or None when none can."""
    return patterns.narrow(prose.lowered, indexed=True) if patterns is not None else None


def sentences(
    prose: ProseText, wanted: Matcher, unless: Matcher | None
) -> Iterator[tuple[Block, int, int]]:
    """Every match of ``wanted`` whose sentence has no match of ``unless``, in order:
    the block and the match's start and end in the block's text.

    Both are best ``narrowed`` first: this searches with every alternative
    they hold. A match never spans two blocks: one that runs past its block's
    end (a ``[^.]`` or a ``\\W`` crosses the newline between blocks) is
    searched for again within the block, so a pattern means the same as it
    would on each block alone, and ``unless`` is read in the right sentence.
    """
    text, lowered, pos = prose.text, prose.lowered, 0
    exceptions: Matcher | None = None  # ``unless``, narrowed to the current block
    excepted: Block | None = None
    while pos <= len(text):
        match = wanted.search(text, pos, lowered=lowered)
        if match is None:
            return
        index = bisect_right(prose.starts, match.start()) - 1
        if match.start() >= prose.starts[index] + len(prose.blocks[index].text):
            index += 1  # it starts on the newline before a block: that block's
        block, base = prose.blocks[index], prose.starts[index]
        limit = base + len(block.text)
        if match.end() > limit:
            match = wanted.search(text, match.start(), limit, lowered)
            if match is None:
                pos = limit + 1  # nothing more in this block
                continue
        pos = max(match.end(), match.start() + 1)
        start, end = max(match.start() - base, 0), match.end() - base
        if unless is not None:
            if block is not excepted:
                excepted, exceptions = block, unless.narrow(block.lower)
            first, last = sentence_at(block.text, start)
            if exceptions is not None and exceptions.search(block.text, first, last, block.lower):
                continue
        yield block, start, end
