r"""Patterns written by users: compiled with RE2, so none can hang the linter.

Rule packs come from compliance teams and from the repository being linted;
a pattern like ``(a+)+$`` would take Python's backtracking ``re`` exponential
time on a long line, stalling every commit. RE2 (Google's linear-time
engine, through the google-re2 package) guarantees time linear in the input.
The price is RE2 syntax: no look-around and no backreferences. Patterns are
case-insensitive and match folded prose (whitespace runs are one space).

One dialect for every pack: the built-in packs' ``data:`` patterns are RE2
patterns too (``packs/shape.py`` compiles each with ``compile_user`` when a
pack changes), so any of them can be copied into a user pack. Allowed: the
usual classes (``\w \d \s \b``, ``[...]``, ``[^\W...]``), groups ``(?:...)``,
alternation, counted repeats ``{m,n}``, lazy ``*?`` and inline flags
``(?i:...)``/``(?-i:...)``. Not allowed: ``(?=...)``, ``(?!...)``,
``(?<=...)``, ``(?<!...)`` and ``\1``. The built-in data states a negative
context instead as ``{pattern, unless-after, unless-before}``
(``packs/compiling.py``); they are built-in only, compiled for Python's
``re``, which the built-in rules use (the patterns are ours, reviewed, and
need ``re``'s match positions); user packs have ``unless:`` per sentence.

One difference remains, in meaning, not syntax: RE2's ``\w``, ``\d`` and ``\b``
are ASCII-only, Python's are Unicode. On ASCII text the two agree; next to a
letter with an accent they do not: in a user pack ``\bänderung`` never matches
("ä" is no word character to RE2, so there is no boundary before it) and
``\w*gebühr`` matches from the "g". The built-in rules run the built-in data on
``re`` (Unicode), so there those patterns mean what they say. When copying such
a pattern into a pack, write the boundary out: ``(?:^|\P{L})änderung``,
``\p{L}*gebühr``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, Protocol


class Match(Protocol):
    """The part of a match object rules use."""

    def start(self) -> int: ...
    def end(self) -> int: ...
    def group(self, index: int = 0) -> str: ...


class Pattern(Protocol):
    """The part of a compiled pattern rules use (``re`` and ``re2`` both fit)."""

    def search(self, text: str, pos: int = ..., endpos: int = ...) -> Match | None: ...
    def finditer(self, text: str) -> Iterator[Match]: ...


class PatternError(ValueError):
    """A user pattern that RE2 cannot compile; the message says why."""


@cache
def _options() -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # errors are reported by us, once, with the file and line
    return options


def compile_user(pattern: str) -> Pattern:
    """Compile a user pattern with RE2 (case-insensitive), or raise PatternError."""
    import re2

    try:
        compiled: Pattern = re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"{reason} (RE2 syntax: no look-around, no backreferences)") from None
    return compiled
