"""Compiled regular expressions kept between runs, so a run does not compile them again.

Python's ``re`` compiles a pattern in Python: 0.2-1 ms for each of the built-in
packs' patterns, about 80 ms of a one-file run and 0.7 s if every language's
topics are compiled. What compiling produces is a list of integers (the
program ``_sre`` runs), which depends only on the pattern, its flags and the
Python that compiled it. ``compile`` keeps those programs in the start-up
cache (``base/cache``: one entry, for the Python build that wrote it, in ``marshal``)
and rebuilds a pattern from its program with ``_sre.compile``, the call
``re.compile`` ends with (about 5 us instead of a millisecond).

This reads CPython's internals (``re._parser``, ``re._compiler._code``,
``_sre.compile``, all present in CPython 3.11-3.13). ``_sre.compile`` checks
every program it is given, so a damaged entry raises rather than misbehaves;
on any such error, or on a Python without these internals, ``compile`` falls
back to ``re.compile`` for the rest of the process. A pattern built either way
is the same object to its users (``tests/test_regexes.py`` compares them).

Only policylint's own patterns come here (the built-in packs and modules);
users' patterns run on RE2 (``packs/patterns``).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # CPython's regex engine; ``re`` imports it too
import re
import sys
from typing import Any

# (pattern, flags) -> (flags, program, groups, group index, index group): _sre.compile's arguments.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_NAME = "regexes"
_MOST = 20_000  # a bound on the entry, should patterns ever be generated per input

_known: dict[tuple[str, int], Program] | None = None  # loaded on first use
_added: dict[tuple[str, int], Program] = {}
_usable = True  # False after the internals failed once: plain re.compile from then on


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept program when there is one.

    Raises ``re.error`` for an invalid pattern, as ``re.compile`` does.
    """
    global _usable
    if not _usable:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    try:
        program = _programs().get(key) or _added.get(key)
        if program is None:
            program = _program(pattern, int(flags))
            if len(_added) < _MOST:
                _added[key] = program
        return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
    except re.error:
        raise
    except Exception:
        _usable = False
        return re.compile(pattern, flags)


def save() -> None:
    """Keep the programs compiled in this run (with those kept before) for later runs.

    Writes only when there is something new; failures are ignored (``base/cache``).
    """
    if not _added or not _usable:
        return
    from policylint.base import cache

    kept = dict(cache.load_marshal(_NAME, _key()) or {})  # another process may have added
    kept.update(_added)
    if len(kept) <= _MOST:
        cache.store_marshal(_NAME, _key(), kept)
    _programs().update(_added)
    _added.clear()


def _programs() -> dict[tuple[str, int], Program]:
    global _known
    if _known is None:
        from policylint.base import cache

        loaded = cache.load_marshal(_NAME, _key())
        _known = loaded if isinstance(loaded, dict) else {}
    return _known


def _key() -> str:
    """Programs depend on the Python that made them only: its build and ``_sre``'s version."""
    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


def _program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
