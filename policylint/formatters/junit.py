"""JUnit XML, for CI systems that show test reports: one test case per file.

A file with findings at warning level or above is a failed test case whose
failure lists them; info findings do not fail it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from policylint.findings import Finding, Severity
from policylint.formatters import Report
from policylint.formatters.text import line


def write(report: Report, out: TextIO) -> None:
    """Write a single test suite with a test case per file that has findings."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    failing = {p for p, fs in by_file.items() if any(f.severity >= Severity.WARNING for f in fs)}
    suite = ET.Element(
        "testsuite",
        name="policylint",
        tests=str(max(report.files, len(by_file))),
        failures=str(len(failing)),
        errors="0",
    )
    for path in sorted(by_file):
        case = ET.SubElement(suite, "testcase", classname="policylint", name=path)
        if path in failing:
            findings = by_file[path]
            failure = ET.SubElement(
                case, "failure", message=f"{len(findings)} finding(s)", type="policylint"
            )
            failure.text = "\n".join(line(f) for f in findings)
    out.write(ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n")
