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

When nothing can be proven (``\\d+``), the pattern simply runs as usual: the
analysis can only skip work, never change a result; ``tests/test_prefilter.py``
compares both ways on random text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from policylint.base import candidates

# Words too common to be worth filtering on when a rarer literal is required
# too: function words, and the words every privacy notice is full of.
_COMMON = frozenset(
    """a an and as at by de een en for het in of on or the to van voor
    data information notice our personal policy privacy statement we you your
    gegevens privacy privacyverklaring uw wij""".split()
)

# Above this many candidate starts per 1,000 characters, one scan by ``re``
# is cheaper than a ``match`` call at each.
_DENSE = 24
_SLACK = 16  # ... counted from the 16th start on: a few close together are not dense


def _fold_table() -> dict[int, int]:
    """Characters ``re.IGNORECASE`` equates although ``str.lower`` keeps them apart.

    ``re`` treats "ſ" as "s" and "ı" as "i" (its ``_casefix`` table); folding
    them in the text and in the literals alike keeps the literal tests exact.
    """
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # another Python: the table is an optimisation aid only
        return {}
    table: dict[int, int] = {}
    for code, others in _EXTRA_CASES.items():
        target = min(code, *others)
        for member in (code, *others):
            if member != target:
                table[member] = target
    return table


_FOLD: dict[int, int] | None = None


def fold(text: str) -> str:
    """``text`` lowercased the way ``re.IGNORECASE`` compares characters."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    global _FOLD
    if _FOLD is None:
        _FOLD = _fold_table()
    return lowered.translate(_FOLD)


class Literals(NamedTuple):
    """What a pattern's parse tree proves about its matches (see the module doc)."""

    required: frozenset[str] | None
    prefixes: frozenset[str] | None
    digit: bool = False
    """Every match holds a digit (``\\d``): for patterns without literals (postcodes)."""
    width: int | None = None
    """The most characters a match spans; None when unbounded (``+``, ``*``)."""
    others: tuple[frozenset[str], ...] = ()
    """More literal sets every match holds one member of, besides ``required``
    ("you ... do not ... provide": each word set is needed), strongest first."""
    word_start: bool = False
    """Every match starts a word: it is never right after a letter."""


# Patterns that begin so can only match at the start of a word: ``\b`` before a
# letter, or "not after a letter" (how ``packs/matchers`` writes ``(?:^|\P{L})``).
_WORD_START = ("\\b", "(?<![^\\W\\d_])")


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
            self._regex = re.compile(self.pattern, self.flags)
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
        match_at = self.regex.match
        resume = 0
        tried = 0
        for start in starts:
            if start < resume:
                continue
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
            self._regex = re.compile(self.pattern, self.flags)
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


# Analyses already worked out (from the start-up cache), by (pattern, flags).
KNOWN: dict[tuple[str, int], Literals] = {}
# ``getwidth`` gives about 2**32 for ``*`` and ``+``; no match of ours is this long.
_UNBOUNDED = 65_535
_MOST_SETS = 3  # literal sets kept besides ``required``: more would cost more than they save


def compile_filtered(pattern: str, flags: int = re.IGNORECASE) -> Filtered:
    """``pattern`` with its prefilter; it is compiled when first searched with."""
    return Filtered(pattern, flags, literals_of(pattern, flags))


def literals_of(pattern: str, flags: int = 0) -> Literals:
    """The required literals and start literals of ``pattern`` (remembered)."""
    if (pattern, flags) not in KNOWN:
        KNOWN[pattern, flags] = _analyse(pattern, flags)
    return KNOWN[pattern, flags]


