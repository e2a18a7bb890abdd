"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; the tool's rule table lists every rule that ran (id, name, short and
full description, help URI, default level); every result has a region.
Columns are Unicode code points, as in all policylint output, and say so
(``columnKind``).

Code scanning matches results to the repository's files, so every
``artifactLocation.uri`` is a percent-encoded (RFC 3986, upper-case hex)
reference relative to the repository root, the git top level or else the
working directory, named ``%SRCROOT%`` in ``originalUriBaseIds``; a file
outside it gets an absolute ``file:`` URI. ``partialFingerprints`` lets code
scanning follow a result when lines move: a hash of the file, the rule and
the text the finding covers (whitespace folded), not of its line number.
A finding with a fix on offer carries it in ``fixes`` (SARIF 2.1.0 ``fix`` objects): the
regions to replace and the text to put there, with ``properties.applicability``
``safe`` or ``unsafe`` (``policylint check --fix`` applies only safe ones).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from policylint import __version__
from policylint.base.findings import Finding, Severity
from policylint.base.fixes import Fix
from policylint.parse.source import Source
from policylint.report import Report, one_line
from policylint.report.excerpts import read_source

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/policylint/policylint"
FINGERPRINT = "policylint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def source_root() -> Path:
    """The repository root: ``git rev-parse --show-toplevel``, else the working directory."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        top = ""
    return Path(top or os.getcwd()).resolve()


def relative_to_root(path: str, root: Path) -> str | None:
    """``path`` as a POSIX path relative to ``root``, or None when it lies outside.

    Symlinked folders (a checkout under /tmp on macOS, say) are resolved;
    the file itself is not, so a symlinked notice keeps its own name.
    """
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        if candidate.is_relative_to(root):
            return candidate.relative_to(root).as_posix()
    return None


def _location(path: str, root: Path) -> dict[str, str]:
    relative = relative_to_root(path, root)
    if relative is None:
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}


def _covered_text(finding: Finding, source: Source | None) -> str:
    """The text the finding covers, whitespace folded; its message when there is none."""
    if source is None or finding.end_line > source.line_count:
        return one_line(finding.message)
    lines = [source.line_text(n - 1) for n in range(finding.line, finding.end_line + 1)]
    lines[-1] = lines[-1][: finding.end_column - 1]
    lines[0] = lines[0][finding.column - 1 :]
    return one_line("\n".join(lines)) or one_line(finding.message)


def fingerprints(
    findings: Sequence[Finding], uris: Sequence[str], encoding: str | None = None
) -> list[str]:
    """``hash:occurrence`` per finding: the same file, rule and text, counted in order.

    Files are decoded as the run read them (``encoding`` is its fallback).
    """
    sources: dict[str, Source | None] = {}
    seen: Counter[str] = Counter()
    out = []
    for finding, uri in zip(findings, uris, strict=True):
        if finding.path not in sources:
            sources[finding.path] = read_source(finding.path, encoding)
        text = _covered_text(finding, sources[finding.path])
        digest = hashlib.sha256("\0".join((uri, finding.code, text)).encode()).hexdigest()[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _fix(fix: Fix, location: dict[str, str]) -> dict[str, Any]:
    """A SARIF ``fix``: its edits as replacements of regions (an empty region inserts)."""
    replacements = []
    for edit in fix.edits:
        line, column, end_line, end_column = edit.location.one_based()
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": line, "startColumn": column,
                    "endLine": end_line, "endColumn": end_column,
                },
                "insertedContent": {"text": edit.text},
            }
        )  # fmt: skip
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        "properties": {"applicability": fix.applicability},
    }


def document(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    root = source_root()
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": rule.doc.strip() or rule.summary or rule.name},
            "help": {"text": rule.doc.strip() or rule.summary or rule.name},
            "helpUri": rule.url or f"{HOME}/blob/main/README.md#rules",
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for rule in rules
    ]
    findings = list(report.findings)
    locations = [_location(f.path, root) for f in findings]
    prints = fingerprints(findings, [loc["uri"] for loc in locations], report.encoding)
    results = []
    for finding, location, fingerprint in zip(findings, locations, prints, strict=True):
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": max(finding.end_column, 1),
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.fix is not None:
            result["fixes"] = [_fix(finding.fix, location)]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "policylint",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
                "results": results,
            }
        ],
    }


def write(report: Report, out: TextIO) -> None:
    """Write the SARIF log."""
    json.dump(document(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
