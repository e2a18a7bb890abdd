"""Building a Document: a Source becomes a tree of sections over blocks of prose.

``parse`` wires the steps together: cut out front matter, scan Markdown
blocks, infer headings where the author wrote none, build prose for each
block and nest sections by level.
"""

from __future__ import annotations

import re

from policylint.base.prefilter import LazyPattern
from policylint.parse import blocks as blockscan
from policylint.parse import frontmatter, headings, prose
from policylint.parse.blocks import RawBlock
from policylint.parse.document import Block, Document, Section
from policylint.parse.headings import Heading
from policylint.parse.source import Source

_INDENT = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_LIST_MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ATX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_TABLE_RULE = LazyPattern(r"[ \t|:-]+")


def parse(source: Source) -> Document:
    """Parse a Source into a Document."""
    matter, body = frontmatter.split(source.text)
    raw_blocks, comments = blockscan.scan(body)
    if not raw_blocks and body.strip():
        # Markdown gave up (nesting beyond markdown-it's limit): read the text as
        # one paragraph rather than lose it; quote markers are stripped per line.
        raw_blocks = [RawBlock("paragraph", 0, body.count("\n") + 1)]
    if any(b.kind == "code" for b in raw_blocks):
        raw_blocks = _prose_in_code(body, raw_blocks)
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


# What code has and lines of a notice do not: braces, semicolons, "=", markup, a
# comment or shell prompt at a line's start.
_CODE_MARKS = LazyPattern(r"[{};=<>`\\|]|\(\)|^[ \t]*(?:#|//|\$ )", re.MULTILINE)
_WORD = LazyPattern(r"[^\W\d_]{2,}")


def _prose_in_code(body: str, raw_blocks: list[RawBlock]) -> list[RawBlock]:
    """``raw_blocks`` with each indented code block of plain lines read as paragraphs.

    A pasted notice indents its contact card or the authority's address four
    spaces ("    Name: Friends of the Green"), which Markdown shows as code; the
    reader still reads it as the notice's text. A block that has anything of
    code (``_CODE_MARKS``) or that is fenced stays code.
    """
    lines = body.split("\n")
    out: list[RawBlock] = []
    for raw in raw_blocks:
        if raw.kind != "code" or not _plain_lines(lines, raw):
            out.append(raw)
            continue
        start = None
        for i in range(raw.start, raw.end + 1):
            blank = i == raw.end or not lines[i].strip()
            if blank and start is not None:
                out.append(RawBlock("paragraph", start, i))
                start = None
            elif not blank and start is None:
                start = i
    return out


def _plain_lines(lines: list[str], raw: RawBlock) -> bool:
    if raw.fenced or raw.end > len(lines):
        return False
    text = "\n".join(lines[raw.start : raw.end])
    return _CODE_MARKS.search(text) is None and _WORD.search(text) is not None


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
