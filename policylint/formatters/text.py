"""Plain text: one line per finding, ``path:line:col: severity: CODE message [name]``.

One line per finding keeps the output greppable and parseable by editors'
problem matchers; the summary line comes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from policylint.findings import Finding, Severity
from policylint.formatters import Summary


def line(finding: Finding) -> str:
    """The one-line form of a finding."""
    return (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity}: "
        f"{finding.code} {finding.message} [{finding.rule}]"
    )


def summary_line(findings: Sequence[Finding], summary: Summary) -> str:
    """``Found 3 problems (2 errors, 1 warning) in 2 of 5 files.``"""
    files = "file" if summary.files == 1 else "files"
    if not findings:
        return f"No problems found in {summary.files} {files}."
    counts = Summary.counts(findings)
    parts = [
        f"{n} {severity}{'s' if n != 1 else ''}"
        for severity in sorted(Severity, reverse=True)
        if (n := counts[severity])
    ]
    with_findings = len({f.path for f in findings})
    problems = "problem" if len(findings) == 1 else "problems"
    return (
        f"Found {len(findings)} {problems} ({', '.join(parts)}) "
        f"in {with_findings} of {summary.files} {files}."
    )


def write(findings: Sequence[Finding], summary: Summary, out: TextIO) -> None:
    """Write every finding, then the summary line."""
    for finding in findings:
        out.write(line(finding) + "\n")
    out.write(summary_line(findings, summary) + "\n")
