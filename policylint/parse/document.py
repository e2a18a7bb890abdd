"""The Document: a privacy notice as a tree of sections over blocks of prose.

This is what every rule sees, with its search index (``may_hold``,
``blocks_with``, ``matches``). ``tree.parse`` builds it from a Source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from policylint.base.positions import one_based
from policylint.base.prefilter import Filtered, fold
from policylint.parse.comments import Comment
from policylint.parse.frontmatter import FrontMatter
from policylint.parse.prose import Prose
from policylint.parse.source import Source

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
        # The search index's answers, kept per document (see ``may_hold``, ``blocks_with``).
        self._literals: dict[str, bool] = {}
        self._blocks_with: dict[int, list[Block]] = {}
        self._literal_blocks: dict[str, list[int]] = {}

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
        found = self._literals.get(literal)
        if found is None:
            text = self.lower if _spaced(literal) else self._pieces
            found = self._literals[literal] = literal in text
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

        Those that hold a member of each of its literal sets, looked up in the
        lowercased text of the whole document with ``str.find`` (C speed), so
        blocks that cannot match are never visited. A pattern without literals gets
        every block, or every block with a digit if its matches need one.
        """
        if pattern.literals is None:
            return self.blocks_with_digits if pattern.digit else self.blocks
        memo = self._blocks_with
        if id(pattern) not in memo:
            hits: set[int] | None = None
            for literals in pattern.sets:  # a block needs a member of each set
                found: set[int] = set()
                for literal in literals:
                    if self._holds(literal):
                        found.update(self._blocks_holding(literal))
                hits = found if hits is None else hits & found
                if not hits:
                    break
            memo[id(pattern)] = [self.blocks[i] for i in sorted(hits or ())]
        return memo[id(pattern)]

    def _blocks_holding(self, literal: str) -> list[int]:
        """Indices of the blocks whose lowercased text holds ``literal`` (kept per document).

        Patterns share literals ("date", "updated"): each is looked for once.
        """
        memo = self._literal_blocks
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
