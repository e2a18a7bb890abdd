"""The linter core: read, parse, run each rule, stamp and sort findings.

Rules only yield Problems; this module turns them into Findings with the
rule's code, name and severity, isolates a crashing rule so the others still
run, and keeps output deterministic (sorted by path, line, column, code).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from policylint import document, registry
from policylint.context import RuleContext, Settings
from policylint.findings import Finding, Problem
from policylint.registry import Rule
from policylint.source import Location, Source, UnreadableFile, decode

_FILE_START = Location(1, 1, 1, 2)


def lint_file(path: str, rules: Sequence[Rule], settings: Settings) -> list[Finding]:
    """Findings for one file; an unreadable file is one PL901 finding."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        source = decode(path, data)
    except UnreadableFile as exc:
        return [_stamp(registry.FILE_UNREADABLE, path, Problem(_FILE_START, str(exc)))]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return [
            _stamp(
                registry.FILE_UNREADABLE, path, Problem(_FILE_START, f"cannot read file: {reason}")
            )
        ]
    return lint_source(source, rules, settings)


def lint_source(source: Source, rules: Sequence[Rule], settings: Settings) -> list[Finding]:
    """Findings for already-decoded text."""
    doc = document.parse(source)
    findings: list[Finding] = []
    matter = doc.front_matter
    if matter is not None and matter.error:
        loc = Location(matter.error_line, 1, matter.error_line, 2)
        findings.append(
            _stamp(registry.FRONT_MATTER_INVALID, source.path, Problem(loc, matter.error))
        )
    for rule in rules:
        if rule.check is None:
            continue
        options = {**rule.options, **settings.options.get(rule.name, {})}
        ctx = RuleContext(options, settings)
        try:
            findings.extend(_stamp(rule, source.path, p) for p in rule.check(doc, ctx))
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            message = (
                f"rule {rule.code} {rule.name} failed on this file: {type(exc).__name__}: {exc} "
                "(this is a bug in policylint; please report it)"
            )
            findings.append(
                _stamp(registry.RULE_CRASHED, source.path, Problem(_FILE_START, message))
            )
    findings.sort(key=Finding.sort_key)
    return findings


def _stamp(rule: Rule, path: str, problem: Problem) -> Finding:
    loc = problem.location
    return Finding(
        path,
        loc.line,
        loc.column,
        loc.end_line,
        loc.end_column,
        rule.code,
        rule.name,
        rule.severity,
        problem.message,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """All findings of a run in output order."""
    return sorted(findings, key=Finding.sort_key)
