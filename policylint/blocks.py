"""Markdown tokens to a flat list of blocks with line ranges.

markdown-it-py gives every block token a ``map`` of ``[first, last)`` line
indexes. This module keeps only what policylint reads: headings, paragraphs
(inside lists and quotes too) and tables. Code blocks, fences and HTML blocks
are not prose; HTML comments are kept aside because they carry inline
suppressions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class RawBlock(NamedTuple):
    """A block before prose is built: kind, 0-based line range ``[start, end)``.

    ``top`` is true for blocks that may hold inferred headings: paragraphs at
    the top level and items of a top-level ordered list. ``item_start`` says
    the first line carries a list marker to strip.
    """

    kind: str  # "heading" | "paragraph" | "list_item" | "quote" | "table"
    start: int
    end: int
    level: int = 0
    top: bool = False
    item_start: bool = False
    setext: bool = False


class Comment(NamedTuple):
    """An HTML comment: where its ``<!--`` is (0-based line and column) and its text."""

    line: int
    text: str
    column: int = 0


# Block rules that cannot fire on a text lacking these characters: a rule
# is tried at the start of every line (and again as a paragraph terminator on
# every wrapped line), so skipping the ones that cannot match roughly halves
# the parse of a plain notice. Each test is sound: a pipe table's header row
# needs "|", a fence "```" or "~~~", a quote ">", an HTML block "<", a link
# reference definition "]:", an ATX heading "#". The tokens are the same
# (tests/test_blocks.py compares both parsers).
_NEEDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("table", ("|",)),
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("html_block", ("<",)),
    ("reference", ("]:",)),
    ("heading", ("#",)),
)


def impossible_rules(text: str) -> tuple[str, ...]:
    """The block rules that cannot match anywhere in ``text``."""
    return tuple(rule for rule, marks in _NEEDS if not any(mark in text for mark in marks))


@cache
def parser(skip: tuple[str, ...] = ()) -> MarkdownIt:
    """A block-level parser without the rules in ``skip``; inline parsing is off.

    Prose is built from the source lines themselves, so the inline pass
    (about 40% of markdown-it's time) would only have found inline HTML
    comments, which ``_inline_comments`` finds in the text directly; with it
    goes ``text_join``, which only joins inline text.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    if skip:
        # A rule markdown-it renamed stays on: slower, never wrong.
        md.disable(list(skip), ignoreInvalid=True)
    return md


def scan(text: str) -> tuple[list[RawBlock], list[Comment]]:
    """Parse Markdown ``text`` into blocks and HTML comments, in document order."""
    tokens = parser(impossible_rules(text)).parse(text)
    starts: list[int] = []  # line start offsets, computed only if a comment needs them
    blocks: list[RawBlock] = []
    comments: list[Comment] = []
    containers: list[str] = []  # "quote", "ol", "ul", "item"
    item_starts: list[int] = []
    skip_until: str | None = None
    for token in tokens:
        kind = token.type
        if skip_until is not None:
            if kind == skip_until:
                skip_until = None
            continue
        if kind == "blockquote_open":
            containers.append("quote")
        elif kind in ("ordered_list_open", "bullet_list_open"):
            containers.append("ol" if kind == "ordered_list_open" else "ul")
        elif kind == "list_item_open":
            containers.append("item")
            item_starts.append(_start(token))
        elif kind in ("blockquote_close", "ordered_list_close", "bullet_list_close"):
            containers.pop()
        elif kind == "list_item_close":
            containers.pop()
            item_starts.pop()
        elif kind == "heading_open":
            start, end = _map(token)
            setext = token.markup in ("=", "-")
            blocks.append(
                RawBlock(
                    "heading", start, end - 1 if setext else end, int(token.tag[1]), setext=setext
                )
            )
        elif kind == "paragraph_open":
            start, end = _map(token)
            top = not containers or containers == ["ol", "item"]
            item_start = bool(item_starts) and item_starts[-1] == start
            inner = "quote" if "quote" in containers else "list_item" if containers else "paragraph"
            blocks.append(RawBlock(inner, start, end, top=top, item_start=item_start))
        elif kind == "table_open":
            start, end = _map(token)
            blocks.append(RawBlock("table", start, end))
            skip_until = "table_close"
        elif kind == "html_block" and token.content.lstrip().startswith("<!--"):
            line = _start(token)
            column = token.content.index("<!--")
            comments.append(Comment(line, token.content[column:], column))
        elif kind == "inline" and "<!--" in token.content:
            if not starts:
                starts = _line_starts(text)
            comments.extend(_inline_comments(token, text, starts))
    return blocks, comments


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).*?\1", re.DOTALL)


def _inline_comments(token: Any, text: str, starts: list[int]) -> list[Comment]:
    """HTML comments inside a paragraph, found in its source lines.

    Comments inside code spans are not comments; a comment that is never
    closed is text, as CommonMark says.
    """
    first, last = _map(token)
    begin = starts[first]
    stop = starts[last] if last < len(starts) else len(text)
    segment = text[begin:stop]
    code = [m.span() for m in _CODE_SPAN.finditer(segment)] if "`" in segment else []
    found = []
    for match in _COMMENT.finditer(segment):
        if any(a <= match.start() < b for a, b in code):
            continue
        at = begin + match.start()
        line = bisect_right(starts, at) - 1
        found.append(Comment(line, match.group(0), at - starts[line]))
    return found


def _map(token: Any) -> tuple[int, int]:
    start, end = token.map or (0, 0)
    return int(start), int(end)


def _start(token: Any) -> int:
    return _map(token)[0]
