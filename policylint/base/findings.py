"""Findings: what a rule reports, and the order they are shown in.

Rules yield ``Problem`` (a place and a message). The linter core stamps each
with the rule's code, name and configured severity to make a ``Finding``, so
rules never think about severity, suppression or output.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

from policylint.base.fixes import Fix
from policylint.base.messages import Message
from policylint.base.positions import Location


class Severity(IntEnum):
    """Finding severities, ordered so that ``>=`` means "at least as bad"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """``"error"`` -> Severity.ERROR; raises ValueError naming the choices."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r} (expected error, warning or info)"
            ) from None


class Problem(NamedTuple):
    """A rule's report before the core stamps it: where (0-based), and what is wrong.

    ``location`` follows ``policylint.base.positions``; rules make it with
    ``Prose.location`` or ``Source.location`` from character offsets.
    ``message`` is text as it is to be shown, or a ``Message`` the core
    renders in the reader's language (``base/messages``).
    """

    location: Location
    message: str | Message
    fix: Fix | None = None
    """How to repair it, when the rule knows (``base/fixes``)."""


@dataclass(frozen=True)
class Finding:
    """One reported problem in one file, positioned as users see it.

    Lines and columns are 1-based, the end column exclusive: the linter makes
    them once from the Problem's 0-based Location (``Location.one_based``).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    """The repair on offer: its message rendered, its edits 0-based (``base/fixes``)."""

    def sort_key(self) -> tuple[str, int, int, str]:
        """Findings are shown by path, line, column, then code."""
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form with the keys the JSON output promises."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "fix": None if self.fix is None else fix_dict(self.fix),
        }


def fix_dict(fix: Fix) -> dict[str, object]:
    """A fix as JSON: what it does, ``safe`` or ``unsafe``, its edits 1-based (end exclusive)."""
    edits = []
    for edit in fix.edits:
        line, column, end_line, end_column = edit.location.one_based()
        edits.append(
            {"line": line, "column": column, "end_line": end_line, "end_column": end_column,
             "text": edit.text}
        )  # fmt: skip
    return {"message": fix.message, "applicability": fix.applicability, "edits": edits}