def _analyse(pattern: str, flags: int) -> Literals:
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        items = list(parsed)
        widest = parsed.getwidth()[1]
    except Exception:  # an unknown syntax or another Python: no prefilter, still correct
        return Literals(None, None)
    required = _sequence(items)
    prefixes = _prefixes(items)
    others = sorted(
        (frozenset(o) for o in _every_set(items) if o != required and _strength(o) >= (1, 3)),
        key=_strength,
        reverse=True,
    )
    return Literals(
        frozenset(required) if required else None,
        frozenset(prefixes) if prefixes else None,
        _needs_digit(items),
        widest if widest < _UNBOUNDED else None,
        tuple(dict.fromkeys(others))[:_MOST_SETS],
        _starts_word(pattern, items, prefixes),
    )


def _starts_word(pattern: str, items: list[tuple[Any, Any]], prefixes: set[str] | None) -> bool:
    """Whether the whole pattern begins with ``\\b`` or "not after a letter" (not
    only one of its alternatives) and each start literal with a letter."""
    from re import _constants as c  # type: ignore[attr-defined]

    return (
        bool(items and prefixes)
        and items[0][0] in (c.AT, c.ASSERT_NOT)
        and pattern.startswith(_WORD_START)
        and all(p[:1].isalpha() for p in prefixes or ())
    )


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best required-literal set of a sequence of regex items."""
    from re import _constants as c  # type: ignore[attr-defined]

    options: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            options.append({fold("".join(run))})
            run.clear()

    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is c.SUBPATTERN:
            inner = _sequence(list(arg[-1]))
            if inner:
                options.append(inner)
        elif op is c.BRANCH:
            branches = [_sequence(list(b)) for b in arg[1]]
            if all(branches):
                options.append(set().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            inner = _sequence(list(arg[2]))
            if inner:
                options.append(inner)
    close_run()
    if not options:
        return None
    return max(options, key=_strength)


def _every_set(items: list[tuple[Any, Any]]) -> list[set[str]]:
    """Every literal set of a sequence one member of which each match holds: its
    literal runs, and those of the groups and repeats it cannot do without."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: list[set[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append({fold("".join(run))})
            run.clear()
        if op is c.SUBPATTERN:
            found += _every_set(list(arg[-1]))
        elif op is c.BRANCH:
            branches = [_sequence(list(b)) for b in arg[1]]
            if all(branches):
                found.append(set().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            found += _every_set(list(arg[2]))
    return found


def _prefixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Literals one of which every match of the sequence starts with, or None.

    Zero-width items (``\\b``, look-arounds) before the first literal do not
    move the start; anything else that comes first (a class, an optional
    part) means a match may start with any character.
    """
    from re import _constants as c  # type: ignore[attr-defined]

    run: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.SUBPATTERN:
            return _prefixes(list(arg[-1]))
        if op is c.BRANCH:
            branches = [_prefixes(list(b)) for b in arg[1]]
            return set().union(*branches) if all(branches) else None  # type: ignore[arg-type]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            return _prefixes(list(arg[2]))
        return None
    if not run:
        return None
    literal = "".join(run)
    folded = fold(literal)
    return {folded} if len(folded) == len(literal) else None


def _needs_digit(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of the sequence holds a digit (as ``\\d`` means it)."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, arg in items:
        if op is c.LITERAL and chr(arg).isdecimal():
            return True
        if op is c.IN and arg and all(_digit_member(member) for member in arg):
            return True
        if op is c.SUBPATTERN and _needs_digit(list(arg[-1])):
            return True
        if op is c.BRANCH and all(_needs_digit(list(b)) for b in arg[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1 and _needs_digit(list(arg[2])):
            return True
    return False


def _digit_member(member: tuple[Any, Any]) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    op, arg = member
    if op is c.CATEGORY:
        return bool(arg is c.CATEGORY_DIGIT)
    if op is c.LITERAL:
        return chr(arg).isdecimal()
    if op is c.RANGE:
        return bool(ord("0") <= arg[0] <= arg[1] <= ord("9"))
    return False


def _strength(option: set[str]) -> tuple[int, int]:
    """Prefer literal sets whose weakest member is long and not a common word."""
    weakest = min(option, key=len)
    return (0 if weakest.strip() in _COMMON else 1, len(weakest))
