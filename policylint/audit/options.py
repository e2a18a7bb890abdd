"""The options of ``policylint audit``: those of ``check`` that decide findings, and its own.

The shared ones keep their one declaration in ``engine/options.CheckOptions``
(``SHARED`` names them); the audit's own are declared here the same way,
so the typer command is built from both (``cli/options``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policylint.engine.options import CheckOptions, option

SHARED = (
    "today", "config", "rules", "select", "extend_select", "ignore", "jurisdiction",
    "language", "message_language", "max_file_size", "encoding", "jobs", "force_exclude",
)  # fmt: skip
"""The fields of ``CheckOptions`` that ``audit`` accepts."""

ENGINES = ("local", "dask")
TABLES = ("jsonl", "parquet")


@dataclass
class AuditOptions:
    """Everything ``policylint audit`` accepts: ``paths``, its own options, ``check``'s."""

    paths: list[str] = field(default_factory=list)
    out: Path | None = option(
        None, "--out", "-o", kind="path",
        help="Folder for notices.jsonl, report.html and the state that lets a run resume "
        "(required).",
    )  # fmt: skip
    from_file: Path | None = option(
        None, "--from", kind="path",
        help="Read the paths to audit from this file, one per line (- for standard input; "
        "lines starting with # are comments).",
    )  # fmt: skip
    engine: str = option(
        "local", "--engine", kind="choice", choices=ENGINES,
        help="local: a process pool on this machine's cores; dask: a Dask cluster.",
    )  # fmt: skip
    scheduler: str | None = option(
        None, "--scheduler", kind="value",
        help="Address of the Dask scheduler (tcp://host:8786); without it, --engine dask "
        "starts a local cluster.",
    )  # fmt: skip
    table: str = option(
        "jsonl", "--table", kind="choice", choices=TABLES,
        help="Also write the records as notices.parquet (needs pyarrow).",
    )  # fmt: skip
    fresh: bool = option(
        False, "--fresh", kind="flag",
        help="Forget the records of an earlier run in --out and start again.",
    )  # fmt: skip
    progress: bool | None = option(
        None, "--progress", kind="toggle",
        help="Show a progress bar (default: when standard error is a terminal).",
    )  # fmt: skip
    quiet: int = option(
        0, "--quiet", "-q", kind="count",
        help="No progress bar, notes or summary line; errors are still shown.",
    )  # fmt: skip
    verbose: bool = option(
        False, "--verbose", "-v", kind="flag",
        help="Also say which config, how many notices, which engine and how many "
        "notices are recorded already.",
    )  # fmt: skip
    check: CheckOptions = field(default_factory=CheckOptions)
    """The options shared with ``check`` (only ``SHARED`` are set)."""
