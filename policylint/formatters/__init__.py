"""Output formats. Each module renders sorted findings; none knows about rules.

A formatter is a module with ``write(findings, summary, out)``; ``get(name)``
imports only the one asked for, so SARIF or pygments cost nothing when unused.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TextIO

from policylint.findings import Finding, Severity

FORMATS = ("text", "json")


@dataclass(frozen=True)
class Summary:
    """What a run looked at, for the closing line and report headers."""

    files: int

    @staticmethod
    def counts(findings: Sequence[Finding]) -> dict[Severity, int]:
        """Number of findings at each severity."""
        counts = dict.fromkeys(Severity, 0)
        for finding in findings:
            counts[finding.severity] += 1
        return counts


class Formatter(Protocol):
    """The one function a formatter module provides."""

    def write(self, findings: Sequence[Finding], summary: Summary, out: TextIO) -> None: ...


def get(name: str) -> Formatter:
    """The formatter module for ``name`` (one of FORMATS)."""
    module: Formatter = importlib.import_module(f"policylint.formatters.{name}")
    return module
