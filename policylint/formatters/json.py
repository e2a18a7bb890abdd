"""JSON: an array of finding objects, for scripts and other tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from policylint.findings import Finding
from policylint.formatters import Summary


def write(findings: Sequence[Finding], summary: Summary, out: TextIO) -> None:
    """Write the findings as a JSON array (the summary is implied by it)."""
    json.dump([f.as_dict() for f in findings], out, indent=2, ensure_ascii=False)
    out.write("\n")
