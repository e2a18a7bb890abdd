"""The audit's state: every record so far, in SQLite, so that a run killed at any point resumes.

``OUT/audit.sqlite`` holds three tables:

- ``results(key, body)``: what one content says (``records.result``), by
  its key: the SHA-256 of the bytes, plus the rule codes ``per-file-ignores``
  turns off for the path when there are any;
- ``notices(path, size, sha256, key, listed)``: each notice and the result
  it has (the path as the file system's bytes: a name that is not UTF-8 is
  kept as it is); ``listed`` marks those the current run was asked for;
- ``meta``: the settings fingerprint (``Session.fingerprint``) the results
  were made with, their reference date and whether the run finished
  (``recorded_today``: a run that did not finish, resumed the next day,
  keeps its date). Results made with other settings are never reused.

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
    path BLOB PRIMARY KEY, size INTEGER NOT NULL, sha256 TEXT, key TEXT NOT NULL,
    listed INTEGER NOT NULL DEFAULT 1);
"""


class AuditError(Exception):
    """An audit that cannot go on: the file or folder and what is wrong with it."""


class Store:
    """The records of one output folder; use as a context manager (it holds a lock)."""

    def __init__(self, out: Path, fingerprint: str, today: str, fresh: bool = False) -> None:
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
        try:
            self._open(fingerprint, today, fresh)
        except BaseException:
            self.close()
            raise

    def _open(self, fingerprint: str, today: str, fresh: bool) -> None:
        try:
            if fresh:
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{self.path}{suffix}")
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            found = self.db.execute("SELECT value FROM meta WHERE key='settings'").fetchone()
        except (OSError, sqlite3.OperationalError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise AuditError(f"{self.path}: cannot write: {reason}") from None
        except sqlite3.DatabaseError as exc:
            raise AuditError(
                f"{self.path}: not an audit's state ({exc}): remove it, or add --fresh"
            ) from None
        if found is not None and found[0] != fingerprint:
            raise AuditError(
                f"{self.path.parent}: its records were made with other settings (config, "
                "rules, --today, options or policylint's version): audit into another --out, "
                "or add --fresh to start again"
            )
        self._query("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", fingerprint)
        self._query("INSERT OR REPLACE INTO meta VALUES ('today', ?)", today)
        self._query("INSERT OR REPLACE INTO meta VALUES ('finished', '0')")
        self._query("UPDATE notices SET listed = 0")

    def finished(self) -> None:
        """Mark the run as finished: its outputs are written (a later run without
        ``--today`` then takes the day's date, not these records')."""
        self._query("INSERT OR REPLACE INTO meta VALUES ('finished', '1')")

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
        db = getattr(self, "db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        self._lock.close()

    def counts(self) -> tuple[int, int]:
        """How many notices and distinct results are recorded."""
        notices = self._query("SELECT count(*) FROM notices").fetchone()[0]
        results = self._query("SELECT count(*) FROM results").fetchone()[0]
        return notices, results

    def recorded(self, path: str, size: int, sha256: str, key: str) -> str | None:
        """``"path"`` when ``path`` is recorded with the result ``key``; ``"copy"`` when
        that result is known from another path (the notice is recorded now); else None.
        A notice found is marked as this run's."""
        name = os.fsencode(path)
        row = self._query("SELECT key FROM notices WHERE path = ?", name).fetchone()
        if row is not None and row[0] == key:
            self._query("UPDATE notices SET listed = 1 WHERE path = ?", name)
            return "path"
        if self._query("SELECT 1 FROM results WHERE key = ?", key).fetchone() is None:
            return None
        self._query("INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, 1)",
                    name, size, sha256, key)  # fmt: skip
        return "copy"

    def add(
        self,
        results: Sequence[tuple[str, str]],
        notices: Sequence[tuple[str, int, str | None, str]],
    ) -> None:
        """Record ``results`` (key, body) and ``notices`` (path, size, sha256, key) in one
        transaction."""
        db = self.db
        rows = [(os.fsencode(path), size, sha256, key) for path, size, sha256, key in notices]
        try:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", results)
            db.executemany("INSERT OR REPLACE INTO notices VALUES (?, ?, ?, ?, 1)", rows)
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(exc) from None
            raise

    def listed(self) -> Iterator[tuple[str, int, str | None, str]]:
        """This run's notices in path order (the paths' bytes: for UTF-8, code-point order):
        path, size, sha256, result body."""
        query = (
            "SELECT n.path, n.size, n.sha256, r.body FROM notices n "
            "JOIN results r ON r.key = n.key WHERE n.listed = 1 ORDER BY n.path"
        )
        try:
            for name, size, sha256, body in self.db.execute(query):
                yield os.fsdecode(name), size, sha256, body
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _query(self, sql: str, *values: object) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, values)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> AuditError:
        return AuditError(f"{self.path}: {exc} (the notices recorded before it are kept)")


def recorded_today(out: Path) -> str | None:
    """The reference date (``YYYY-MM-DD``) of the records of a run in ``out`` that did not
    finish, or None (none, a run that finished, or a state that cannot be read: opening
    it properly says why)."""
    path = out / STATE
    if not path.is_file():
        return None
    try:
        with contextlib.closing(
            sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        ) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    return None if meta.get("finished", "1") == "1" else meta.get("today")


class _Lock:
    def __init__(self, handle: int) -> None:
        self.handle = handle

    def close(self) -> None:
        if self.handle >= 0:
            os.close(self.handle)
            self.handle = -1


def _lock(path: Path) -> _Lock:
    """Hold ``path`` locked until closed (a POSIX record lock, ``lockf``: it belongs to
    this process, so forked workers cannot keep it after a ``kill -9``; where there is
    none, no lock)."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        import fcntl
    except ImportError:  # Windows
        return _Lock(handle)
    try:
        fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise AuditError(f"{path.parent}: another audit is writing to this folder") from None
    return _Lock(handle)
