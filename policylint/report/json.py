"""JSON: an array of finding objects, for scripts and other tools."""

from __future__ import annotations

import json
from typing import TextIO

from policylint.report import Report


def write(report: Report, out: TextIO) -> None:
    """Write the findings as a JSON array."""
    json.dump([f.as_dict() for f in report.findings], out, indent=2, ensure_ascii=False)
    out.write("\n")
