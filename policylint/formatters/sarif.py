"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; the tool's rule table lists every rule that ran (id, name, short and
full description, help URI, default level); every result has a region.
Columns are Unicode code points, as in all policylint output, and say so
(``columnKind``). Relative paths are given against ``%SRCROOT%``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO

from policylint import __version__
from policylint.findings import Severity
from policylint.formatters import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/policylint/policylint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> dict[str, str]:
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": Path(path).as_posix().removeprefix("./"), "uriBaseId": "%SRCROOT%"}


def document(report: Report) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
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
    results = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _uri(finding.path),
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": max(finding.end_column, 1),
                        },
                    }
                }
            ],
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": results,
            }
        ],
    }


def write(report: Report, out: TextIO) -> None:
    """Write the SARIF log."""
    json.dump(document(report), out, indent=2, ensure_ascii=False)
    out.write("\n")
