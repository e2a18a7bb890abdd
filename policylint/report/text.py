"""Plain text: one line per finding, ``path:line:col: severity: CODE message [name]``.

One line per finding keeps the output greppable and parseable by editors'
problem matchers (see ``.github/policylint-matcher.json``). With
``--show-source`` each finding is followed by its source lines with the span
underlined; colour (and pygments highlighting of the excerpt) only when the
output is a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

from typing import TextIO

from policylint.base.findings import Finding, Severity
from policylint.report import Report, one_line
from policylint.report.excerpts import Excerpts

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def line(finding: Finding, color: bool = False, unsafe_fixes: bool = False) -> str:
    """The one-line form of a finding (a multi-line message is folded onto the line).

    ``[*]`` after the code marks a finding ``--fix`` repairs (as ruff does);
    unsafe fixes count only with ``unsafe_fixes``.
    """
    severity = str(finding.severity)
    where = f"{finding.path}:{finding.line}:{finding.column}:"
    if color:
        severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        where = f"{_BOLD}{where}{_RESET}"
    fix = finding.fix
    mark = " [*]" if fix is not None and (fix.safe or unsafe_fixes) else ""
    return f"{where} {severity}: {finding.code}{mark} {one_line(finding.message)} [{finding.rule}]"


def fixes_line(report: Report) -> str | None:
    """``[*] 2 fixable with --fix (1 more with --unsafe-fixes).``, or None when none is."""
    on, held = report.fixable()
    if not on and not held:
        return None
    if not on:
        return f"{held} fixable with --fix --unsafe-fixes."
    more = f" ({held} more with --fix --unsafe-fixes)" if held else ""
    return f"[*] {on} fixable with --fix{more}."


def summary_line(report: Report) -> str:
    """``5 files checked, 4 problems: 3 errors, 1 warning, 0 info.``, and when a baseline
    hid findings ``...; 3 findings hidden by the baseline.``; when paths given did not
    exist ``...; 1 path not found.``"""
    files = f"{report.files} file{'s' if report.files != 1 else ''} checked"
    hidden = report.baselined
    end = f"; {hidden} finding{'s' * (hidden != 1)} hidden by the baseline." if hidden else "."
    if report.missing:  # the error itself is on standard error; the summary must not look clean
        gone = len(report.missing)
        end = f"{end[:-1]}; {gone} path{'s' * (gone != 1)} not found."
    if not report.findings:
        return f"{files}, no problems{end}"
    counts = report.counts()
    total = len(report.findings)
    parts = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in sorted(Severity, reverse=True)
    )
    return f"{files}, {total} problem{'s' if total != 1 else ''}: {parts}{end}"


def write(report: Report, out: TextIO) -> None:
    """Write every finding (with its source when asked), then the summary lines."""
    write_findings(report, out)
    out.write(summary_line(report) + "\n")
    fixes = fixes_line(report)  # the last summary line
    if fixes is not None:
        out.write(fixes + "\n")


def write_findings(report: Report, out: TextIO) -> None:
    """Write every finding (with its source when asked), without the summary (``-q``)."""
    excerpts = (
        Excerpts(color=report.color, encoding=report.encoding) if report.show_source else None
    )
    for finding in report.findings:
        out.write(line(finding, report.color, report.unsafe_fixes) + "\n")
        if excerpts is not None:
            out.write(excerpts.render(finding))
