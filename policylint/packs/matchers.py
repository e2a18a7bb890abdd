r"""How a pack's topic and citation patterns run: one dialect, two engines.

Every pattern is written in RE2 syntax and checked with RE2 when its pack
loads, so any built-in pattern can be copied into a user pack. They run
differently:

* **User packs** run on RE2 (``packs/patterns``): their alternatives joined
  into one pattern, linear time whatever a pattern does, so a pack from a
  repository can never hang a commit.
* **The built-in packs** run, like the rest of the built-in data, on Python's
  ``re`` with the literal prefilter (``base/prefilter``): alternative by
  alternative, and only the alternatives whose literals occur in the
  notice are compiled and searched. RE2 compiles ``\p{L}`` (every letter of
  Unicode, case-folded) into a program so large that the Article 13/14
  topics took 150 ms to compile per language; on ``re`` they take a few ms,
  and a notice pays only for the wording it contains. The patterns are
  ours and reviewed (the built-in data's patterns already run on ``re``).

``to_python`` rewrites the one RE2 feature ``re`` lacks that the packs use:
``\p{L}`` and ``\P{L}`` (a letter, not a letter), in and out of classes.
``^`` and ``$`` are a block's start and end in both engines (``(?m)``; each
block of a notice is searched on its own); in a search
bounded to a sentence (``unless``, ``history``) ``re`` also takes the bound
as an end for ``$`` and RE2 does not, so the packs do not use ``$`` there.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from policylint.base.literal_index import LiteralIndex, TextMasks
from policylint.base.prefilter import Filtered, compile_filtered

_LETTER = r"[^\W\d_]"
_NOT_LETTER = r"[\W\d_]"
FLAGS = re.IGNORECASE | re.MULTILINE
"""The flags of built-in patterns on ``re``: case-insensitive, ``^``/``$`` at each block."""
LITERALS = LiteralIndex()
"""The literals of every built-in matcher compiled so far, for ``Alternatives.narrow``."""


class Matcher(Protocol):
    """What the topic analysis needs of a compiled set of patterns."""

    def search(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, lowered: str | None = None
    ) -> Any: ...

    def narrow(self, lowered: str, masks: TextMasks | None = None) -> Matcher | None: ...

    def each(self) -> Sequence[Matcher]: ...

    def finditer(self, text: str, lowered: str) -> Iterator[Any]:
        """Every match in ``text`` (``lowered``: ``fold(text)``), left to right, none
        overlapping; after one, the next is looked for from its end."""
        ...

    def blocks(self, masks: TextMasks) -> int:
        """The texts of ``masks`` where a match may be (a mask, ``base/literal_index``)."""
        ...

    def join(self, parts: Sequence[Matcher]) -> Matcher:
        """One matcher of some of ``each()``'s parts."""
        ...


class Joined:
    """User patterns: one RE2 pattern, the alternatives joined."""

    def __init__(self, patterns: Sequence[str]) -> None:
        from policylint.packs.patterns import compile_user

        self.regex = compile_user("(?m)" + "|".join(f"(?:{p})" for p in patterns))

    def search(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, lowered: str | None = None
    ) -> Any:
        """The leftmost match in ``text[pos:endpos]`` (``lowered`` is not needed)."""
        return self.regex.search(text, pos, min(endpos, len(text)))

    def narrow(self, lowered: str, masks: TextMasks | None = None) -> Matcher | None:
        """Itself: RE2 scans once whatever the text holds."""
        return self

    def each(self) -> Sequence[Matcher]:
        """Itself: one pattern, one scan."""
        return [self]

    def finditer(self, text: str, lowered: str) -> Iterator[Any]:
        """Every match, as RE2's ``finditer`` finds them."""
        return self.regex.finditer(text)

    def blocks(self, masks: TextMasks) -> int:
        """Every text: RE2 patterns have no prefilter."""
        return masks.all

    def join(self, parts: Sequence[Matcher]) -> Matcher:
        """Itself (its only part)."""
        return self


