"""Markdown tokens to a flat list of blocks with line ranges.

markdown-it-py gives every block token a ``map`` of ``[first, last)`` line
indexes. This module keeps only what policylint reads: headings, paragraphs
(inside lists and quotes too) and tables. HTML blocks are cut into runs of
visible text by ``html``. Code blocks and fences are not prose, but are kept
as ``code`` blocks: an address shown in one still reaches the reader. HTML
comments are kept aside because they carry inline suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from policylint.base.prefilter import LazyPattern
from policylint.parse import boxes, pyrs_tokens
from policylint.parse.comments import Comment, inline_comments

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class RawBlock(NamedTuple):
    """A block before prose is built: kind, 0-based line range ``[start, end)``.

    Positions follow ``policylint.base.positions`` (0-based, end exclusive).

    ``top`` is true for blocks that may hold inferred headings: paragraphs at
    the top level and items of a top-level ordered list. ``item_start`` says
    the first line carries a list marker to strip.
    """

    kind: str  # "heading" | "paragraph" | "list_item" | "quote" | "table" | "code"
    start: int
    end: int
    level: int = 0
    top: bool = False
    item_start: bool = False
    setext: bool = False
    spans: tuple[tuple[int, int, int], ...] = ()  # (line, start col, end col), if not whole lines
    fenced: bool = False  # a code block between fences (not one indented four columns)


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


# Three rules need a line of a certain shape, not just a character:
# - list: a line that starts with a bullet or "1." / "1)" marker followed by a
#   space, a tab or the line end;
# - lheading: an underline, a line of only "=" or only "-";
# - hr: a line that ends in three "-", "*" or "_" with only spaces or tabs
#   between them (it may follow list markers: "- ***").
# markdown-it skips only spaces, tabs and quote markers before a block, and
# every line break it knows ("\n", "\r") is one for ``splitlines``, so these
# tests are sound. They are tried on every line of every paragraph, and a
# plain notice has none of them: skipping them takes a third off the parse.
_SHAPED = ("hr", "list", "lheading")
_ORDERED = LazyPattern(r"[0-9]+[.)](?:[ \t]|\Z)")
_UNDERLINE = LazyPattern(r"(?:-+|=+)[ \t]*\Z")
_RULE_END = LazyPattern(r"([-*_])[ \t]*\1[ \t]*\1[ \t]*\Z")


def _line_rules(text: str) -> set[str]:
    """Which of "list", "lheading" and "hr" may match a line of ``text``."""
    found: set[str] = set()
    for line in text.splitlines():
        content = line.lstrip(" \t>")
        if not content:
            continue
        first = content[0]
        if (first in "-+*" and content[1:2] in ("", " ", "\t")) or (
            first.isdigit() and _ORDERED.match(content)
        ):
            found.add("list")
        if line.rstrip(" \t")[-1] in "-*_=":  # rare in prose: the patterns run only here
            if _UNDERLINE.match(content):
                found.add("lheading")
            if _RULE_END.search(line):
                found.add("hr")
    return found


def impossible_rules(text: str) -> tuple[str, ...]:
    """The block rules that cannot match anywhere in ``text``."""
    skip = [rule for rule, marks in _NEEDS if not any(mark in text for mark in marks)]
    possible = _line_rules(text)
    return (*skip, *(rule for rule in _SHAPED if rule not in possible))


@cache
def parser(skip: tuple[str, ...] = ()) -> MarkdownIt:
    """A block-level parser without the rules in ``skip``; inline parsing is off.

    Prose is built from the source lines themselves, so the inline pass
    (about 40% of markdown-it's time) would only have found inline HTML
    comments, which ``comments.inline_comments`` finds in the text directly; with it
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
    titles: list[RawBlock] = []
    parsed = text
    if any(mark in text for mark in boxes.MARKS):
        parsed, found = boxes.opened(text)
        titles = [RawBlock("paragraph", i, i + 1, spans=((i, a, b),)) for i, a, b in found]
    skip = impossible_rules(parsed)
    blocks: list[RawBlock]
    comments: list[Comment] = []
    if _ALL_BUT_PARAGRAPHS.issubset(skip) and "\r" not in parsed:
        blocks = _paragraphs(parsed)
    else:
        fast = pyrs_tokens.available()
        tokens: Sequence[Any] | None = pyrs_tokens.tokens(fast, parsed) if fast else None
        if tokens is None:
            tokens = parser(skip).parse(parsed)
        blocks, comments = _from_tokens(tokens, text)
        if "]:" in parsed:
            titles += _definitions(parsed, tokens)
    if titles:
        blocks = sorted(blocks + titles, key=lambda block: block.start)
    return blocks, comments


# The rules that leave only paragraphs and indented code when none can match.
_ALL_BUT_PARAGRAPHS = frozenset([rule for rule, _ in _NEEDS] + list(_SHAPED))


def _paragraphs(text: str) -> list[RawBlock]:
    """The blocks of a text in which only paragraphs and indented code can be.

    Half the notices are plain text: markdown-it's tokens for them are read
    off the lines directly, as its rules would find them. A line of only
    spaces and tabs is blank; a block starting with a line indented four
    columns or more (tabs to the next multiple of four) is code, running
    over blank lines to its last indented line; any other block is a
    paragraph up to the next blank line (an indented line inside it is lazy
    continuation). tests/test_blocks.py compares the two.
    """
    lines = text.split("\n")
    count = len(lines)
    blocks: list[RawBlock] = []
    i = 0
    while i < count:
        if not lines[i].strip(" \t"):
            i += 1
        elif _columns(lines[i]) >= 4:
            last = j = i + 1
            while j < count:
                if lines[j].strip(" \t"):
                    if _columns(lines[j]) < 4:
                        break
                    last = j + 1
                j += 1
            blocks.append(RawBlock("code", i, last))
            i = last
        else:
            j = i + 1
            while j < count and lines[j].strip(" \t"):
                j += 1
            blocks.append(RawBlock("paragraph", i, j, top=True))
            i = j
    return blocks


def _columns(line: str) -> int:
    """The indent of ``line`` in columns, as markdown-it counts it (tab stops of four)."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _from_tokens(tokens: Any, text: str) -> tuple[list[RawBlock], list[Comment]]:
    """Blocks and comments from markdown-it's tokens of ``text`` (its boxes opened)."""
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
        elif kind == "html_block":
            if not starts:
                starts = _line_starts(text)
            _html(token, text, starts, "quote" in containers, blocks, comments)
        elif kind == "code_block" and _indented_html(token):
            # HTML indented by its nesting: a site's generator (kramdown) shows it as
            # HTML, so its visible text is read like an HTML block's.
            if not starts:
                starts = _line_starts(text)
            _html(token, text, starts, "quote" in containers, blocks, comments)
        elif kind in ("code_block", "fence"):
            start, end = _map(token)
            if kind == "fence":  # not the fence lines themselves
                start += 1
                if not starts:
                    starts = _line_starts(text)
                closing = _line(text, starts, end - 1).lstrip(" \t>")
                if end > start and closing.strip().startswith(token.markup):
                    end -= 1
            blocks.append(RawBlock("code", start, end, fenced=kind == "fence"))
        elif kind == "inline" and "<!--" in token.content:
            if not starts:
                starts = _line_starts(text)
            comments.extend(inline_comments(*_map(token), text, starts))
    return blocks, comments


_DEFINITION = LazyPattern(r"[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(?:<([^<>\n]*)>|(\S+))")


def _definitions(text: str, tokens: Any) -> list[RawBlock]:
    """The destinations of link reference definitions (``[contact]: /contact``).

    markdown-it keeps no token for them, so they are found on the top-level
    lines no token covers. Like an inline link's URL, the destination is
    read as text: a contact page or ``mailto:`` linked this way is a contact.
    A definition no link uses (``[label]`` or ``[text][label]``) shows
    nothing to the reader and is left out.
    """
    covered: set[int] = set()
    for token in tokens:
        if token.level == 0 and token.map:
            covered.update(range(*token.map))
    found = []
    used: set[str] | None = None
    for i, line in enumerate(text.split("\n")):
        if i in covered or "]:" not in line:
            continue
        match = _DEFINITION.match(line)
        if match is None:
            continue
        if used is None:
            used = _labels_used(text)
        if _label(match.group(1)) in used:
            group = 2 if match.group(2) is not None else 3
            span = (i, match.start(group), match.end(group))
            found.append(RawBlock("paragraph", i, i + 1, spans=(span,)))
    return found


# A bracketed label not followed by ":" (a link ``[text][label]`` or ``[label]``).
_LINK_LABEL = LazyPattern(r"\[([^\[\]\n]+)\](?!:)")


def _labels_used(text: str) -> set[str]:
    """The labels that links in ``text`` name, as ``_label`` writes them: one scan of the
    text for all of a file's definitions (one scan per definition was quadratic)."""
    return {_label(match.group(1)) for match in _LINK_LABEL.finditer(text)}


def _label(label: str) -> str:
    """A reference label as a link and a definition are compared: trimmed, any case."""
    return label.strip().lower()


_QUOTE_MARKS = LazyPattern(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def _html(
    token: Any,
    text: str,
    starts: list[int],
    quoted: bool,
    blocks: list[RawBlock],
    comments: list[Comment],
) -> None:
    """The visible runs of an HTML block as blocks, and its comments."""
    from policylint.parse import html

    first, last = _map(token)
    begin = starts[first]
    end = starts[last] - 1 if last < len(starts) else len(text)
    if quoted:  # quote markers are not text: blank them, keeping every offset
        inner = _QUOTE_MARKS.sub(lambda m: " " * len(m.group(0)), text[begin:end])
        text = text[:begin] + inner + text[end:]
    runs, found = html.split(text, begin, end, starts)
    for run in runs:
        kind = "heading" if run.level else "paragraph"
        line_range = (run.spans[0][0], run.spans[-1][0] + 1)
        blocks.append(RawBlock(kind, *line_range, level=run.level, spans=run.spans))
    comments.extend(Comment(c.line, c.text, c.column) for c in found)


_HTML_TAG = LazyPattern(
    r"</?(?:p|div|h[1-6]|ul|ol|li|table|tbody|thead|tr|td|th|section|article|header"
    r"|footer|main|nav|span|strong|b|em|i|a|br|dl|dt|dd|blockquote)\b[^>\n]*>",
    re.IGNORECASE,
)


def _indented_html(token: Any) -> bool:
    """An indented code block that is HTML: its first line opens or closes a tag."""
    content = token.content.lstrip()
    return content.startswith("<") and _HTML_TAG.match(content) is not None


def _line(text: str, starts: list[int], index: int) -> str:
    stop = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
    return text[starts[index] : stop]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _map(token: Any) -> tuple[int, int]:
    start, end = token.map or (0, 0)
    return int(start), int(end)


def _start(token: Any) -> int:
    return _map(token)[0]
