"""Output formats. Each module renders a finished Report; none knows about rule logic.

A formatter is a module with ``write(report, out)``. ``get(name)`` imports
only the one asked for, so SARIF, JUnit or pygments cost nothing when unused.
Rule metadata (for SARIF's rule table) arrives as plain data in the Report.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from typing import NamedTuple, Protocol, TextIO

from policylint.base.findings import Finding, Severity

FORMATS = ("text", "json", "github", "sarif", "junit")


class RuleInfo(NamedTuple):
    """What a report may say about a rule."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    url: str | None = None


class Report(NamedTuple):
    """A finished run: sorted findings and what they are about.

    ``files`` counts the files checked; ``paths`` names them (in the order
    checked) and ``missing`` the arguments that did not exist, for formats
    that report per file (JUnit). ``fail_on`` is the severity that fails
    the run. ``encoding`` is the fallback encoding files were read with
    (``--encoding``), for formats that show or hash the source again.
    ``baselined`` counts the findings a baseline hid (not in ``findings``).
    """

    findings: Sequence[Finding]
    files: int
    rules: Sequence[RuleInfo] = ()
    show_source: bool = False
    color: bool = False
    paths: Sequence[str] = ()
    missing: Sequence[str] = ()
    fail_on: Severity = Severity.ERROR
    encoding: str | None = None
    unsafe_fixes: bool = False
    """Whether ``--unsafe-fixes`` was given: unsafe fixes count as on offer too."""
    baselined: int = 0
    """How many findings a baseline hid (the text summary says so)."""

    def fixable(self) -> tuple[int, int]:
        """Findings with a fix ``--fix`` would apply, and those with an unsafe fix held back."""
        on, held = 0, 0
        for finding in self.findings:
            if finding.fix is not None:
                if finding.fix.safe or self.unsafe_fixes:
                    on += 1
                else:
                    held += 1
        return on, held

    def counts(self) -> dict[Severity, int]:
        """Number of findings at each severity."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


class Formatter(Protocol):
    """The one function a formatter module provides."""

    def write(self, report: Report, out: TextIO) -> None: ...


def get(name: str) -> Formatter:
    """The formatter module for ``name`` (one of FORMATS)."""
    module: Formatter = importlib.import_module(f"policylint.report.{name}")
    return module


def write_file(name: str, report: Report, path: str | os.PathLike[str]) -> None:
    """Write the ``name`` report to ``path``, creating its folder when it does not exist yet."""
    folder = os.path.dirname(os.fspath(path))
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        get(name).write(report, out)


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) folded to one space.

    Messages from rule packs may span lines; one finding must stay one line
    of output for grep and problem matchers.
    """
    return " ".join(text.split())


def choose(name: str, env: Mapping[str, str]) -> str:
    """``auto`` means GitHub workflow commands inside GitHub Actions, text elsewhere."""
    if name != "auto":
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