class Alternatives:
    """Built-in patterns: each its own ``re`` pattern with a literal prefilter.

    ``search`` returns the leftmost match of any alternative (the earliest to
    end first among those starting together: RE2 would take the first
    alternative, so the two engines may report different extents of the same
    match). A walk through one text (``pos`` growing) reads each alternative's
    matches in order from a ``finditer`` (the matches it skips, those ending by
    ``pos``, are those a fresh search from ``pos`` would skip), restarted from
    ``pos`` only when its next match runs past ``pos``. The walk's state is per
    text; a matcher is used by one thread.
    """

    def __init__(self, patterns: Sequence[Filtered]) -> None:
        self.patterns = patterns
        self._text: str | None = None
        self._walks: list[Iterator[Any]] = []
        self._heads: list[Any] = []  # per alternative: its next match, or None when done
        self._pos = 0

    def search(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, lowered: str | None = None
    ) -> Any:
        """The leftmost match of any alternative in ``text[pos:endpos]``."""
        if endpos < len(text) or text is not self._text or pos < self._pos:
            if endpos < len(text):  # a bounded search (within one block): nothing to keep
                found = [p.search(text, pos, endpos, lowered) for p in self.patterns]
                return min((m for m in found if m), key=_span, default=None)
            self._text, self._pos = text, pos
            self._walks = [p.finditer(text, pos, endpos, lowered) for p in self.patterns]
            self._heads = [next(walk, None) for walk in self._walks]
        self._pos = pos
        best = None
        for index, walk in enumerate(self._walks):
            head = self._heads[index]
            while head is not None and head.end() <= pos and head.start() < pos:
                head = next(walk, None)  # passed over: the walk's next is a fresh search's
            if head is not None and head.start() < pos:
                # It runs on past ``pos`` (passed over by another alternative's match, or
                # cut back to its block): one may start inside it; look again from ``pos``.
                walk = self._walks[index] = self.patterns[index].finditer(
                    text, pos, endpos, lowered
                )
                head = next(walk, None)
            self._heads[index] = head
            if head is not None and (best is None or _span(head) < _span(best)):
                best = head
        return best

    def narrow(self, lowered: str, masks: TextMasks | None = None) -> Matcher | None:
        """The alternatives that may match in ``lowered`` (``fold`` of the text), or None.

        ``masks``: instead of ``lowered``, the texts of a document's blocks, whose
        literals are found for every built-in matcher at once (``LITERALS``);
        without it each alternative's literals are looked for in ``lowered`` (a
        short text: titles, a block).
        """
        if masks is not None:
            present = masks.present()
            disjoint = present.isdisjoint  # a set with no member present rules a pattern out
            kept = [p for p in self.patterns if not any(map(disjoint, p.sets))]
        else:
            kept = [p for p in self.patterns if p.may_match(lowered)]
        return Alternatives(kept) if kept else None

    def each(self) -> Sequence[Matcher]:
        """Each alternative on its own: whether a topic is named needs one match of
        any, so the others are never compiled once one is found."""
        return [Alternatives([p]) for p in self.patterns]

    def finditer(self, text: str, lowered: str) -> Iterator[Any]:
        """Every match of any alternative (``search`` from the end of the last)."""
        if len(self.patterns) == 1:
            yield from self.patterns[0].finditer(text, 0, len(text), lowered)
            return
        pos = 0
        while pos <= len(text):
            match = self.search(text, pos, lowered=lowered)
            if match is None:
                return
            pos = max(match.end(), match.start() + 1)
            yield match

    def blocks(self, masks: TextMasks) -> int:
        """The texts holding a member of each literal set of some alternative."""
        found = 0
        for pattern in self.patterns:
            found |= masks.of(pattern.sets)
        return found

    def join(self, parts: Sequence[Matcher]) -> Matcher:
        """The alternatives of ``parts`` (each from ``each()``) as one matcher."""
        return Alternatives([p for part in parts for p in getattr(part, "patterns", ())])


def _span(match: Any) -> tuple[int, int]:
    return match.start(), match.end()


def matcher(patterns: Sequence[str], trusted: bool) -> Matcher | None:
    """``patterns`` compiled for searching: built-in (``trusted``) on ``re``, else RE2."""
    if not patterns:
        return None
    if not trusted:
        return Joined(patterns)
    found = [compile_filtered(p, FLAGS) for p in python_alternatives(patterns)]
    LITERALS.add(literal for p in found for literals in p.sets for literal in literals)
    return Alternatives(found)


SPLIT: dict[str, list[str]] = {}
"""Built-in patterns already rewritten by ``python_alternatives`` (the start-up cache
keeps them, ``packs/builtin``): the rewriting reads each pattern character by character."""


def python_alternatives(patterns: Sequence[str]) -> list[str]:
    r"""Built-in patterns as the ``re`` alternatives they are run as: each split at its
    top-level ``|`` (each part gets its own literals, so the prefilter can jump to
    where it may match), ``\p{L}`` spelled out, and a leading "not after a letter"
    (``(?:^|\P{L})word``) as a look-behind, so the match starts at the word."""
    out: list[str] = []
    for pattern in patterns:
        parts = SPLIT.get(pattern)
        if parts is None:
            parts = SPLIT[pattern] = [to_python(_leading(part)) for part in split_top(pattern)]
        out += parts
    return out


# "At a block's start or after a non-letter", as the packs write it before a word.
_NOT_AFTER_LETTER = re.compile(r"\(\?:(?:\^|\(\?m:\^\))\|(?:\\P\{L\}|\[\^\\p\{L\}\\n\])\)")


def _leading(pattern: str) -> str:
    match = _NOT_AFTER_LETTER.match(pattern)
    if match is None:
        return pattern
    rest = pattern[match.end() :]
    if split_top(rest) != [rest]:  # "(?:^|\P{L})a|b": the boundary belongs to "a" only
        return pattern
    return rf"(?<!{_LETTER})" + rest


def split_top(pattern: str) -> list[str]:
    """``pattern`` split at each ``|`` outside groups and classes."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return [p for p in parts if p]


def to_python(pattern: str) -> str:
    r"""An RE2 pattern as Python ``re`` reads it: ``\p{L}`` and ``\P{L}`` spelled out.

    Outside a class, ``\p{L}`` is ``[^\W\d_]`` and ``\P{L}`` is ``[\W\d_]``;
    inside one, ``\P{L}`` adds ``\W\d_`` and ``\p{L}`` turns the class into a
    group (``[^\p{L}\n]``: not a letter and not a newline).
    """
    if "{L}" not in pattern:
        return pattern
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            piece = pattern[i : i + 5]
            if piece in (r"\p{L}", r"\P{L}"):
                out.append(_LETTER if piece[1] == "p" else _NOT_LETTER)
                i += 5
            else:
                out.append(pattern[i : i + 2])
                i += 2
            continue
        if char == "[":
            end = _class_end(pattern, i)
            out.append(_class(pattern[i + 1 : end]))
            i = end + 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` closing the class opened at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a "]" first in a class is a member
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _class(body: str) -> str:
    negated = body.startswith("^")
    members = body[1:] if negated else body
    letter = r"\p{L}" in members
    members = members.replace(r"\p{L}", "").replace(r"\P{L}", r"\W\d_")
    if not letter:
        return f"[{'^' if negated else ''}{members}]"
    if negated:  # neither a letter nor one of the others
        return f"(?:(?!{_LETTER})[^{members}])" if members else _NOT_LETTER
    return f"(?:{_LETTER}|[{members}])" if members else _LETTER
