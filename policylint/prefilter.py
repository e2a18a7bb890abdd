"""Cheap necessary conditions for expensive patterns: literals every match contains.

Python's ``re`` scans case-insensitive patterns that start with a class or a
look-behind at every position, about 25 MB/s; ``str.__contains__`` runs
at gigabytes per second. So each pattern is paired with the set of
lowercase literals one of which must occur in any match (the "required
literal" trick of grep tools), taken from the pattern's own parse tree. A
block whose lowercased text contains none of them cannot match, and the
pattern is not run on it. When no such literal can be proven (``\\d+``), the
prefilter says "maybe" and the pattern always runs: the filter can only
skip work, never change a result.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

# Words too common to be worth filtering on when a rarer literal is required
# too: function words, and the words every privacy notice is full of.
_COMMON = frozenset(
    """a an and as at by de een en for het in of on or the to van voor
    data information notice our personal policy privacy statement we you your
    gegevens privacy privacyverklaring uw wij""".split()
)


class Filtered:
    """A pattern, the literals (lowercase) a match must contain, compiled on first use.

    Compiling is most of a short run's cost (Python compiles regexes in
    Python), and a pattern whose literals never occur never needs to be.
    """

    __slots__ = ("_regex", "flags", "literals", "pattern")

    def __init__(self, pattern: str, flags: int, literals: frozenset[str] | None):
        self.pattern = pattern
        self.flags = flags
        self.literals = literals  # None: no cheap test, always search
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
        """False only when ``lowered`` (lowercased text) cannot contain a match."""
        literals = self.literals
        if literals is None:
            return True
        for literal in literals:  # noqa: SIM110 - a loop, not a generator: the hottest call
            if literal in lowered:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """``re.Pattern.search``."""
        return self.regex.search(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``."""
        return self.regex.finditer(text, pos, endpos)


# Literals already worked out (from the start-up cache), by (pattern, flags).
KNOWN: dict[tuple[str, int], frozenset[str] | None] = {}


def compile_filtered(pattern: str, flags: int = re.IGNORECASE) -> Filtered:
    """``pattern`` with its prefilter; it is compiled when first searched with."""
    return Filtered(pattern, flags, required_literals(pattern, flags))


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lowercase literals one of which occurs in every match, or None if unknown."""
    if (pattern, flags) not in KNOWN:
        KNOWN[pattern, flags] = _required_literals(pattern, flags)
    return KNOWN[pattern, flags]


def _required_literals(pattern: str, flags: int) -> frozenset[str] | None:
    try:
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern, flags)
    except Exception:  # an unknown syntax or another Python: no prefilter, still correct
        return None
    found = _sequence(list(tree))
    return frozenset(found) if found else None


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best required-literal set of a sequence of regex items."""
    from re import _constants as c  # type: ignore[attr-defined]

    options: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            options.append({"".join(run).lower()})
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


def _strength(option: set[str]) -> tuple[int, int]:
    """Prefer literal sets whose weakest member is long and not a common word."""
    weakest = min(option, key=len)
    return (0 if weakest.strip() in _COMMON else 1, len(weakest))
