"""JUnit XML, for CI systems that show test reports: one test case per file checked.

A file passes unless it has a finding at or above the failing severity
(``--fail-on``, error by default); its findings below that are listed in the
case's ``system-out``. A path that does not exist is a case with an
``error``. ``tests``, ``failures`` and ``errors`` count the cases, as the
JUnit XML readers of Jenkins, GitLab and GitHub expect.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from policylint.base.findings import Finding
from policylint.report import Report
from policylint.report.text import line


def write(report: Report, out: TextIO) -> None:
    """Write one test suite: a test case per file checked and per missing path."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    # Paths come from the run; findings on a file it did not list still get a case.
    paths = sorted({*report.paths, *by_file})
    suite = ET.Element("testsuite", name="policylint")
    failures = 0
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="policylint", name=path)
        findings = by_file.get(path, [])
        failing = [f for f in findings if f.severity >= report.fail_on]
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} finding(s) at {report.fail_on} or above",
                type="policylint",
            )
            failure.text = "\n".join(line(f) for f in failing)
        rest = [f for f in findings if f.severity < report.fail_on]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(line(f) for f in rest)
    for path in report.missing:
        case = ET.SubElement(suite, "testcase", classname="policylint", name=path)
        ET.SubElement(case, "error", message="no such file or directory", type="missing")
    suite.set("tests", str(len(paths) + len(report.missing)))
    suite.set("failures", str(failures))
    suite.set("errors", str(len(report.missing)))
    out.write(ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n")
