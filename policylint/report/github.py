"""GitHub Actions: workflow commands that become annotations on the pull request.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE name::message``
(``::warning`` and ``::notice`` for lower severities). GitHub shows at most
ten annotations of each kind per step, so ``step_summary`` also writes every
finding as a Markdown table to ``$GITHUB_STEP_SUMMARY`` when it is set.
"""

from __future__ import annotations

import html
from typing import TextIO

from policylint.base.findings import Finding, Severity
from policylint.report import Report, one_line
from policylint.report.text import summary_line

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


# Characters that would make markup in a table cell (GFM); a backslash makes them literal.
_MARKDOWN = frozenset("\\`*_[]|~")


def _cell(text: str) -> str:
    """Text as one Markdown table cell: one line, no markup, no raw HTML.

    Paths and pack messages are not ours: a ``<script>``, a ``|`` or a
    newline must neither become markup nor break the table.
    """
    escaped = "".join("\\" + c if c in _MARKDOWN else c for c in one_line(text))
    return html.escape(escaped, quote=False)


def step_summary(report: Report) -> str:
    """Every finding as a Markdown table, for ``$GITHUB_STEP_SUMMARY``."""
    lines = ["## policylint", "", summary_line(report), ""]
    if report.findings:
        lines += ["| file | line | severity | rule | message |", "| --- | --- | --- | --- | --- |"]
        for f in report.findings[:_SUMMARY_ROWS]:
            cells = (_cell(f.path), str(f.line), str(f.severity), f"{f.code} {_cell(f.rule)}")
            lines.append(f"| {' | '.join(cells)} | {_cell(f.message)} |")
        if len(report.findings) > _SUMMARY_ROWS:
            lines.append(f"\n…and {len(report.findings) - _SUMMARY_ROWS} more.")
    return "\n".join(lines) + "\n"
