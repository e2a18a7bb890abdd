"""The base versions of notices, read from git: what PL104 compares a notice with.

The base is a git revision: ``--diff-base REF``; else, inside a pre-commit
hook, the revision pre-commit compares against (``PRE_COMMIT_FROM_REF`` when
it runs over a range, else ``HEAD``: the hook sees the staged text, since
pre-commit stashes what is not staged); else config ``diff-base``. Without
any, nothing is compared.

git is run through its command line, as pre-commit itself does: no library
to install, and the user's own git (its config, worktrees, safe.directory
rules) decides what a repository is. One ``git rev-parse`` per folder finds
the repository, one ``git cat-file --batch`` per repository reads every base
version at once.

What cannot be compared is not an error in the notice, so it never becomes a
finding: a file outside any repository or new since the base has no base
version (``Bases.notes`` says so, one line each); a base revision that no
repository of the files has is a ``BaseError`` (one line naming the
revision, where it was set and the repository, with the fetch to add when
the clone is shallow), except ``HEAD`` in a repository with no commit yet,
where every file is new. A symlinked notice is compared as the file it
points to.
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


def chosen_ref(
    flag: str | None, configured: str | None, env: Mapping[str, str]
) -> tuple[str, str] | None:
    """The base revision and who chose it (for messages), or None.

    ``--diff-base`` wins; inside a pre-commit hook, pre-commit's base (what is
    staged is compared with ``HEAD``, whatever the config says: the config's
    ``origin/main`` is for CI); else the config's ``diff-base``.
    """
    if flag:
        return flag, "--diff-base"
    if env.get("PRE_COMMIT") == "1":
        return env.get("PRE_COMMIT_FROM_REF") or "HEAD", "pre-commit's base"
    if configured:
        return configured, "diff-base"
    return None


def read(ref: str, paths: Iterable[str], chosen_by: str = "--diff-base") -> Bases:
    """The base versions of ``paths`` at ``ref``.

    Raises BaseError when no repository holding one of the files knows
    ``ref`` (a repository that does not, such as a submodule, is a note);
    ``chosen_by`` names where the revision came from, for that message.
    """
    if ref.startswith("-"):
        raise BaseError(f"{chosen_by} {ref}: not a revision")
    texts: dict[str, bytes] = {}
    notes: list[str] = []
    by_top: dict[str, list[tuple[str, str]]] = {}
    tops: dict[str, str | None] = {}
    for path in paths:
        real = os.path.realpath(path)  # a symlinked notice: the file it points to
        folder = os.path.dirname(real)
        if folder not in tops:
            tops[folder] = _toplevel(folder)
        top = tops[folder]
        if top is None:
            notes.append(f"{path}: not in a git repository; PL104 not checked")
            continue
        relative = _relative(real, top)
        if relative is None or "\n" in relative:
            notes.append(f"{path}: outside its repository's work tree; PL104 not checked")
            continue
        by_top.setdefault(top, []).append((path, relative))
    unknown: list[str] = []
    for top, files in sorted(by_top.items()):
        commit = _commit(ref, top)
        if commit is None:
            notes.append(f"{top}: no commit yet; its files are new")
            continue
        if commit == "":
            unknown.append(top)
            continue
        blobs = _blobs(top, commit, [relative for _, relative in files])
        for (path, _), blob in zip(files, blobs, strict=True):
            if blob is None:
                notes.append(f"{path}: new since {ref}; PL104 not checked")
            else:
                texts[path] = blob
    if unknown and len(unknown) == len(by_top):
        raise BaseError(
            f"{chosen_by} {ref}: no such revision in {unknown[0]}{_hint(ref, unknown[0])}"
        )
    notes += [f"{top}: no revision {ref} here; PL104 not checked in it" for top in unknown]
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
    """The work tree holding ``folder``, or None outside any; raises BaseError when git
    refuses the repository (a CI container's user: "dubious ownership")."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        error = done.stderr.decode(errors="replace").strip().splitlines()
        if error and "not a git repository" not in error[0]:
            # "dubious ownership" (a CI container's user): git will not read it, say so
            raise BaseError(f"git refuses {folder}: {' '.join(error[:2])}")
        return None
    return os.fsdecode(done.stdout.strip()) or None


def _relative(real: str, top: str) -> str | None:
    """The real path ``real`` relative to the work tree ``top``, POSIX-style."""
    absolute, root = Path(real), Path(top).resolve()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else None


def _commit(ref: str, top: str) -> str | None:
    """The commit ``ref`` names in ``top``; None for ``HEAD`` before the first commit,
    "" when ``top`` has no such revision."""
    done = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode == 0:
        return done.stdout.decode("ascii", "replace").strip()
    if ref == "HEAD" and _git(top, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return None
    return ""


def _hint(ref: str, top: str) -> str:
    """How to get a missing base into a shallow clone."""
    shallow = _git(top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    if not shallow:
        return ""
    if ref.startswith("origin/"):
        branch = ref.removeprefix("origin/")
        fetch = f"git fetch --depth=1 origin {branch}:refs/remotes/origin/{branch}"
    else:
        fetch = "git fetch --unshallow"
    return (
        f"; this clone is shallow: fetch the base first, e.g. {fetch} "
        "(actions/checkout: fetch-depth: 0)"
    )


def _blobs(top: str, commit: str, relatives: list[str]) -> list[bytes | None]:
    """The content of each file at ``commit`` (None where it does not exist), one git call."""
    request = b"".join(os.fsencode(f"{commit}:{relative}") + b"\n" for relative in relatives)
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
