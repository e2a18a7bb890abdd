"""Where a notice names a topic: a heading that names it, or a sentence that states it.

A topic (``packs/topics``) is present when a section heading matches its
``headings`` patterns, or when a sentence of a paragraph, list item or table
matches its ``sentences`` patterns and not its ``unless`` patterns. The
prose of a document is searched as one text (``ProseText``), so a topic the
notice never names costs one RE2 scan, not one per block.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from policylint.base.positions import Location
from policylint.packs.patterns import Pattern
from policylint.packs.topics import Topic
from policylint.parse.document import Block, Document
from policylint.parse.prose import sentence_at


class ProseText(NamedTuple):
    """The text of every block that is not a heading, joined with newlines.

    ``starts[i]`` is the offset of ``blocks[i]`` in ``text``.
    """

    text: str
    starts: list[int]
    blocks: list[Block]


def prose_text(doc: Document) -> ProseText:
    """The blocks of ``doc`` that are not headings, as one searchable text."""
    headings = {id(s.heading) for s in doc.sections() if s.heading is not None}
    blocks = [b for b in doc.blocks if id(b) not in headings]
    starts, offset = [], 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + 1
    return ProseText("\n".join(b.text for b in blocks), starts, blocks)


def first_mention(doc: Document, topic: Topic, language: str, prose: ProseText) -> Location | None:
    """Where ``doc`` first names ``topic`` (a heading before a sentence), or None."""
    patterns = topic.compiled(language)
    headings = patterns["headings"]
    if headings is not None:
        for section in doc.sections():
            if section.heading is not None and headings.search(section.title):
                return section.heading.prose.location(0, len(section.heading.text))
    for block, start, end in sentences(prose, patterns["sentences"], patterns["unless"]):
        return block.prose.location(start, end)
    return None


def sentences(
    prose: ProseText, wanted: Pattern | None, unless: Pattern | None
) -> Iterator[tuple[Block, int, int]]:
    """Every match of ``wanted`` whose sentence has no match of ``unless``, in order:
    the block and the match's start and end in the block's text."""
    if wanted is None:
        return
    for match in wanted.finditer(prose.text):
        index = bisect_right(prose.starts, match.start()) - 1
        block, base = prose.blocks[index], prose.starts[index]
        start, end = match.start() - base, min(match.end() - base, len(prose.blocks[index].text))
        if unless is not None:
            first, last = sentence_at(block.text, start)
            if unless.search(block.text, first, last):
                continue
        yield block, start, end
