"""markdown-it-pyrs's syntax tree read as markdown-it-py's block tokens.

``pip install 'policylint[fast]'`` adds ``markdown-it-pyrs``, the Rust port of
markdown-it with Python bindings, which parses about eight times faster than
markdown-it-py. ``parse/blocks`` then parses with it and reads the tokens this
module makes from its tree, so the same code turns either parser's output into
blocks. markdown-it-py stays the reference: ``tests/test_pyrs.py`` checks that
both give the same blocks and findings on every fixture, seed, case and corpus
notice.

The tree differs from markdown-it-py's tokens in ways this module evens out:

* nodes carry ``srcmap``, byte offsets ``[start, end)`` into the UTF-8 text,
  not line ranges: a token's ``map`` is the 0-based line of the first byte and
  the line after the last (markdown-it-py's ``[first, last)``);
* a tight list item holds its text directly, where markdown-it-py wraps it in
  a (hidden) paragraph: the text becomes one, from its first line to its last;
* a link reference definition is a node (``definition``), where markdown-it-py
  keeps no token: it is left out, as ``blocks._definitions`` expects;
* a fence's marker is a character and a count (``markup`` is both, "```").

Where they differ in ways the tokens cannot even out, the text goes to
markdown-it-py: a tab anywhere (markdown-it-pyrs gives inline offsets in
tab-expanded columns, so a tight list item's text can seem to run into the
next line), more than 200 link reference definitions (it reads them in
quadratic time), nesting past ``_MOST_LEVELS``. Known differences left, none
in any notice the tests hold: an unclosed fence followed by blank lines ends
one line earlier; an empty list item right after a quote is read as the
quote's lazy continuation; a delimiter row without a leading pipe
(``Name`` / ``---|``) makes a table; a link definition followed by a form
feed or a line separator is read differently.

Setting ``POLICYLINT_PARSER=markdown-it-py`` in the environment parses with the
reference even where markdown-it-pyrs is installed (``markdown-it-pyrs`` or unset:
the fast one when it is installed; any other value is an error, ``ValueError``).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from policylint.base.prefilter import LazyPattern

PARSER_ENV = "POLICYLINT_PARSER"


class Token(NamedTuple):
    """The part of a markdown-it-py ``Token`` that ``parse/blocks`` reads."""

    type: str
    map: tuple[int, int] | None
    level: int
    markup: str = ""
    tag: str = ""
    content: str = ""
    """A leaf block's text; an ``inline`` token's only "<!--" when a comment opens in it."""


# Container nodes: an open token, the children, a close token (markdown-it-py's names).
_CONTAINERS = {
    "blockquote": "blockquote",
    "bullet_list": "bullet_list",
    "ordered_list": "ordered_list",
    "list_item": "list_item",
}
# Leaf blocks: one token each, their text as content.
_LEAVES = ("fence", "code_block", "html_block")
# Nodes that hold inline content (markdown-it-py follows their open token with "inline").
_INLINE_HOLDERS = ("paragraph", "heading", "lheading")
_BLOCK_NODES = frozenset(
    [*_CONTAINERS, *_LEAVES, *_INLINE_HOLDERS, "table", "hr", "definition", "root"]
)


# markdown-it-py's "commonmark" preset's block rules, and GFM tables.
_RULES = [
    "blockquote",
    "code",
    "fence",
    "heading",
    "hr",
    "lheading",
    "list",
    "paragraph",
    "reference",
    "html_block",
    "table",
]


def parser_name() -> str:
    """Which parser ``parse/blocks`` uses (markdown-it-pyrs with its version): a
    results-cache key part. Cheap: a repeat run answered from the cache imports no parser."""
    if available() is None:
        return "markdown-it-py"
    import markdown_it_pyrs

    return f"markdown-it-pyrs {getattr(markdown_it_pyrs, '__version__', '?')}"


@cache
def available() -> Any | None:
    """markdown-it-pyrs's parser (CommonMark's blocks and GFM tables), or None when it is not
    installed or ``POLICYLINT_PARSER`` asks for markdown-it-py. Raises ValueError for
    another value of ``POLICYLINT_PARSER``."""
    chosen = os.environ.get(PARSER_ENV, "").strip().lower()
    if chosen == "markdown-it-py":
        return None
    if chosen not in ("", "markdown-it-pyrs"):
        raise ValueError(
            f"{PARSER_ENV}={chosen!r} is not a parser: use markdown-it-py or markdown-it-pyrs"
        )
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError:
        return None
    # Block rules only: inline content is not parsed (``parse/blocks`` builds prose from
    # the source lines), which also keeps inline nesting from reaching the Rust code.
    return MarkdownIt("zero").enable_many(list[Any](_RULES))


def tokens(parser: Any, text: str) -> list[Token] | None:
    """markdown-it-py's block tokens of ``text`` (newlines already ``\\n``), from the
    tree; None when ``text`` nests blocks deeply enough for markdown-it-py to stop
    parsing them (its ``maxNesting``), which the tree cannot show: parse it there."""
    if _DEEP.search(text) or "\t" in text or text.count("]:") > _MOST_DEFINITIONS:
        return None
    text = text.replace("\0", "\ufffd")  # as markdown-it-py does, before offsets are taken
    data = text.encode()
    try:
        return list(_walk(parser.tree(text), list(_newlines(data)), data, 0))
    except _TooDeep:
        return None


# A line that opens this many containers (quote markers, list markers, their
# indents) could nest blocks thousands deep: the Rust parser is not given it
# (100,000 quote markers crash it). Shallower nesting past ``_MOST_LEVELS`` is
# found in the tree.
_DEEP = LazyPattern(r"^[ \t>*+\-.)0-9]{256}", re.MULTILINE)
# markdown-it-pyrs reads link reference definitions in quadratic time (8,000 take
# 5.8 s; markdown-it-py 0.3 s): a text with more than this many goes to markdown-it-py.
_MOST_DEFINITIONS = 200
# markdown-it-py's commonmark preset stops at nesting level 20 (``maxNesting``); a
# container is one or two levels (a list and its item), a paragraph one more.
_MOST_LEVELS = 16


class _TooDeep(Exception):
    """The tree nests past ``_MOST_LEVELS``."""


def _newlines(data: bytes) -> Iterator[int]:
    at = data.find(b"\n")
    while at != -1:
        yield at
        at = data.find(b"\n", at + 1)


def _lines(srcmap: tuple[int, int], breaks: list[int]) -> tuple[int, int]:
    """The 0-based lines ``[first, last)`` of the bytes ``[start, end)``."""
    start, end = srcmap
    first = bisect_right(breaks, start - 1)  # newlines before ``start``
    last = bisect_right(breaks, max(end - 1, start) - 1) + 1  # the line of the last byte, +1
    return first, max(last, first + 1)


def _walk(node: Any, breaks: list[int], data: bytes, level: int) -> Iterator[Token]:
    if level >= _MOST_LEVELS:
        raise _TooDeep
    for child in node.children:
        name = child.name
        if name in _CONTAINERS:
            kind = _CONTAINERS[name]
            yield Token(f"{kind}_open", _lines(child.srcmap, breaks), level)
            if name == "list_item":
                yield from _item(child, breaks, data, level + 1)
            else:
                yield from _walk(child, breaks, data, level + 1)
            yield Token(f"{kind}_close", None, level)
        elif name in _INLINE_HOLDERS:
            yield from _holder(child, breaks, data, level)
        elif name in _LEAVES:
            meta = child.meta
            markup = str(meta.get("marker", "")) * int(meta.get("marker_len", 0) or 0)
            content = str(meta.get("content", ""))
            yield Token(name, _lines(child.srcmap, breaks), level, markup, content=content)
        elif name == "table":
            yield Token("table_open", _lines(child.srcmap, breaks), level)
            yield Token("table_close", None, level)
        # hr, definition and anything unknown: no token that ``parse/blocks`` reads


def _holder(node: Any, breaks: list[int], data: bytes, level: int) -> Iterator[Token]:
    """A paragraph or heading: its open token, its inline content, its close token."""
    lines = _lines(node.srcmap, breaks)
    start, end = node.srcmap
    content = _comment_mark(data, start, end)
    if node.name == "paragraph":
        yield Token("paragraph_open", lines, level)
        yield Token("inline", lines, level + 1, content=content)
        yield Token("paragraph_close", None, level)
        return
    depth = int(node.meta.get("level", 1))
    markup = str(node.meta.get("marker", "=")) if node.name == "lheading" else "#" * depth
    yield Token("heading_open", lines, level, markup, f"h{depth}")
    yield Token("inline", lines, level + 1, content=content)
    yield Token("heading_close", None, level, markup, f"h{depth}")


def _item(node: Any, breaks: list[int], data: bytes, level: int) -> Iterator[Token]:
    """A list item's children; the text of a tight item becomes a paragraph."""
    loose: list[Any] = []  # inline nodes waiting for their paragraph
    for child in node.children:
        if child.name in _BLOCK_NODES:
            if loose:
                yield from _tight(loose, breaks, data, level)
                loose = []
            yield from _walk(_One(child), breaks, data, level)
        else:
            loose.append(child)
    if loose:
        yield from _tight(loose, breaks, data, level)


def _tight(inline: list[Any], breaks: list[int], data: bytes, level: int) -> Iterator[Token]:
    start, end = inline[0].srcmap[0], inline[-1].srcmap[1]
    lines = _lines((start, end), breaks)
    yield Token("paragraph_open", lines, level)
    yield Token("inline", lines, level + 1, content=_comment_mark(data, start, end))
    yield Token("paragraph_close", None, level)


def _comment_mark(data: bytes, start: int, end: int) -> str:
    """An inline token's content as far as ``parse/blocks`` reads it: whether an HTML
    comment opens in it (its text is taken from the source lines, not from here)."""
    return "<!--" if data.find(b"<!--", start, end) != -1 else ""


class _One:
    """A node seen as the only child of a parent (``_walk`` reads children)."""

    def __init__(self, node: Any) -> None:
        self.children = [node]
