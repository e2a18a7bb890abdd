"""An audit's outputs, written from its records: ``notices.jsonl``, ``report.html`` and, with
``--table parquet``, ``notices.parquet``.

Each replaces the last in one rename, so a reader never sees half a file.
Records stream from the store to the file; only the report's counts
(``summary``) are kept, so memory does not grow with the archive.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from policylint import __version__
from policylint.audit import records
from policylint.audit.options import AuditOptions
from policylint.audit.store import AuditError, Store
from policylint.audit.summary import Summary

if TYPE_CHECKING:
    from policylint.engine.session import Session


def check_parquet() -> None:
    """Raise AuditError unless pyarrow can be imported (checked before any linting)."""
    if importlib.util.find_spec("pyarrow") is None:
        raise AuditError("--table parquet needs pyarrow: pip install 'policylint[parquet]'")


def write(store: Store, options: AuditOptions, session: Session) -> list[Path]:
    """Write the outputs of this run's records; the paths written.

    Raises AuditError when one cannot be written (a full disk). A
    ``notices.parquet`` of an earlier run is removed when this run writes
    none, rather than left to disagree with ``notices.jsonl``.
    """
    out = options.out
    assert out is not None
    try:
        return _write(store, out, options, session)
    except OSError as exc:
        raise AuditError(f"{exc.filename or out}: cannot write: {exc.strerror or exc}") from None


def _write(store: Store, out: Path, options: AuditOptions, session: Session) -> list[Path]:
    from policylint.base.atomic import replace_file

    summary = Summary(session.today)
    jsonl = out / "notices.jsonl"
    temporary = out / ".notices.jsonl.tmp"
    # A path that is not UTF-8 (os.fsdecode's surrogates) is written as JSON's \udcXX.
    with temporary.open("w", encoding="utf-8", errors="backslashreplace", newline="\n") as lines:
        for path, size, sha256, body in store.listed():
            record = records.record(path, size, sha256, body)
            summary.add(record)
            lines.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    temporary.replace(jsonl)
    report = out / "report.html"
    page = _report(summary, options, session)  # names given may not be UTF-8: escaped
    replace_file(report, page.encode("utf-8", "backslashreplace"))
    written = [jsonl, report]
    parquet = out / "notices.parquet"
    if options.table == "parquet":
        from policylint.audit.tables import write_parquet

        write_parquet(jsonl, parquet)
        written.append(parquet)
    elif parquet.exists():
        parquet.unlink()
    return written


def _report(summary: Summary, options: AuditOptions, session: Session) -> str:
    from policylint.audit import page

    config = session.config.path or "no config file (defaults)"
    asked = [*options.paths, *([f"--from {options.from_file}"] if options.from_file else [])]
    about = (
        f"{summary.notices:,} notices ({', '.join(asked) or '.'}), checked against "
        f"{session.today} by policylint {__version__}; config: {config}."
    )
    try:
        charts = _charts(summary, _stale_after(session))
    except ImportError:
        if not options.quiet:
            print(
                "policylint: note: report.html has no charts: pip install 'policylint[audit]' "
                "(matplotlib) to draw them",
                file=sys.stderr,
            )
        charts = None
    return page.render(summary, charts, about)


def _stale_after(session: Session) -> int:
    """PL102's limit as configured, in whole months (12 when PL102 is off)."""
    stale = next((r for r in session.rules if r.code == "PL102"), None)
    days = int(stale.options.get("max-age-days", 365)) if stale is not None else 365
    return max(1, round(days / 30.44))


def _charts(summary: Summary, stale_after: int) -> dict[str, str | None]:
    from policylint.audit import plots

    languages = [g for g, _ in summary.by_language.most_common(10)]
    jurisdictions = [g for g, _ in summary.by_jurisdiction.most_common(10)]
    return {
        "rules": plots.rules(summary),
        "ages": plots.ages(summary, stale_after),
        "languages": plots.heatmap(summary, languages, summary.by_language, summary.language_with),
        "jurisdictions": plots.heatmap(
            summary, jurisdictions, summary.by_jurisdiction, summary.jurisdiction_with
        ),
        "timeline": plots.timeline(summary),
    }
