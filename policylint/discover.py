"""Which files to lint: paths from the command line, expanded.

A directory contributes its ``*.md`` and ``*.markdown`` files, recursively,
without following symlinked directories into loops; a file named explicitly is
always linted, whatever its extension; no file is listed twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


@dataclass(frozen=True)
class Missing:
    """A path given on the command line that does not exist."""

    path: str


def discover(paths: Iterable[str]) -> Iterator[str | Missing]:
    """Files to lint, in a stable order, and the paths that do not exist."""
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            for found in _walk(path):
                key = os.path.realpath(found)
                if key not in seen:
                    seen.add(key)
                    yield found
        elif os.path.exists(path):
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield path
        else:
            yield Missing(path)


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
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield os.path.join(root, name)
