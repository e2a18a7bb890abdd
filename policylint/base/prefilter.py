"""Cheap necessary conditions for expensive patterns: literals every match contains.

Python's ``re`` scans case-insensitive patterns that start with a class or a
look-behind at every position, about 25 MB/s; ``str.find`` runs at gigabytes
per second. So each pattern is paired with what its own parse tree proves
about every match (the "required literal" trick of grep tools):

* ``literals``: lowercase literals one of which occurs in any match. Text
  (folded with ``fold``) that contains none of them cannot match, and the
  pattern is not run on it.
* ``prefixes``: lowercase literals one of which every match starts with.
  When they exist, a search finds their occurrences with ``str.find`` and
  tries the pattern only there (``re.Pattern.match`` at each), instead of
  at every position of the text.
* ``sets`` and ``width``: every literal set a match holds a member of, and
  the most characters a match spans. A start is tried only when a member
  of each set follows it within that width, and, for a pattern that starts
  a word, only when no letter precedes it (``base/candidates``).

The analysis itself is ``base/literals``. When nothing can be proven
(``\\d+``), the pattern simply runs as usual: the analysis can only skip
work, never change a result; ``tests/test_prefilter.py`` compares both ways
on random text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from policylint.base import candidates, regexes
from policylint.base.literals import KNOWN, Literals, fold, literals_of

__all__ = [
    "KNOWN",
    "Filtered",
    "LazyPattern",
    "Literals",
    "compile_filtered",
    "fold",
    "literals_of",
]

# Above this many candidate starts per 1,000 characters, one scan by ``re``
# is cheaper than a ``match`` call at each.
_DENSE = 24
_SLACK = 16  # ... counted from the 16th start on: a few close together are not dense


class Filtered:
    """A pattern with its literals, compiled on first use.

    Compiling is most of a short run's cost (Python compiles regexes in
    Python), and a pattern whose literals never occur never needs to be.
    """

    __slots__ = (
        "_near",
        "_regex",
        "_word_start",
        "digit",
        "flags",
        "literals",
        "pattern",
        "prefixes",
        "sets",
        "width",
    )

    def __init__(self, pattern: str, flags: int, found: Literals):
        self.pattern = pattern
        self.flags = flags
        self.literals = found.required  # None: no cheap test, always search
        self.prefixes = found.prefixes  # None: matches may start anywhere
        self.digit = found.digit
        self.width = found.width
        # Literal sets every match holds a member of (``required`` first), and those of
        # them that say more than where matches start.
        self.sets = (found.required, *found.others) if found.required else found.others
        self._near = tuple(x for x in self.sets if x != found.prefixes)
        self._word_start = found.word_start
        self._regex: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"Filtered({self.pattern!r})"

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._regex is None:
            self._regex = regexes.compile(self.pattern, self.flags)
        return self._regex

    def may_match(self, lowered: str) -> bool:
        """False only when ``lowered`` (text passed through ``fold``) cannot contain a match."""
        literals = self.literals
        if literals is None:
            return True
        for literal in literals:  # noqa: SIM110 - a loop, not a generator: the hottest call
            if literal in lowered:
                return True
        return False

    def search(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, lowered: str | None = None
    ) -> re.Match[str] | None:
        """``re.Pattern.search``; given ``fold(text)``, tried only where a match may start."""
        return next(self.finditer(text, pos, endpos, lowered), None)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize, lowered: str | None = None
    ) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``; ``lowered`` as for ``search``.

        Lazy: the text is read only as far as the matches taken, so a search
        from each of many positions (``packs/matchers``) reads each part once.
        """
        if self.prefixes is None or lowered is None or len(lowered) != len(text):
            # No start literals, or offsets would shift (a character lowercased to two).
            return self.regex.finditer(text, pos, endpos)
        stop = min(endpos, len(text))
        starts = candidates.starts(
            lowered, self.prefixes, pos, stop, self._near, self.width, self._word_start
        )
        return self._anchored(text, starts, pos, stop)

    def _anchored(
        self, text: str, starts: Iterator[int], pos: int, stop: int
    ) -> Iterator[re.Match[str]]:
        # Same matches as ``finditer``: it tries positions left to right and
        # resumes after each match; positions skipped here cannot start one.
        # Where starts have been dense, one scan by ``re`` from there is cheaper.
        # The pattern is compiled at the first place it may match: many never get one.
        resume = 0
        tried = 0
        for start in starts:
            if start < resume:
                continue
            if not tried:
                match_at = self.regex.match
            tried += 1
            if tried > (start - pos) * _DENSE // 1000 + _SLACK:
                yield from self.regex.finditer(text, start, stop)
                return
            found = match_at(text, start, stop)
            if found is not None:
                resume = found.end()
                yield found


class LazyPattern:
    """A module-level regex compiled on first use, with the ``re.Pattern`` methods used.

    A one-file run pays for every pattern compiled at import (Python compiles
    regexes in Python, ~0.1-0.5 ms each), and most files never reach the
    cold paths (TOML front matter, headings inferred from plain text, tables
    of contents...) that need many of them.
    """

    __slots__ = ("_regex", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._regex: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._regex is None:
            self._regex = regexes.compile(self.pattern, self.flags)
        return self._regex

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.search``."""
        return self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.match``."""
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.fullmatch``."""
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``."""
        return self.regex.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """``re.Pattern.findall``."""
        return self.regex.findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        """``re.Pattern.sub``."""
        return self.regex.sub(repl, text, count)


def compile_filtered(pattern: str, flags: int = re.IGNORECASE) -> Filtered:
    """``pattern`` with its prefilter; it is compiled when first searched with."""
    return Filtered(pattern, flags, literals_of(pattern, flags))
