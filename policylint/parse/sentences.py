"""The sentence a place in a notice is in, as text: what names a finding across edits.

A baseline (``engine/baseline``) recognises a finding by the sentence at its
start rather than by its line, so that lines added above it, or its paragraph
re-wrapped, do not make it new. The sentence is read as the rules read the
notice: the prose of the block holding the place (markup stripped, whitespace
folded: ``parse/prose``), cut where ``prose.sentence_spans`` cuts sentences.

Three refinements:

- a heading is its own sentence (its text);
- in a table or a code block, whose lines are rows rather than wrapped text,
  the sentence is looked for in the place's line only: an edit to another row
  must not change it;
- a place outside every block (front matter, an HTML comment, a blank line)
  is named by the text of its line, or ``""`` past the end of the file.

Every text is normalised: runs of whitespace as one space, ends stripped.
``Sentences.of_file`` reads, decodes and parses a file as the linter does.
A finding about the whole notice is not named here: the baseline keys it by
its span (``engine/baseline.WHOLE``).
"""

from __future__ import annotations

import os
from bisect import bisect_left

from policylint.parse import tree
from policylint.parse.document import Block, Document
from policylint.parse.prose import Prose, sentence_at
from policylint.parse.source import UnreadableFile, decode

_BY_LINE = ("table", "code")


def normalise(text: str) -> str:
    """``text`` with each run of whitespace (newlines, tabs, NBSP) as one space, stripped."""
    return " ".join(text.split())


class Sentences:
    """The sentences of one parsed notice, found by place.

    ``at(line, column)`` takes the 0-based position of ``base/positions``
    (columns in characters); the blocks by line are indexed on first use.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self._by_line: dict[int, list[Block]] | None = None

    @classmethod
    def of_file(
        cls, path: str, data: bytes | None, limit: int, encoding: str | None
    ) -> Sentences | None:
        """The sentences of the file at ``path`` (its bytes are ``data``, else read from
        disk), parsed as the linter parses it; None when it cannot be read or decoded, or
        is over ``limit`` bytes (``max-file-size``; 0: no limit)."""
        if data is None:
            try:
                with open(path, "rb") as handle:
                    if limit and os.fstat(handle.fileno()).st_size > limit:
                        return None
                    data = handle.read()
            except OSError:
                return None
        if limit and len(data) > limit:
            return None
        try:
            return cls(tree.parse(decode(path, data, encoding)))
        except UnreadableFile:
            return None

    def _blocks_on(self, line: int) -> list[Block]:
        if self._by_line is None:
            index: dict[int, list[Block]] = {}
            for block in [*self.doc.blocks, *self.doc.code]:  # prose first: it wins a tie
                for number in range(block.line, max(block.end_line, block.line + 1)):
                    index.setdefault(number, []).append(block)
            self._by_line = index
        return self._by_line.get(line, [])

    def at(self, line: int, column: int) -> str:
        """The normalised text of the sentence holding 0-based ``line``, ``column``."""
        source = self.doc.source
        if not 0 <= line < len(source.line_starts):
            return ""
        offset = source.line_starts[line] + max(column, 0)
        blocks = self._blocks_on(line)
        if not blocks:
            return normalise(source.line_text(line))
        block = next((b for b in blocks if _covers(b.prose, offset)), blocks[0])
        prose = block.prose
        if block.kind == "heading":
            return normalise(prose.text)
        start, end = 0, len(prose.text)
        if block.kind in _BY_LINE:  # the prose of this line only
            start = _index(prose, source.line_starts[line])
            following = line + 1 < len(source.line_starts)
            end = _index(prose, source.line_starts[line + 1]) if following else end
            if start >= end:
                return normalise(source.line_text(line))
        text = prose.text[start:end]
        at = min(_index(prose, offset), end - 1) - start
        first, last = sentence_at(text, max(at, 0))
        return normalise(text[first:last])


def _covers(prose: Prose, offset: int) -> bool:
    """Whether ``offset`` lies between the first and the last source character of ``prose``."""
    return bool(prose.text) and prose.offset(0) <= offset <= prose.offset(len(prose.text) - 1)


def _index(prose: Prose, offset: int) -> int:
    """The first prose character at or after source ``offset`` (``len`` when none is).

    A prose character's source offset grows with its index, so this is a binary search.
    """
    return bisect_left(range(len(prose.text)), offset, key=prose.offset)
