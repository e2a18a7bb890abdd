"""The Document: a privacy notice as a tree of sections over blocks of prose.

This is what every rule sees. ``parse`` wires the steps together: cut out
front matter, scan Markdown blocks, infer headings where the author wrote
none, build prose for each block and nest sections by level.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from policylint.base.positions import one_based
from policylint.base.prefilter import Filtered, LazyPattern, fold
from policylint.parse import blocks as blockscan
from policylint.parse import frontmatter, headings, prose
from policylint.parse.blocks import Comment, RawBlock
from policylint.parse.frontmatter import FrontMatter
from policylint.parse.headings import Heading
from policylint.parse.prose import Prose
from policylint.parse.source import Source

_INDENT = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_LIST_MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ATX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_TABLE_RULE = LazyPattern(r"[ \t|:-]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Block:
    """A run of prose: a paragraph, a list item, a table or a heading line.

    Lines ``[line, end_line)``: 0-based, end exclusive (``policylint.base.positions``).
    """

    kind: str
    line: int
    end_line: int
    prose: Prose

    @property
    def text(self) -> str:
        """The folded prose text."""
        return self.prose.text

    @cached_property
    def lower(self) -> str:
        """The text lowercased as ``re.IGNORECASE`` compares, for literal tests (``prefilter``)."""
        return fold(self.prose.text)


@dataclass
class Section:
    """A heading and what it governs: its own blocks, then its sub-sections.

    ``line`` is the heading's 0-based line (``policylint.base.positions``).
    The root section of a document has level 0, line 0 and no heading.
    """

    title: str
    level: int
    line: int
    kind: str  # "root", "atx", "setext", "title", "numbered", "clause", "plain"
    number: str | None = None
    heading: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for users: title, level, line (1-based), kind, number, children."""
        return {
            "title": self.title,
            "level": self.level,
            "line": one_based(self.line),
            "kind": self.kind,
            "number": self.number,
            "children": [child.as_dict() for child in self.children],
        }


