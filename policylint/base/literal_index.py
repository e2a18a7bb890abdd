"""Which of many literals a text contains, found in one scan of the text.

The built-in packs' topics and citations have about 3,000 prefilter
literals (``base/literals``: every literal set of every alternative), 600-1,100
per language. Asking for each with
``str.find`` costs one scan of the notice per literal; RE2's ``Set`` holds
them all in one automaton (a DFA: an Aho-Corasick machine, in effect) and
reports every literal that occurs in a single pass, in C: about 0.05 ms for
a notice once the automaton is warm, against about 1 ms of ``str.find`` calls.

Literals are added as the matchers that use them are compiled (a run
compiles only the languages it meets, a language's topics at once), so the
set is rebuilt when it has grown: a few times per process, each a few ms.
Literals added while a document's blocks are being read are looked for in
them with a set of their own (``TextMasks``), so an answer is always complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class LiteralIndex:
    """Literals, and which of many texts hold each (``each``; ``TextMasks`` keeps a
    document's answer).

    Texts are compared with ``fold`` already applied (``base/literals``), as
    the literals are. One index serves one thread (the built-in one,
    ``packs.matchers.LITERALS``, is one per process; forked workers each get a
    copy).
    """

    def __init__(self) -> None:
        self._literals: list[str] = []
        self._known: set[str] = set()
        self._set: Any = None  # an RE2 Set of _literals[:_compiled]
        self._compiled = 0
        self._number: dict[str, int] = {}  # literal -> its number in ``each``'s masks
        self._numbers: dict[frozenset[str], tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._literals)

    def add(self, literals: Iterable[str]) -> None:
        """Make ``literals`` (lowercase, folded) known to later ``each`` calls."""
        for literal in literals:
            if literal not in self._known:
                self._known.add(literal)
                self._literals.append(literal)
                self._number[literal] = len(self._literals)

    def each(
        self, texts: Sequence[str], maps: list[bytearray | None] | None = None
    ) -> list[bytearray | None]:
        """Which of ``texts`` (folded) hold each known literal: per literal, by its
        number (``numbers``), a bitmap whose bit ``i`` (byte ``i // 8``, bit ``i % 8``)
        is set when ``texts[i]`` holds it, or None when none does. One pass of an
        RE2 set over each text.

        ``maps``: an earlier answer for the same texts; only the literals added
        since are looked for (with a set of their own), and it is extended.
        """
        first = len(maps) - 1 if maps else 0
        if first:
            automaton, numbering = _automaton(self._literals[first:]), first
        else:
            if self._compiled < len(self._literals) or self._set is None:
                self._compile()
            automaton, numbering = self._set, 0
        size = (len(texts) + 7) // 8
        maps = (maps or [None]) + [None] * (len(self._literals) - first)
        for i, text in enumerate(texts):
            byte, bit = i >> 3, 1 << (i & 7)
            found = automaton.Match(text)
            if not found:  # RE2 gave up (``_scan``): look for each literal
                found = [k for k, x in enumerate(self._literals[first:], 1) if x in text]
            for k in found:
                if k:
                    k += numbering
                    bitmap = maps[k]
                    if bitmap is None:
                        bitmap = maps[k] = bytearray(size)
                    bitmap[byte] |= bit
        return maps

    def named(self, numbers: Iterable[int]) -> set[str]:
        """The literals with these numbers (those of ``each``'s masks; 0 stands for
        none)."""
        literals = self._literals
        return {literals[k - 1] for k in numbers if k}

    def numbers(self, literals: frozenset[str]) -> tuple[int, ...]:
        """The numbers of ``literals`` in the masks of ``each`` (all must be known)."""
        found = self._numbers.get(literals)
        if found is None:
            found = self._numbers[literals] = tuple(self._number[x] for x in literals)
        return found

    def _compile(self) -> None:
        self._set, self._compiled = _automaton(self._literals), len(self._literals)


def _automaton(literals: Sequence[str]) -> Any:
    """An RE2 set of ``literals``, numbered from 1 (0 is the empty literal, found in
    every text: it tells a failed match from no literal)."""
    import re2

    options = re2.Options()
    options.literal = True  # the literals are plain text, never patterns
    options.max_mem = 64 << 20  # the automaton of ~3,000 words needs far less
    options.log_errors = False
    found = re2.Set.SearchSet(options)
    found.Add("")
    for literal in literals:
        found.Add(literal)
    found.Compile()
    return found


class TextMasks:
    """Which of a document's texts (its blocks) may hold a match of a pattern, by the
    pattern's literal sets: bit ``i`` of a mask (a Python int) stands for ``texts[i]``.

    A pattern matches in a text only if the text holds a member of each of its
    literal sets (``base/literals``), so a text outside its mask need not be
    searched. Read from ``index`` (all known literals in one pass per text) on first
    use, and again when the index has grown since (matchers compiled meanwhile).
    """

    def __init__(self, index: LiteralIndex, texts: Sequence[str]) -> None:
        self._index = index
        self._texts = texts
        self._maps: list[bytearray | None] = []
        self._masks: dict[int, int] = {}  # literal number -> its mask, made on first use
        self._known = -1  # literals the maps cover; -1: not read yet
        self._by_set: dict[frozenset[str], int] = {}
        self._present: set[str] | None = None
        self.all = (1 << len(texts)) - 1
        """Every text."""

    def present(self) -> set[str]:
        """The known literals that any of the texts holds. The set returned is the
        masks' own: read it, do not change it."""
        self._read()
        if self._present is None:
            self._present = self._index.named(
                k for k, bitmap in enumerate(self._maps) if bitmap is not None
            )
        return self._present

    def of(self, sets: Sequence[frozenset[str]]) -> int:
        """The texts holding a member of every one of ``sets`` (all texts when none)."""
        self._read()
        mask = self.all
        by_set = self._by_set
        for literals in sets:
            found = by_set.get(literals)
            if found is None:
                found = 0
                for number in self._index.numbers(literals):
                    found |= self._mask(number)
                by_set[literals] = found
            mask &= found
            if not mask:
                break
        return mask

    def _read(self) -> None:
        """Read the literals added to the index since the texts were last read."""
        if self._known != len(self._index):
            self._maps = self._index.each(self._texts, self._maps)  # the new literals only
            self._known = len(self._index)
            self._by_set.clear()  # a set's mask may now include more
            self._present = None

    def _mask(self, number: int) -> int:
        mask = self._masks.get(number)
        if mask is None:
            bitmap = self._maps[number]
            mask = self._masks[number] = int.from_bytes(bitmap, "little") if bitmap else 0
        return mask


def members(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, ascending (linear in its size)."""
    bits = format(mask, "b")[::-1]
    found = []
    at = bits.find("1")
    while at != -1:
        found.append(at)
        at = bits.find("1", at + 1)
    return found
