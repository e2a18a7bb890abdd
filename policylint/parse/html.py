"""HTML blocks as readers see them: visible text split into blocks at block-level tags.

Markdown keeps raw HTML as it is, so a notice written as ``<p>``, ``<dd>`` or
``<center>`` elements (or as one whole HTML page) would otherwise hold no
prose at all. This module cuts an HTML block at its block-level tags
(``<p>``, ``<div>``, ``<li>``, ``<tr>``...) into runs of text; ``<h1>``-``<h6>``
become headings. A run keeps its inline tags and entities: ``prose`` blanks
those, keeps an ``<a href>`` destination like a Markdown link's, and maps
every character back to the file. Comments, ``<script>`` and ``<style>`` are
never prose; comments are returned for inline suppressions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|<!\w[^<>]*>", re.DOTALL
)
# Elements whose edges end a run of text (CommonMark's block tags, plus table
# rows and list items). Cells (<td>, <th>) and <br> do not: a table row reads
# as one line, "Last updated | 1 May 2026".
_BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frame frameset head header hr html iframe legend li
    link main menu meta nav noframes ol optgroup option p pre section summary table tbody tfoot
    thead title tr ul""".split()
)
_HIDDEN = frozenset(["script", "style", "template", "textarea"])
_HEADING = re.compile(r"h([1-6])")


class Run(NamedTuple):
    """Visible text of an HTML block: 0-based ``(line, start, end)`` column spans.

    ``level`` is 1-6 for a heading (``<h1>``-``<h6>``), else 0.
    """

    spans: tuple[tuple[int, int, int], ...]
    level: int = 0


class HtmlComment(NamedTuple):
    """An HTML comment: 0-based line and column of its ``<!--``, and its text."""

    line: int
    column: int
    text: str


def split(
    text: str, begin: int, end: int, starts: list[int]
) -> tuple[list[Run], list[HtmlComment]]:
    """The runs of visible text and the comments in ``text[begin:end]``.

    ``starts`` are the offsets where the lines of ``text`` start.
    """
    runs: list[Run] = []
    comments: list[HtmlComment] = []
    run_start = begin
    level = 0
    pos = begin
    while True:
        match = _TAG.search(text, pos, end)
        if match is None:
            break
        pos = match.end()
        whole = match.group(0)
        if whole.startswith("<!--"):
            line = bisect_right(starts, match.start()) - 1
            comments.append(HtmlComment(line, match.start() - starts[line], whole))
            continue  # blanked by prose, as in a paragraph
        name = (match.group(2) or "").lower()
        closing = bool(match.group(1))
        heading = _HEADING.fullmatch(name)
        if not (heading or name in _BLOCK_TAGS or name in _HIDDEN):
            continue  # inline element: part of the run
        _flush(runs, text, starts, run_start, match.start(), level)
        level = int(heading.group(1)) if heading and not closing else 0
        run_start = match.end()
        if name in _HIDDEN and not closing:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, pos, end)
            pos = run_start = close.end() if close else end
    _flush(runs, text, starts, run_start, end, level)
    return runs, comments


def _flush(runs: list[Run], text: str, starts: list[int], a: int, b: int, level: int) -> None:
    """Add ``text[a:b]`` as a run of per-line spans, if it holds anything but space."""
    if a >= b or text[a:b].isspace():
        return
    spans = []
    line = bisect_right(starts, a) - 1
    while a < b:
        stop = min(b, starts[line + 1] - 1 if line + 1 < len(starts) else len(text))
        if stop > a:
            spans.append((line, a - starts[line], stop - starts[line]))
        line += 1
        if line >= len(starts):
            break
        a = max(a, starts[line])
        while a < b and text[a] in " \t":  # indent (and blanked quote marks) is not text
            a += 1
    runs.append(Run(tuple(spans), level))
