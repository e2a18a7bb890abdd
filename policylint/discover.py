"""Which files to lint: paths from the command line, expanded.

A directory contributes the files matching ``include`` (default ``*.md`` and
``*.markdown``), recursively, without following symlinked directories into
loops; a file named explicitly is always linted, whatever its extension
(pre-commit names files one by one). ``exclude`` applies to both, so a
config can keep drafts out of a hook. No file is listed twice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

DEFAULT_INCLUDE = ("*.md", "*.markdown")
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


class Missing(NamedTuple):
    """A path given on the command line that does not exist."""

    path: str


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as a regex: ``**`` crosses folders, ``*`` and ``?`` do not."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            char = pattern[i]
            out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(path: str, patterns: Sequence[str], root: Path) -> bool:
    """Whether ``path`` (relative to ``root``) or its name matches a glob."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    name = relative.rsplit("/", 1)[-1]
    return any(
        _glob(p).match(relative) or ("/" not in p and _glob(p).match(name)) for p in patterns
    )


def discover(
    paths: Iterable[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    root: Path | None = None,
) -> Iterator[str | Missing]:
    """Files to lint, in a stable order, and the paths that do not exist."""
    base = root or Path.cwd()
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            found: Iterable[str] = (f for f in _walk(path) if matches(f, include, base))
        elif os.path.exists(path):
            found = [path]
        else:
            yield Missing(path)
            continue
        for item in found:
            key = os.path.realpath(item)
            if key not in seen and not (exclude and matches(item, exclude, base)):
                seen.add(key)
                yield item


def _walk(top: str) -> Iterator[str]:
    visited: set[str] = set()
    for root, dirs, files in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            yield os.path.join(root, name)
