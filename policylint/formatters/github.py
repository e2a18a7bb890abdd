"""GitHub Actions: workflow commands that become annotations on the pull request.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE name::message``
(``::warning`` and ``::notice`` for lower severities). GitHub shows at most
ten annotations of each kind per step, so ``step_summary`` also writes every
finding as a Markdown table to ``$GITHUB_STEP_SUMMARY`` when it is set.
"""

from __future__ import annotations

from typing import TextIO

from policylint.findings import Finding, Severity
from policylint.formatters import Report
from policylint.formatters.text import summary_line

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SUMMARY_ROWS = 1000  # the summary file is capped at 1 MiB by GitHub


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    """The workflow command for one finding."""
    props = ",".join(
        f"{key}={_property(str(value))}"
        for key, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.column),
            ("endLine", finding.end_line),
            ("endColumn", finding.end_column),
            ("title", f"{finding.code} {finding.rule}"),
        )
    )
    return f"::{_COMMAND[finding.severity]} {props}::{_data(finding.message)}"


def write(report: Report, out: TextIO) -> None:
    """Write one workflow command per finding and the summary line."""
    for finding in report.findings:
        out.write(command(finding) + "\n")
    out.write(summary_line(report) + "\n")


def step_summary(report: Report) -> str:
    """Every finding as a Markdown table, for ``$GITHUB_STEP_SUMMARY``."""
    lines = ["## policylint", "", summary_line(report), ""]
    if report.findings:
        lines += ["| file | line | severity | rule | message |", "| --- | --- | --- | --- | --- |"]
        for f in report.findings[:_SUMMARY_ROWS]:
            message = f.message.replace("|", "\\|")
            lines.append(
                f"| `{f.path}` | {f.line} | {f.severity} | {f.code} {f.rule} | {message} |"
            )
        if len(report.findings) > _SUMMARY_ROWS:
            lines.append(f"\n…and {len(report.findings) - _SUMMARY_ROWS} more.")
    return "\n".join(lines) + "\n"
