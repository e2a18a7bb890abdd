"""What a regex's parse tree proves about its matches: the literals they hold.

``base/prefilter`` pairs each pattern with this analysis (the "required
literal" trick of grep tools) to skip text that cannot match and to try a
pattern only where a match may start. The analysis reads Python's own
parse of the pattern (``re._parser``); when it cannot, it proves nothing,
which is always correct.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

# Words too common to be worth filtering on when a rarer literal is required
# too: function words, and the words every privacy notice is full of.
_COMMON = frozenset(
    """a an and as at by de een en for het in of on or the to van voor
    data information notice our personal policy privacy statement we you your
    gegevens privacy privacyverklaring uw wij""".split()
)


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
_FOLDED: re.Pattern[str] | None = None  # any character ``_FOLD`` changes


def fold(text: str) -> str:
    """``text`` lowercased the way ``re.IGNORECASE`` compares characters."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if "\u0130" in text:  # "İ" lowercases to two characters; ``re`` equates it with "i"
        lowered = text.replace("\u0130", "i").lower()
    global _FOLD, _FOLDED
    if _FOLD is None:
        _FOLD = _fold_table()
        _FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]") if _FOLD else None
    # ``translate`` looks up every character; the table's 26 are rare: find one first.
    if _FOLDED is not None and _FOLDED.search(lowered):
        return lowered.translate(_FOLD)
    return lowered


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


# Analyses already worked out (from the start-up cache), by (pattern, flags).
KNOWN: dict[tuple[str, int], Literals] = {}
# ``getwidth`` gives about 2**32 for ``*`` and ``+``; no match of ours is this long.
_UNBOUNDED = 65_535
_MOST_SETS = 3  # literal sets kept besides ``required``: more would cost more than they save


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


def _strength(option: AbstractSet[str]) -> tuple[int, int]:
    """Prefer literal sets whose weakest member is long and not a common word."""
    # The weakest member by its own strength, not the first of a set's (hash) order.
    return min((0 if word.strip() in _COMMON else 1, len(word)) for word in option)
