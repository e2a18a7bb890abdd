"""A small on-disk cache, so start-up does not redo work whose inputs did not change.

Entries are JSON files (``marshal`` for large plain data) in the user's cache
directory (``$POLICYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/policylint``, else
``~/.cache/policylint``), each stored with the key it was computed from. A
missing, corrupt, foreign or stale entry is simply recomputed; a cache that
cannot be written is not used. This is the only place policylint writes to disk on its own.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policylint import __version__

DISABLED_ENV = "POLICYLINT_NO_CACHE"


def directory() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get(DISABLED_ENV):
        return None
    explicit = os.environ.get("POLICYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policylint"


@functools.cache
def code_stamp() -> str:
    """The package's own code as a key part: each module's (and compiled message
    catalogue's) path, size and mtime.

    Every key includes it, so editing any module of policylint (or installing
    another build of the same version) makes every cached entry stale. Stat
    calls only (~60 files, well under a millisecond); once per process.
    """
    package = Path(__file__).resolve().parents[1]
    parts = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".mo")):  # the code and its message catalogues
                info = os.stat(os.path.join(folder, name))
                shown = os.path.relpath(os.path.join(folder, name), package)
                parts.append(f"{shown}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(parts)


@functools.cache
def code_digest() -> str:
    """The package's own code as a key part that is the same on every machine: a SHA-256
    of each module's (and message catalogue's) relative path and bytes. Reads ~1 MB;
    once per process. (``code_stamp`` is cheaper, but holds times: one machine only.)"""
    import hashlib

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(package)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".mo")):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, package).encode())
                with open(path, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def stamp(parts: Iterable[str]) -> str:
    """A key made of short parts (names, sizes, times), kept as they are.

    For start-up entries: no hashing, so a run need not import ``hashlib``
    (its OpenSSL backend costs ~3 ms). The version, Python's and the code's
    stamp (``code_stamp``) are always part of it.
    """
    return "|".join([__version__, str(sys.version_info[:2]), code_stamp(), *parts])


def file_stamp(path: Path, shown: str | None = None) -> str:
    """``name:size:mtime`` of a file: a key part that changes when the file is edited."""
    info = path.stat()
    return f"{shown or path}:{info.st_size}:{info.st_mtime_ns}"


def short_name(text: str) -> str:
    """A short, stable file-name part for ``text`` (64-bit FNV-1a; ``hash()`` varies per run)."""
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A key for inputs: their bytes, policylint's version, Python's and the code's."""
    import hashlib

    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:2]}|{code_stamp()}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def prune(prefix: str, keep: int) -> None:
    """Remove all but the ``keep`` newest entries whose names start with ``prefix``."""
    folder = directory()
    if folder is None:
        return
    try:
        entries = sorted(folder.glob(f"{prefix}*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-keep]:
            old.unlink()
    except OSError:
        return


def load(name: str, key: str) -> Any | None:
    """The value stored under ``name`` if it was computed from ``key``."""
    data = _read(f"{name}.json")
    if data is None:
        return None
    try:
        entry = json.loads(data)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    return entry.get("value")


def store(name: str, key: str, value: Any) -> None:
    """Store ``value`` under ``name``; failures (read-only home, full disk) are ignored."""
    _write(f"{name}.json", json.dumps({"key": key, "value": value}).encode())


def load_marshal(name: str, key: str) -> Any | None:
    """As ``load``, for an entry written by ``store_marshal``."""
    data = _read(f"{name}.marshal")
    if data is None:
        return None
    import marshal

    try:
        entry = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != key:
        return None
    return entry[1]


def store_marshal(name: str, key: str, value: Any) -> None:
    """As ``store``, with ``marshal``: for large entries of plain data (they load ~5x
    faster than from JSON). Subclasses of dict and list are kept as dicts and lists,
    as JSON would keep them; other types marshal cannot write are not kept."""
    import marshal

    try:
        data = marshal.dumps((key, _plain(value)))
    except ValueError:  # a type marshal cannot write: not kept (a bug to fix, not to stop on)
        return
    _write(f"{name}.marshal", data)


def _plain(value: Any) -> Any:
    """``value`` with every dict and list subclass (YAML's line-keeping maps) made plain."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _read(file: str) -> bytes | None:
    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / file, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _write(file: str, data: bytes) -> None:
    """Write an entry atomically (a temporary file, then renamed over the old one)."""
    folder = directory()
    if folder is None:
        return
    import tempfile  # only when writing: it costs ~8 ms to import

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{file}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / file)
    except OSError:
        return