class Document:
    """A parsed notice: source, front matter, section tree, blocks in order.

    ``code`` holds the text of code blocks and fences, apart from the prose:
    a reader still sees an address shown there (contact details count), but
    a fee phrase in a code sample is no claim, so only rules that ask for
    ``code`` read it.
    """

    def __init__(
        self,
        source: Source,
        front_matter: FrontMatter | None,
        root: Section,
        blocks: list[Block],
        comments: list[Comment],
        code: list[Block] | None = None,
    ):
        self.source = source
        self.front_matter = front_matter
        self.root = root
        self.blocks = blocks
        self.comments = comments
        self.code = code or []
        self.cache: dict[str, Any] = {}
        """Analyses shared by several rules (dates found, profile), computed once."""

    def __repr__(self) -> str:
        return f"Document({self.source.path!r})"

    @property
    def path(self) -> str:
        """The path the file was read from, as given."""
        return self.source.path

    @cached_property
    def lower(self) -> str:
        """All prose, lowercased: a pattern whose literals are not in it matches nowhere."""
        return "\n".join(block.lower for block in self.blocks)

    def may_hold(self, pattern: Filtered) -> bool:
        """False only when no block can hold a match of ``pattern`` (it lacks every literal).

        Answers are kept per literal: rules ask about the same words ("updated",
        "protection") through different patterns.
        """
        if pattern.literals is None:
            return True
        return any(map(self._holds, pattern.literals))

    def _holds(self, literal: str) -> bool:
        """Whether the lowercased prose contains ``literal`` (kept per document)."""
        present: dict[str, bool] = self.cache.setdefault("literals", {})
        found = present.get(literal)
        if found is None:
            found = present[literal] = literal in (self.lower if _spaced(literal) else self._pieces)
        return found

    @cached_property
    def _pieces(self) -> str:
        """The distinct whitespace-separated pieces of ``lower``, joined by spaces.

        A literal without whitespace occurs in ``lower`` exactly when it occurs
        inside one piece, so ``may_hold`` looks for it here: a notice repeats
        its words, so this text is a fraction of the whole, and the packs'
        ~100 literals are each looked for once per notice (4x faster).
        """
        pieces: set[str] = set()
        for block in self.blocks:  # block by block: splitting a 10 MB text at once costs ~100 MB
            pieces.update(block.lower.split())
        return " ".join(pieces)

    def blocks_with(self, pattern: Filtered) -> list[Block]:
        """The blocks that may hold a match of ``pattern``, in order.

        Those that hold one of its literals, looked up in the lowercased text
        of the whole document with ``str.find`` (C speed), so blocks that
        cannot match are never visited. A pattern without literals gets
        every block, or every block with a digit if its matches need one.
        """
        if pattern.literals is None:
            return self.blocks_with_digits if pattern.digit else self.blocks
        memo: dict[int, list[Block]] = self.cache.setdefault("blocks_with", {})
        if id(pattern) not in memo:
            hits: set[int] = set()
            for literal in pattern.literals:
                if self._holds(literal):
                    hits.update(self._blocks_holding(literal))
            memo[id(pattern)] = [self.blocks[i] for i in sorted(hits)]
        return memo[id(pattern)]

    def _blocks_holding(self, literal: str) -> list[int]:
        """Indices of the blocks whose lowercased text holds ``literal`` (kept per document).

        Patterns share literals ("date", "updated"): each is looked for once.
        """
        memo: dict[str, list[int]] = self.cache.setdefault("literal_blocks", {})
        found = memo.get(literal)
        if found is None:
            lowered, starts = self.lower, self._lower_starts
            found = []
            at = lowered.find(literal)
            while at != -1:
                index = bisect_right(starts, at) - 1
                found.append(index)
                if index + 1 >= len(starts):
                    break
                at = lowered.find(literal, starts[index + 1])  # the next block on
            memo[literal] = found
        return found

    def matches(self, pattern: Filtered) -> Iterator[tuple[Block, re.Match[str]]]:
        """Every match of ``pattern`` in the prose, with its block, in document order.

        Only the blocks that may hold one are searched (``blocks_with``).
        """
        for block in self.blocks_with(pattern):
            for match in pattern.finditer(block.text, lowered=block.lower):
                yield block, match

    @cached_property
    def blocks_with_digits(self) -> list[Block]:
        """The blocks holding a digit: the only ones where a phone number or postcode can be."""
        lowered, starts = self.lower, self._lower_starts
        if lowered.isascii():  # "\d" is "0"-"9": ten ``str.find`` scans beat one ``re`` scan
            hits = {index for digit in "0123456789" for index in self._blocks_holding(digit)}
            return [self.blocks[index] for index in sorted(hits)]
        # One scan of the whole text: after a hit, the search resumes at the next block.
        found: list[Block] = []
        match = _DIGIT.search(lowered)
        while match is not None:
            index = bisect_right(starts, match.start()) - 1
            found.append(self.blocks[index])
            if index + 1 >= len(starts):
                break
            match = _DIGIT.search(lowered, starts[index + 1])
        return found

    @cached_property
    def _lower_starts(self) -> list[int]:
        starts, position = [], 0
        for block in self.blocks:
            starts.append(position)
            position += len(block.lower) + 1
        return starts

    def code_matches(self, pattern: Filtered) -> Iterator[tuple[Block, re.Match[str]]]:
        """Every match of ``pattern`` in the code blocks (``code``), in document order."""
        for block in self.code:
            for match in pattern.finditer(block.text, lowered=block.lower):
                yield block, match

    def sections(self) -> Iterator[Section]:
        """Every section below the root, in document order."""
        for child in self.root.children:
            yield from child.walk()

    @property
    def title_line(self) -> int:
        """Where document-level findings point: the title's 0-based line, else 0."""
        first = next(self.sections(), None)
        if first is not None and first.kind in ("title", "atx", "setext") and first.level == 1:
            return first.line
        return 0


@cache
def _spaced(literal: str) -> bool:
    return any(char.isspace() for char in literal)


def parse(source: Source) -> Document:
    """Parse a Source into a Document."""
    matter, body = frontmatter.split(source.text)
    raw_blocks, comments = blockscan.scan(body)
    if not raw_blocks and body.strip():
        # Markdown gave up (nesting beyond markdown-it's limit): read the text as
        # one paragraph rather than lose it; quote markers are stripped per line.
        raw_blocks = [RawBlock("paragraph", 0, body.count("\n") + 1)]
    md_headings = sum(1 for b in raw_blocks if b.kind == "heading")
    inferred = headings.infer(body, raw_blocks) if md_headings <= 1 else {}
    builder = _TreeBuilder(source)
    for raw in raw_blocks:
        if raw.kind == "heading":
            builder.markdown_heading(raw)
        elif raw.kind == "code":
            builder.code_block(raw)
        elif raw.kind == "table":
            builder.table(raw)
        else:
            builder.paragraph(raw, inferred)
    return Document(source, matter, builder.root, builder.blocks, comments, builder.code)


