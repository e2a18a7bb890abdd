"""Results of unchanged files, reused: a repeat run costs little more than reading them.

Findings depend on a file's bytes and on everything that decides what the
rules say: policylint's own code, the rule packs, the configuration and
command-line options, installed plugins, and the reference date. The last
group is one *fingerprint* per run; under it, each file's findings are kept
by the SHA-256 of its bytes. A run whose files all hit the cache imports
neither markdown-it nor a single rule. The cache is one JSON entry per
fingerprint (the newest few are kept); ``--no-cache`` turns it off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from policylint.base import cache
from policylint.base.findings import Finding, Severity
from policylint.base.fixes import Edit, Fix
from policylint.base.positions import Location

_KEEP = 8  # fingerprints kept (one per configuration and day, typically)


class ResultCache:
    """Findings by file content, under one run's fingerprint."""

    def __init__(self, fingerprint: str):
        self.name = f"results-{fingerprint[:24]}"
        self.key = fingerprint
        stored = cache.load(self.name, fingerprint)
        self.entries: dict[str, list[list[Any]]] = stored if isinstance(stored, dict) else {}
        self.changed = False

    @staticmethod
    def digest(data: bytes) -> str:
        """The key of a file's content."""
        return hashlib.sha256(data).hexdigest()

    def get(self, digest: str, path: str) -> list[Finding] | None:
        """The findings stored for this content, given the path they are for."""
        rows = self.entries.get(digest)
        if rows is None:
            return None
        try:
            return [
                Finding(
                    path,
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    Severity(row[6]),
                    row[7],
                    _fix(row[8]),
                )
                for row in rows
            ]
        except (TypeError, ValueError, IndexError):
            return None  # a foreign or damaged entry: lint again

    def put(self, digest: str, findings: Sequence[Finding]) -> None:
        """Keep the findings of this content."""
        self.entries[digest] = [
            [
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                f.code,
                f.rule,
                int(f.severity),
                f.message,
                _fix_row(f.fix),
            ]
            for f in findings
        ]
        self.changed = True

    def save(self) -> None:
        """Write the entry back if anything was added, and drop old fingerprints."""
        if self.changed:
            cache.store(self.name, self.key, self.entries)
            cache.prune("results-", _KEEP)


def _fix_row(fix: Fix | None) -> list[Any] | None:
    if fix is None:
        return None
    return [fix.message, fix.safe, [[*e.location, e.text] for e in fix.edits]]


def _fix(row: list[Any] | None) -> Fix | None:
    if row is None:
        return None
    message, safe, edits = row
    return Fix(tuple(Edit(Location(*e[:4]), e[4]) for e in edits), str(message), bool(safe))


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """The run's fingerprint from its inputs (see the module docstring)."""
    return cache.fingerprint(["results", *parts])  # the key includes the code (code_stamp)
