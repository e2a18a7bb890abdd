"""The base versions of notices, read from git: what PL104 compares a notice with.

The base is a git revision: ``--diff-base REF`` (or config ``diff-base``),
else, inside a pre-commit hook, the revision pre-commit compares against
(``PRE_COMMIT_FROM_REF`` when it runs over a range, else ``HEAD``: the hook
sees the staged text, since pre-commit stashes what is not staged). Without
either, nothing is compared.

git is run through its command line, as pre-commit itself does: no library
to install, and the user's own git (its config, worktrees, safe.directory
rules) decides what a repository is. One ``git rev-parse`` per folder finds
the repository, one ``git cat-file --batch`` per repository reads every base
version at once.

What cannot be compared is not an error in the notice, so it never becomes a
finding: a file outside any repository or new since the base has no base
version (``Bases.notes`` says so for ``-v``); a base revision that does not
exist is a ``BaseError`` (one line naming the revision and the repository,
with the fix when the clone is shallow), except ``HEAD`` in a repository
with no commit yet, where every file is new.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from subprocess import CompletedProcess

_TIMEOUT = 60  # seconds for one git command


class BaseError(Exception):
    """The base revision cannot be read; the message is one line for the user."""


class Bases(NamedTuple):
    """The base version of each file that has one, and what was not compared.

    ``texts`` maps a path, spelled as the run was given it, to the bytes of
    that file at ``ref``; a path missing from it has no base version.
    ``notes`` are one-line reasons, for ``--verbose``.
    """

    ref: str
    texts: Mapping[str, bytes]
    notes: tuple[str, ...] = ()


def chosen_ref(given: str | None, env: Mapping[str, str]) -> str | None:
    """The base revision: ``given`` (flag or config), else pre-commit's, else None."""
    if given:
        return given
    if env.get("PRE_COMMIT") == "1":
        return env.get("PRE_COMMIT_FROM_REF") or "HEAD"
    return None


def read(ref: str, paths: Iterable[str]) -> Bases:
    """The base versions of ``paths`` at ``ref``; raises BaseError when ``ref`` is unknown."""
    texts: dict[str, bytes] = {}
    notes: list[str] = []
    by_top: dict[str, list[tuple[str, str]]] = {}
    tops: dict[str, str | None] = {}
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in tops:
            tops[folder] = _toplevel(folder)
        top = tops[folder]
        if top is None:
            notes.append(f"{path}: not in a git repository; PL104 not checked")
            continue
        relative = _relative(path, top)
        if relative is None or "\n" in relative:
            notes.append(f"{path}: outside its repository's work tree; PL104 not checked")
            continue
        by_top.setdefault(top, []).append((path, relative))
    for top, files in sorted(by_top.items()):
        commit = _commit(ref, top)
        if commit is None:
            notes.append(f"{top}: no commit yet; every file is new")
            continue
        blobs = _blobs(top, commit, [relative for _, relative in files])
        for (path, relative), blob in zip(files, blobs, strict=True):
            if blob is None:
                notes.append(f"{path}: new since {ref} ({relative} is not there)")
            else:
                texts[path] = blob
    return Bases(ref, texts, tuple(notes))


def _git(folder: str, *args: str, data: bytes | None = None) -> CompletedProcess[bytes]:
    import subprocess

    try:
        return subprocess.run(
            ["git", "-C", folder, *args],
            input=data, capture_output=True, timeout=_TIMEOUT, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise BaseError("git is not installed (PL104 reads the base version with git)") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise BaseError(f"git failed in {folder}: {exc}") from None


def _toplevel(folder: str) -> str | None:
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return None
    return os.fsdecode(done.stdout.strip()) or None


def _relative(path: str, top: str) -> str | None:
    """``path`` relative to the work tree ``top``, POSIX-style (folders' symlinks resolved)."""
    absolute = Path(os.path.abspath(path))
    root = Path(top).resolve()
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        if candidate.is_relative_to(root):
            return candidate.relative_to(root).as_posix()
    return None


def _commit(ref: str, top: str) -> str | None:
    """The commit ``ref`` names in ``top``; None for ``HEAD`` before the first commit."""
    done = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode == 0:
        return done.stdout.decode("ascii", "replace").strip()
    if ref == "HEAD" and _git(top, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return None
    shallow = _git(top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    hint = (
        f"; this clone is shallow: fetch the base first, e.g. git fetch --depth=1 origin "
        f"{ref.removeprefix('origin/')} (actions/checkout: fetch-depth: 0)"
        if shallow
        else ""
    )
    raise BaseError(f"--diff-base {ref}: no such revision in {top}{hint}")


def _blobs(top: str, commit: str, relatives: list[str]) -> list[bytes | None]:
    """The content of each file at ``commit`` (None where it does not exist), one git call."""
    request = "".join(f"{commit}:{relative}\n" for relative in relatives).encode()
    done = _git(top, "cat-file", "--batch", data=request)
    if done.returncode != 0:
        raise BaseError(f"git cat-file failed in {top}: {done.stderr.decode(errors='replace')}")
    out, at = done.stdout, 0
    blobs: list[bytes | None] = []
    for _ in relatives:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        at = header_end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[at : at + size])
            at += size + 1  # the content, then a newline
        else:
            blobs.append(None)  # "<name> missing", or a folder/submodule by that name
    return blobs