class _TreeBuilder:
    """Turns raw blocks and inferred headings into Blocks and nested Sections."""

    def __init__(self, source: Source):
        self.source = source
        self.root = Section("", 0, 0, "root")
        self.stack = [self.root]
        self.blocks: list[Block] = []
        self.code: list[Block] = []

    def _piece(self, index: int, prefix: re.Pattern[str], skip: int = 0) -> tuple[int, int]:
        """The source range of line ``index`` after its ``prefix`` (or ``skip`` characters)."""
        # Matched in place (pos, endpos), not on a copy of the line: a block's
        # every line comes here.
        starts, text = self.source.line_starts, self.source.text
        start = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if skip:
            return start + skip, end
        match = prefix.match(text, start, end) or _INDENT.match(text, start, end)
        return (match.end() if match else start), end

    def _spans(self, raw: RawBlock) -> list[tuple[int, int]]:
        """Source ranges of a block given as ``(line, start col, end col)`` spans."""
        starts = self.source.line_starts
        return [(starts[line] + a, starts[line] + b) for line, a, b in raw.spans]

    def _add(
        self, kind: str, first: int, end: int, pieces: list[tuple[int, int]], **kw: bool
    ) -> Block | None:
        """The Block on lines ``[first, end)`` made of source ranges ``pieces``, if any text."""
        text = prose.build(self.source, pieces, **kw)
        if not text.text:
            return None
        block = Block(kind, first, end, text)
        (self.code if kind == "code" else self.blocks).append(block)
        return block

    def code_block(self, raw: RawBlock) -> None:
        lines = range(raw.start, min(raw.end, len(self.source.line_starts)))
        self._add("code", raw.start, raw.end, [self._piece(i, _INDENT) for i in lines], code=True)

    def _open(
        self,
        title: str,
        level: int,
        line: int,
        kind: str,
        number: str | None,
        heading: Block | None,
    ) -> None:
        while self.stack[-1].level >= level and len(self.stack) > 1:
            self.stack.pop()
        section = Section(title, level, line, kind, number, heading)
        self.stack[-1].children.append(section)
        self.stack.append(section)

    def markdown_heading(self, raw: RawBlock) -> None:
        if raw.spans:  # an HTML <h1>-<h6>
            pieces = self._spans(raw)
        elif raw.setext:
            pieces = [self._piece(i, _INDENT) for i in range(raw.start, raw.end)]
        else:
            start, end = self._piece(raw.start, _ATX)
            close = _ATX_CLOSE.search(self.source.text, start, end)
            pieces = [(start, close.start() if close else end)]
        block = self._add("heading", raw.start, raw.end, pieces)
        title = block.text if block else ""
        self._open(title, raw.level, raw.start, "setext" if raw.setext else "atx", None, block)

    def table(self, raw: RawBlock) -> None:
        rows = [
            self._piece(i, _INDENT)
            for i in range(raw.start, raw.end)
            if not _TABLE_RULE.fullmatch(self.source.line_text(i))
        ]
        block = self._add("table", raw.start, raw.end, rows, table=True)
        if block:
            self.stack[-1].blocks.append(block)

    def paragraph(self, raw: RawBlock, inferred: dict[int, Heading]) -> None:
        kind = raw.kind
        run_start = raw.start
        run: list[tuple[int, int]] = []

        def flush(end: int) -> None:
            if run:
                block = self._add(kind, run_start, end, list(run))
                if block:
                    self.stack[-1].blocks.append(block)
                run.clear()

        if raw.spans:  # visible text of an HTML block: no headings are inferred in it
            run_start, run[:] = raw.start, self._spans(raw)
            flush(raw.end)
            return
        for i in range(raw.start, raw.end):
            heading = inferred.get(i)
            if heading is None:
                marker = _LIST_MARKER if (i == raw.start and raw.item_start) else _INDENT
                if not run:
                    run_start = i
                run.append(self._piece(i, marker))
                continue
            flush(i)
            if heading.kind == "clause":
                self._open(heading.title, heading.level, i, "clause", heading.number, None)
                if heading.body_from is not None:
                    run_start = i
                    line = self.source.line_text(i)
                    indent = len(line) - len(line.lstrip())
                    run.append(self._piece(i, _INDENT, indent + heading.body_from))
                continue
            block = self._add("heading", i, i + 1, [self._piece(i, _INDENT)])
            self._open(heading.title, heading.level, i, heading.kind, heading.number, block)
        flush(raw.end)
