"""Which files to lint: paths from the command line, expanded.

A directory contributes the files matching ``include`` (default ``*.md`` and
``*.markdown``, extensions in any case), recursively, skipping what the
``.gitignore`` files say (read with pathspec, imported only when one exists);
the walk never leaves the directory through a symlink and never loops. A
file named explicitly is always linted, whatever its extension (pre-commit
names files one by one). An argument that does not exist but holds ``*``,
``?`` or ``[`` is a glob (``'docs/**/*.md'``) that we expand, for shells that
did not. ``exclude`` holds gitignore-style patterns relative to the config
file (``drafts`` is a folder or file of that name anywhere, as in ruff); it
always prunes the walk, and applies to files named explicitly only with
``force_exclude``. No file is listed twice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from policylint.base.prefilter import LazyPattern

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

DEFAULT_INCLUDE = ("*.md", "*.markdown")
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})
_GLOB = LazyPattern(r"[*?\[]")


class Missing(NamedTuple):
    """A path given on the command line that does not exist."""

    path: str


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """An include glob as a regex: ``**`` crosses folders, ``*`` and ``?`` do not.

    Case-insensitive, so ``*.md`` takes ``PRIVACY.MD`` too (Windows and
    macOS users name files either way).
    """
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
    return re.compile("".join(out) + r"\Z", re.IGNORECASE)


def relative(path: str, root: Path) -> str:
    """``path`` relative to ``root``, with ``/``; as given when it lies outside ``root``."""
    try:
        return Path(os.path.abspath(path)).relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def matches(path: str, patterns: Sequence[str], root: Path) -> bool:
    """Whether ``path`` (relative to ``root``) or its name matches an include glob."""
    rel = relative(path, root)
    name = rel.rsplit("/", 1)[-1]
    return any(_glob(p).match(rel) or ("/" not in p and _glob(p).match(name)) for p in patterns)


def gitignore_spec(lines: Sequence[str]) -> GitIgnoreSpec:
    """Gitignore-style patterns, compiled by pathspec (imported here, when needed)."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


class PathPatterns:
    """Gitignore-style patterns (``exclude``, ``per-file-ignores``) relative to ``root``."""

    def __init__(self, patterns: Sequence[str], root: Path):
        self.patterns, self.root = tuple(patterns), root

    @property
    def spec(self) -> GitIgnoreSpec:
        """The compiled patterns (compiled on first use)."""
        if not hasattr(self, "_spec"):
            self._spec = gitignore_spec(self.patterns)
        return self._spec

    def __call__(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``path``, or a folder it lies in, matches."""
        if not self.patterns:
            return False
        rel = relative(path, self.root).removeprefix("./")
        return bool(self.spec.match_file(rel + "/" if is_dir else rel))


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    root: Path | None = None,
    force_exclude: bool = False,
) -> Iterator[str | Missing]:
    """Files to lint, in a stable order, and the paths that do not exist."""
    base = root or Path.cwd()
    excluded = PathPatterns(exclude, base)
    seen: set[str] = set()
    for arg in paths:
        if os.path.exists(arg):
            named = [arg]
        elif _GLOB.search(arg):  # the shell did not expand it (quoted, or no globbing)
            named = _expand(arg)
        else:
            named = []
        if not named:
            yield Missing(arg)
            continue
        for path in named:
            if os.path.isdir(path):
                found: Iterator[str] = _walk(path, lambda f: matches(f, include, base), excluded)
            elif force_exclude and excluded(path):
                continue
            else:
                found = iter([path])
            for item in found:
                key = os.path.realpath(item)
                if key not in seen:
                    seen.add(key)
                    yield item


def _expand(pattern: str) -> list[str]:
    """The paths a glob matches, sorted, none reached through a symlink out of its folder.

    The folder is the part of the pattern before the first wildcard: ``**``
    follows symlinks, and ``docs/**/*.md`` must not lint what a link in
    ``docs`` points to elsewhere.
    """
    import glob  # only for arguments the shell left unexpanded

    fixed = pattern[: _GLOB.search(pattern).start()]  # type: ignore[union-attr]
    inside = os.path.realpath(os.path.dirname(fixed) or ".")
    found = glob.glob(pattern, recursive=True)
    return sorted(p for p in found if _within(os.path.realpath(p), inside))


def _walk(top: str, included: Callable[[str], bool], excluded: PathPatterns) -> Iterator[str]:
    """Included files under ``top``, sorted per folder; never outside ``top``, never twice."""
    inside = os.path.realpath(top)
    ignored = _GitIgnores(inside)
    visited: set[str] = set()
    for root, dirs, files in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in visited or not _within(real, inside):
            dirs[:] = []  # a loop, or a symlink out of the folder
            continue
        visited.add(real)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in _SKIP_DIRS
            and not excluded(os.path.join(root, d), is_dir=True)
            and not ignored(os.path.join(real, d), is_dir=True)
        )
        for name in sorted(files):
            path = os.path.join(root, name).removeprefix("./")  # "policylint check ." as ruff
            if (
                included(path)
                and _within(os.path.realpath(path), inside)
                and not excluded(path)
                and not ignored(os.path.join(real, name))
            ):
                yield path


def _lines(path: str) -> list[str]:
    """The lines of a gitignore-style file; none when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class _GitIgnores:
    """The ``.gitignore`` files that govern a walk: from the repository's top down.

    ``.git/info/exclude`` counts as the top folder's first patterns, so the
    top ``.gitignore`` overrides it, as in git (the global excludes file is
    not read).

    A deeper file's patterns override a shallower one's (git's order), so the
    decision for a path is that of the deepest file with a matching pattern.
    Above the walked folder, only folders up to the repository's top count.
    """

    def __init__(self, top: str):
        self.specs: dict[str, GitIgnoreSpec | None] = {}
        self.top = top
        folder = top
        while not os.path.exists(os.path.join(folder, ".git")):
            parent = os.path.dirname(folder)
            if parent == folder:  # not in a repository: only the walked folder's own files
                folder = top
                break
            folder = parent
        self.repo = folder

    def _spec(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self.specs:
            lines = _lines(os.path.join(folder, ".gitignore"))
            if folder == self.repo:  # the repository's own excludes rank below its .gitignore
                lines = _lines(os.path.join(folder, ".git", "info", "exclude")) + lines
            real = [line for line in lines if line.strip() and not line.startswith("#")]
            self.specs[folder] = gitignore_spec(lines) if real else None
        return self.specs[folder]

    def __call__(self, path: str, is_dir: bool = False) -> bool:
        """Whether git would ignore ``path`` (a real path inside the repository)."""
        decision = False
        folder = os.path.dirname(path)
        chain = []
        while _within(folder, self.repo):
            chain.append(folder)
            if folder == self.repo:
                break
            folder = os.path.dirname(folder)
        for base in reversed(chain):
            spec = self._spec(base)
            if spec is None:
                continue
            rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            result = spec.check_file(rel).include
            if result is not None:
                decision = result
        return decision
