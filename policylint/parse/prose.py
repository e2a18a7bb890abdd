"""Prose: the readable text of a block, with a map back to the file.

Rules match phrases against prose, not against raw Markdown: markup is
removed, bullets are dropped, and every run of whitespace (including the hard
line breaks of pasted-in policies) is folded to one space, so "the Information
\\nCommissioners Office" reads as one phrase. Each prose character remembers the
source offset it came from, so a match anywhere turns back into an exact
``line:column``.

The folding is done in two steps that keep the map cheap. Markup is first
*blanked* (replaced by spaces of the same length), which keeps offsets 1:1;
then whitespace runs are folded, which is the only step that moves characters
and so the only one that adds entries to the map.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache

from policylint.base import regexes
from policylint.base.positions import Location
from policylint.base.prefilter import LazyPattern
from policylint.parse.source import Source

# Markup to blank, most specific first. Named groups k1-k7 are kept (link
# text and URL, autolink target, an <a href> destination, as a Markdown link's
# is); everything else in the match is blanked. Liquid control tags ({% if %},
# {% endfor %}) shape the page and are blanked; tags that output text where
# they stand ({% last_modified_at %}, {% include %}) stay, like {{ ... }},
# so a template after a label is reported as one. Compiled on first use (~1.5 ms):
# a plain-text notice never needs it.
_MARKUP_PATTERN = r"""
      <!--.*?(?:-->|\Z)                                   # HTML comment
    | <(?P<k1>(?:https?|ftp|mailto):[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>   # autolink
    | <[aA]\s[^<>]*?\b(?i:href)\s*=\s*                    # <a href>: its destination
      (?:"(?P<k5>[^"<>]*)"|'(?P<k6>[^'<>]*)'|(?P<k7>[^\s"'<>]+))[^<>]*>
    | </?(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>   # inline HTML tag
    | !?\[(?P<k2>[^\[\]\n]*)\]\((?:<(?P<k8>[^<>\n]*)>|(?P<k3>[^()\s]*))(?:\s+"[^"\n]*")?\)  # link
    | !?\[(?P<k4>[^\[\]\n]*)\]\[[^\[\]\n]*\]               # [text][ref]
    | (?P<del>\[\^[^\[\]\s]+\]:?                           # footnote mark
    | `+                                                  # code span fences
    | (?<![\w*_~\\])[*_~]{1,3}(?=[^\s*_~])                # emphasis opening
    | (?<=[^\s*_~\\])[*_~]{1,3}(?![\w*_~])                # emphasis closing
    | \\(?=[!-/:-@\[-`{-~]|\n|\Z))                      # backslash escape, hard break
    | (?m:^)[ \t]*(?:[•·▪●◦■‣⁃►➢✓]|o(?=[ \t]+[A-Z])|:(?=[ \t]))[ \t]+  # bullets, dd marks
    | \{[:#.][^{}\n]*\}                                    # kramdown attribute list
    | \{%-?[ \t]*(?:if|elsif|else|unless|case|when|for|break|continue|assign|capture
      |comment|raw|cycle|increment|decrement|end[a-z]*)\b.*?%\}  # Liquid control tag
    | (?P<ent>&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)  # entity
    """
_KEEP = ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8")
_ENTITY = LazyPattern(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Inline elements: their tags join the text around them ("<b>31/05/21</b>."
# reads "31/05/21."); any other tag stands where a space is seen.
_INLINE_TAGS = frozenset(
    """a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span
    strike strong sub sup time tt u var""".split()
)
# Characters any markup above starts with (and the "o " or ": " mark at a line
# start): text without them is left as it is.
_MARKUP_START_CHARS = "<[`*_~\\&{•·▪●◦■‣⁃►➢✓"
_MARKUP_START = re.compile(f"[{re.escape(_MARKUP_START_CHARS)}]")
_MARKUP_CHARS = re.compile(rf"{_MARKUP_START.pattern}|(?m:^)[ \t]*[o:][ \t]")
# Removed markup is replaced by this character (not a space) where the text
# around it joins up: the fold then drops it, so offsets stay 1:1 until then.
_GONE = "\x00"
# Whitespace (and removed markup) that must be folded: a run of two or more,
# or any single one that is not a plain space (newline, tab, NBSP...).
_FOLD = re.compile(r"[\s\x00]{2,}|[^\S ]|\x00")
_LEAD = re.compile(r"[\s\x00]*")


def _trail(raw: str) -> int:
    """Where the trailing whitespace and removed markup of ``raw`` begin. Not a regex
    search for a whitespace run at the end: that retries the run from each of its
    characters, quadratic on a long run (a line of backticks blanked)."""
    end = len(raw)
    while end and (raw[end - 1] == _GONE or raw[end - 1].isspace()):
        end -= 1
    return end


# Every alternative above starts with one of these characters or at a line
# start: testing that first lets the engine skip plain text without trying
# each alternative at each position (4x faster).
_GATE = r"(?:(?=[<!\[`*_~\\&{])|(?m:^))"


@lru_cache(maxsize=1)
def _markup() -> re.Pattern[str]:
    return regexes.compile(f"{_GATE}(?:{_MARKUP_PATTERN})", re.VERBOSE | re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    whole = match.group(0)
    if match.group("ent"):
        return _entity(match)
    if match.group("del") or (match.group("tag") or "").lower() in _INLINE_TAGS:
        return _GONE * len(whole)
    # "[text][ref]" keeps only its text, joined to what follows ("text.");
    # a link that keeps its URL too needs the spaces between them.
    out = [_GONE if match.group("k4") is not None else " "] * len(whole)
    base = match.start()
    for name in _KEEP:
        start, end = match.span(name)
        if start >= 0:
            kept = whole[start - base : end - base]
            if "&" in kept:  # "[Acme&#8217;s policy](...)": the link text is read too
                kept = _ENTITY.sub(_entity, kept)
            out[start - base : end - base] = kept
    return "".join(out)


def _entity(match: re.Match[str]) -> str:
    """An HTML entity as its character, padded to its length; unknown ones stay as written."""
    from html import unescape

    whole = match.group(0)
    char = unescape(whole)
    return whole if char == whole or len(char) > len(whole) else char.ljust(len(whole), _GONE)


class Prose:
    """Folded text of one block and the map from its characters to source offsets.

    The map is a list of segments: prose index ``starts[k]`` corresponds to
    source offset ``origins[k]`` and the following characters up to the next
    segment are contiguous in the source.
    """

    __slots__ = ("_origins", "_starts", "source", "text")

    def __init__(self, text: str, source: Source, starts: list[int], origins: list[int]):
        self.text = text
        self.source = source
        self._starts = starts
        self._origins = origins

    def __repr__(self) -> str:
        return f"Prose({self.text[:40]!r})"

    def offset(self, index: int) -> int:
        """Source offset of prose character ``index``."""
        if not self._starts:
            return 0
        k = bisect_right(self._starts, index) - 1
        k = max(k, 0)
        return self._origins[k] + (index - self._starts[k])

    def location(self, start: int, end: int) -> Location:
        """Source Location of prose span ``[start, end)``."""
        if end <= start:
            begin = self.offset(start)
            return self.source.location(begin, begin + 1)
        return self.source.location(self.offset(start), self.offset(end - 1) + 1)


# Whitespace that needs the full fold: runs of two, tabs, NBSP and the like.
_ODD_SPACE = LazyPattern(r"\s\s|[^\S ]")
# The fast path checks the "o " bullet per line and these with str methods.
_MARKUP_ASCII = [c for c in _MARKUP_START_CHARS if c.isascii()]
_LINE_MARKS = ("o ", "o\t", ": ", ":\t")


def _plain(source: Source, pieces: list[tuple[int, int]], table: bool) -> Prose | None:
    """The common case, quickly: lines with no markup and ordinary spacing.

    Such lines only need their ends trimmed and a space between them, and
    each line is one segment of the map. Anything else returns None for the
    general path.
    """
    if table:
        return None
    text = source.text
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0
    for start, end in pieces:
        line = text[start:end]
        body = line.lstrip(" ")
        if not body:
            continue
        if body.startswith(_LINE_MARKS):
            return None
        stripped = body.rstrip(" ")
        if parts:
            length += 1  # the space that joins two lines stands at the end of the first
        starts.append(length)
        origins.append(start + len(line) - len(body))
        parts.append(stripped)
        length += len(stripped)
    if not parts:
        return None
    joined = " ".join(parts)
    if joined.isascii():
        # Same test as below, by C string methods: in printable ASCII the
        # only whitespace is the space, and all markup starts are ASCII.
        if not joined.isprintable() or "  " in joined:
            return None
        for char in _MARKUP_ASCII:
            if char in joined:
                return None
    elif _MARKUP_START.search(joined) or _ODD_SPACE.search(joined):
        return None
    return Prose(joined, source, starts, origins)


def build(
    source: Source, pieces: Iterable[tuple[int, int]], *, table: bool = False, code: bool = False
) -> Prose:
    """Prose from source ranges ``(start, end)``, one per line, in order.

    Lines are joined with a newline (mapped to the end of the line's range),
    markup is blanked (not in ``code``, which is shown as written), then
    whitespace is folded.
    """
    pieces = list(pieces)
    if code:
        return _general(source, pieces, table, code)
    return _plain(source, pieces, table) or _general(source, pieces, table)


def _general(
    source: Source, pieces: list[tuple[int, int]], table: bool, code: bool = False
) -> Prose:
    """Any lines: markup blanked, then whitespace folded (see the module doc)."""
    text = source.text
    raw_parts: list[str] = []
    raw_starts: list[int] = []
    origins: list[int] = []
    pos = 0
    for start, end in pieces:
        part = text[start:end]
        if table:
            part = part.replace("|", " ")
        raw_starts.append(pos)
        origins.append(start)
        raw_parts.append(part)
        pos += len(part) + 1
    raw = "\n".join(raw_parts)
    if not code and _MARKUP_CHARS.search(raw):
        raw = _markup().sub(_blank, raw)

    def raw_to_source(i: int) -> int:
        k = bisect_right(raw_starts, i) - 1
        return origins[k] + (i - raw_starts[k])

    out: list[str] = []
    seg_starts: list[int] = []
    seg_origins: list[int] = []
    length = 0
    cursor = _LEAD.match(raw).end()  # type: ignore[union-attr]
    stop = max(cursor, _trail(raw))
    for match in _FOLD.finditer(raw, cursor, stop):
        if match.start() > cursor:
            seg_starts.append(length)
            seg_origins.append(raw_to_source(cursor))
            out.append(raw[cursor : match.start()])
            length += match.start() - cursor
            if not match.group(0).strip(_GONE):
                cursor = match.end()  # removed markup only: the text joins up
                continue
            # The folded space stands where the whitespace run began.
            seg_starts.append(length)
            seg_origins.append(raw_to_source(match.start()))
            out.append(" ")
            length += 1
        cursor = match.end()
    if stop > cursor:
        seg_starts.append(length)
        seg_origins.append(raw_to_source(cursor))
        out.append(raw[cursor:stop])
    return Prose("".join(out), source, seg_starts, seg_origins)


# A sentence ends at . ! or ? followed by a space and a capital, digit or
# quote; abbreviations ("e.g.", "St.", "B.V.") do not end one.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý])")


@cache
def _abbreviations() -> frozenset[str]:
    """Abbreviations, lowercase without their final dot (``abbreviations`` of
    ``rules/languages.yaml``)."""
    from policylint.packs.builtin import builtin

    return builtin().abbreviations


@cache
def _months() -> frozenset[str]:
    """Month names and their abbreviations, lowercase (``last-updated: months``)."""
    from policylint.packs.builtin import builtin

    return frozenset(builtin().months)


@lru_cache(maxsize=64)
def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in folded prose ``text`` (memoised: rules
    ask about the same block many times)."""
    spans: list[tuple[int, int]] = []
    start = 0
    abbreviations = _abbreviations()
    for match in _SENTENCE_END.finditer(text):
        word = text[max(start, match.start() - 6) : match.start()].rsplit(" ", 1)[-1].lower()
        if word.strip("(") in abbreviations or (len(word) == 1 and word.isalpha()):
            continue
        if len(word) <= 2 and word.isdigit() and _month_follows(text, match.end()):
            continue  # a German day, "26. Mai 2026", ends no sentence
        spans.append((start, match.start() + 1))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# Month names that are also English words: after "step 2." they may open a sentence.
_WORD_MONTHS = frozenset({"may", "march", "mar"})


def _month_follows(text: str, at: int) -> bool:
    """A month name at ``at`` ("26. Mai 2026", "am 3. Mai geändert"), but not one that is
    also an English word and opens a sentence ("step 2. May we ...")."""
    word = text[at : at + 12].split(" ", 1)[0].rstrip(".,;)")
    if word.lower() not in _months():
        return False
    after = text[at + len(word) : at + len(word) + 2]
    return word.lower() not in _WORD_MONTHS or not (after[:1] == " " and after[1:].islower())


def sentence_at(text: str, index: int) -> tuple[int, int]:
    """The span of the sentence of ``text`` that holds character ``index``."""
    spans = sentence_spans(text)
    k = bisect_right(spans, (index, len(text) + 1)) - 1
    if 0 <= k < len(spans) and spans[k][0] <= index < spans[k][1]:
        return spans[k]
    return 0, len(text)
