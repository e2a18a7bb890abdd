"""``policylint audit`` as a plain function: find the notices, lint what is not yet recorded,
write the outputs.

1. The session is prepared from the options ``audit`` shares with
   ``check``; the rules are compiled once here (forked workers inherit
   them; Dask workers compile their own).
2. The notices are found as ``check`` finds them (and read from ``--from``).
3. Each notice is read and hashed here; one already recorded in ``--out``
   with the same content (or whose content another path already has) is
   not linted again. The others go to the engine in batches; each batch's
   results are recorded as it comes back.
4. ``notices.jsonl`` (sorted by path), ``report.html`` and, with ``--table
   parquet``, ``notices.parquet`` are written from the records, each
   replacing the last in one rename.

Exit status: 0 when the audit is written (findings do not fail an audit),
2 for a usage or configuration error or a path that does not exist, 130
when interrupted (what was recorded is kept: the same command goes on).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from policylint import __version__
from policylint.api import ConfigError, Linter, PackError, PluginError
from policylint.audit import records
from policylint.audit.options import AuditOptions
from policylint.audit.progress import Progress
from policylint.audit.store import AuditError, Store
from policylint.audit.summary import Summary
from policylint.audit.work import Engine, Item

if TYPE_CHECKING:
    from policylint.engine.session import Session

BATCH_FILES = {"local": 32, "dask": 256}
BATCH_BYTES = {"local": 512 * 1024, "dask": 8 * 1024 * 1024}


def run(options: AuditOptions) -> int:
    """Audit and write the outputs; the exit status."""
    started = time.perf_counter()
    try:
        return _audit(options, started)
    except (ConfigError, PackError, PluginError, AuditError, ValueError) as exc:
        print(f"policylint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "policylint: interrupted: the notices recorded so far are kept; "
            "run the same command again to go on",
            file=sys.stderr,
        )
        return 130


def _audit(options: AuditOptions, started: float) -> int:
    from policylint.engine import checking

    if options.out is None:
        raise AuditError("audit needs --out DIR: the folder to write the records and report to")
    if options.scheduler and options.engine != "dask":
        raise AuditError("--scheduler goes with --engine dask")
    session = checking.session_for(options.check)
    linter = Linter.from_session(session)
    files, missing = _notices(session, options)
    sizes = [_size(path) for path in files]
    quiet = options.quiet
    shown = options.progress if options.progress is not None else sys.stderr.isatty()
    with Store(options.out, session.fingerprint(), options.fresh) as store:
        engine = _engine(options, linter)
        if options.verbose:
            config = session.config.path or "none (defaults)"
            print(
                f"policylint: config: {config}; {_notices_count(len(files))} "
                f"({sum(sizes) / 1e6:,.1f} MB); engine: {engine.describe()}; "
                f"{_notices_count(store.counts()[0])} already recorded in {store.path}",
                file=sys.stderr,
            )
        try:
            with Progress(len(files), sum(sizes), shown and not quiet) as progress:
                linted = _record(store, engine, linter, session, files, sizes, progress, options)
        finally:
            engine.close()
        summary = _write(store, options, session)
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if not quiet:
        seconds = time.perf_counter() - started
        print(
            f"policylint: audited {_notices_count(summary.notices)} ({linted:,} linted, "
            f"{summary.notices - linted:,} already recorded) in {seconds:.1f} s: "
            f"{options.out / 'notices.jsonl'}, {options.out / 'report.html'}",
            file=sys.stderr,
        )
    return 2 if missing else 0


def _notices_count(n: int) -> str:
    return f"{n:,} notice" if n == 1 else f"{n:,} notices"


def _notices(session: Session, options: AuditOptions) -> tuple[list[str], list[str]]:
    from policylint.engine import discover

    paths = list(options.paths)
    if options.from_file is not None:
        paths += _listed(options.from_file)
    files: list[str] = []
    missing: list[str] = []
    for item in session.files(paths, options.check.force_exclude):
        if isinstance(item, discover.Missing):
            missing.append(item.path)
        else:
            files.append(item)
    return files, missing


def _listed(source: Path) -> list[str]:
    """The paths in ``source`` (``-``: standard input), one per line; blank lines and
    lines starting with ``#`` are skipped."""
    try:
        text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise AuditError(f"--from {source}: {reason}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _engine(options: AuditOptions, linter: Linter) -> Engine:
    if options.engine == "dask":
        try:
            from policylint.audit.cluster import DaskEngine
        except ImportError:
            raise AuditError(
                "--engine dask needs dask.distributed: pip install 'policylint[dask]'"
            ) from None
        return DaskEngine(linter, options.scheduler, options.check.jobs)
    from policylint.audit.local import LocalEngine

    return LocalEngine(linter, options.check.jobs)


def _record(
    store: Store,
    engine: Engine,
    linter: Linter,
    session: Session,
    files: list[str],
    sizes: list[int],
    progress: Progress,
    options: AuditOptions,
) -> int:
    """Lint what is not recorded yet and record it; how many notices were linted."""
    waiting: dict[str, list[tuple[str, int, str | None]]] = {}
    """Notices whose content is being linted, by result key: they share its result."""
    limit = session.settings.max_file_size

    def batches() -> Iterator[list[Item]]:
        batch: list[Item] = []
        batch_bytes = 0
        for path, size in zip(files, sizes, strict=True):
            read = _read(path, limit)
            if isinstance(read, OSError) or read[1] is None:  # unreadable, or too large
                sha256 = None if isinstance(read, OSError) else read[0]
                body = records.result(linter.lint_file(path))
                key = f"{sha256}|{path}" if sha256 else f"unread|{path}"
                store.add([(key, body)], [(path, size, sha256, key)])
                progress.advance(1, size)
                continue
            sha256, data = read[0], read[1]
            codes = session.ignored_codes(path)
            key = f"{sha256}|{','.join(sorted(codes))}" if codes else sha256
            if key in waiting:
                waiting[key].append((path, size, sha256))
                continue
            if store.recorded(path, size, sha256, key):
                progress.advance(1, size)
                continue
            waiting[key] = [(path, size, sha256)]
            batch.append(Item(path, data, key))
            batch_bytes += len(data)
            if (
                len(batch) >= BATCH_FILES[options.engine]
                or batch_bytes >= BATCH_BYTES[options.engine]
            ):
                yield batch
                batch, batch_bytes = [], 0
        if batch:
            yield batch

    linted = 0
    for batch, results in engine.run(batches()):
        notices = [(*n, item.key) for item in batch for n in waiting.pop(item.key)]
        store.add([(item.key, body) for item, body in zip(batch, results, strict=True)], notices)
        linted += len(batch)
        progress.advance(len(notices), sum(n[1] for n in notices))
    return linted


def _read(path: str, limit: int) -> tuple[str, bytes | None] | OSError:
    """The SHA-256 and bytes of ``path``; no bytes when it is over ``limit`` (hashed in
    pieces, not kept); the error when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            if limit and os.fstat(handle.fileno()).st_size > limit:
                digest = hashlib.file_digest(handle, "sha256")
                return digest.hexdigest(), None
            data = handle.read()
    except OSError as exc:
        return exc
    return hashlib.sha256(data).hexdigest(), data


def _write(store: Store, options: AuditOptions, session: Session) -> Summary:
    """Write notices.jsonl, report.html (and notices.parquet); the report's counts.

    Raises AuditError when one cannot be written (a full disk).
    """
    try:
        return _outputs(store, options, session)
    except OSError as exc:
        name = exc.filename or options.out
        raise AuditError(f"{name}: cannot write: {exc.strerror or exc}") from None


def _outputs(store: Store, options: AuditOptions, session: Session) -> Summary:
    from policylint.base.atomic import replace_file

    out = options.out
    assert out is not None
    summary = Summary(session.today)
    jsonl = out / "notices.jsonl"
    temporary = out / ".notices.jsonl.tmp"
    with temporary.open("w", encoding="utf-8", newline="\n") as lines:
        for path, size, sha256, body in store.listed():
            line = records.record(path, size, sha256, body)
            summary.add(json.loads(line))
            lines.write(line + "\n")
    temporary.replace(jsonl)
    replace_file(out / "report.html", _report(summary, options, session).encode("utf-8"))
    if options.table == "parquet":
        try:
            from policylint.audit.tables import write_parquet
        except ImportError:
            raise AuditError("--table parquet needs pyarrow: pip install pyarrow") from None
        write_parquet(jsonl, out / "notices.parquet")
    return summary


def _report(summary: Summary, options: AuditOptions, session: Session) -> str:
    from policylint.audit import page

    config = session.config.path or "no config file (defaults)"
    where = ", ".join(
        [*options.paths, *([f"--from {options.from_file}"] if options.from_file else [])]
    )
    about = (
        f"{summary.notices:,} notices ({where or '.'}), checked against {session.today} "
        f"by policylint {__version__}; config: {config}."
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
