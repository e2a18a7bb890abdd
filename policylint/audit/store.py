"""The audit's state: every record so far, in SQLite, so that a run killed at any point resumes.

``OUT/audit.sqlite`` holds three tables:

- ``results(key, body)``: what one content says (``records.result``), by
  its key: the SHA-256 of the bytes, plus the rule codes ``per-file-ignores``
  turns off for the path when there are any;
- ``notices(path, size, sha256, key, listed)``: each notice and the result
  it has; ``listed`` marks those the current run was asked for;
- ``meta``: the settings fingerprint (``Session.fingerprint``) the results
  were made with. Results made with other settings are never reused.

Each batch of results is one transaction (SQLite's write-ahead log, the
library's own crash safety): a kill loses at most the batches in flight,
never part of one, and nothing is recorded twice (paths and keys are
primary keys). A lock file keeps two audits from writing one folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

STATE = "audit.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results(key TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT, key TEXT NOT NULL,
    listed INTEGER NOT NULL DEFAULT 1);
"""


class AuditError(Exception):
    """An audit that cannot go on: the file or folder and what is wrong with it."""


class Store:
    """The records of one output folder; use as a context manager (it holds a lock)."""

    def __init__(self, out: Path, fingerprint: str, fresh: bool = False) -> None:
        """Open (or create) the state in ``out``.

        Raises AuditError when ``out`` cannot be written, another audit holds
        it, its state is not an audit's, or was made with other settings
        (``fresh`` discards it instead).
        """
        self.path = out / STATE
        try:
            out.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(out / "audit.lock")
        except OSError as exc:
            raise AuditError(f"{out}: cannot write here: {exc.strerror or exc}") from None
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.path}{suffix}")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            found = self.db.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
        except sqlite3.DatabaseError as exc:
            self._lock.close()
            raise AuditError(
                f"{self.path}: not an audit's state ({exc}): remove it, or add --fresh"
            ) from None
        if found is None:
            self.db.execute("INSERT INTO meta VALUES ('settings', ?)", (fingerprint,))
        elif found[0] != fingerprint:
            self.close()
            raise AuditError(
                f"{out}: its records were made with other settings (config, rules, --today, "
                "options or policylint's version): audit into another --out, or add --fresh "
                "to start again"
            )
        self.db.execute("UPDATE notices SET listed = 0")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database and release the lock."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self._lock.close()

    def counts(self) -> tuple[int, int]:
        """How many notices and distinct results are recorded."""
        notices = self.db.execute("SELECT count(*) FROM notices").fetchone()[0]
        results = self.db.execute("SELECT count(*) FROM results").fetchone()[0]
        return notices, results

    def recorded(self, path: str, size: int, sha256: str | None, key: str) -> bool:
        """Whether ``path`` is recorded with this content, or its result is known (then the
        notice is recorded now); marks it as asked for by this run either way."""
        if sha256 is None:
            return False  # unreadable: tried again
        db = self.db
        row = db.execute("SELECT key FROM notices WHERE path = ?", (path,)).fetchone()
        if row is not None and row[0] == key:
            db.execute("UPDATE notices SET listed = 1 WHERE path = ?", (path,))
            return True
        if db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is None:
            return False
        db.execute(
            "INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, 1)", (path, size, sha256, key)
        )
        return True

    def add(
        self,
        results: Sequence[tuple[str, str]],
        notices: Sequence[tuple[str, int, str | None, str]],
    ) -> None:
        """Record ``results`` (key, body) and ``notices`` (path, size, sha256, key) at once."""
        db = self.db
        db.execute("BEGIN")
        try:
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", results)
            db.executemany("INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, 1)", notices)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def listed(self) -> Iterator[tuple[str, int, str | None, str]]:
        """This run's notices in path order (code points): path, size, sha256, result body."""
        query = (
            "SELECT n.path, n.size, n.sha256, r.body FROM notices n "
            "JOIN results r ON r.key = n.key WHERE n.listed = 1 ORDER BY n.path"
        )
        yield from self.db.execute(query)


class _Lock:
    def __init__(self, handle: int) -> None:
        self.handle = handle

    def close(self) -> None:
        if self.handle >= 0:
            os.close(self.handle)
            self.handle = -1


def _lock(path: Path) -> _Lock:
    """Hold ``path`` locked (``flock``; where there is none, no lock) until closed."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        import fcntl
    except ImportError:  # Windows
        return _Lock(handle)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise AuditError(f"{path.parent}: another audit is writing to this folder") from None
    return _Lock(handle)
