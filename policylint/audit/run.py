"""``policylint audit`` as a plain function: find the notices, lint what is not yet recorded,
write the outputs.

1. The session is prepared from the options ``audit`` shares with
   ``check``; the rules are compiled once here (forked workers inherit
   them; Dask workers compile their own). Without ``--today``, a run that
   goes on with an earlier run's records keeps their reference date.
2. The notices are found as ``check`` finds them (and read from ``--from``).
3. Each notice is read and hashed here; one already recorded in ``--out``
   with the same content (or whose content another path already has) is
   not linted again. The others go to the engine in batches; each batch's
   results are recorded as it comes back.
4. The outputs are written from the records (``outputs``).

Exit status: 0 when the audit is written (findings do not fail an audit),
2 for a usage or configuration error or a path that does not exist, 130
when interrupted (what was recorded is kept: the same command goes on).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policylint.api import ConfigError, Linter, PackError, PluginError
from policylint.audit import records
from policylint.audit.options import AuditOptions
from policylint.audit.progress import Progress
from policylint.audit.store import AuditError, Store, recorded_today
from policylint.audit.work import Engine, Item

if TYPE_CHECKING:
    from policylint.engine.session import Session

BATCH_FILES = {"local": 32, "dask": 128}
BATCH_BYTES = {"local": 512 * 1024, "dask": 2 * 1024 * 1024}


@dataclass
class Tally:
    """What happened to this run's notices."""

    linted: int = 0
    copies: int = 0
    """Notices with the bytes of another notice linted already (in this run or before)."""
    recorded: int = 0
    """Notices recorded at their path by an earlier run, with the same content."""


def run(options: AuditOptions) -> int:
    """Audit and write the outputs; the exit status."""
    started = time.perf_counter()
    try:
        return _audit(options, started)
    except (ConfigError, PackError, PluginError, AuditError) as exc:
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
    from policylint.audit import outputs
    from policylint.engine import checking

    out = options.out
    if out is None:
        raise AuditError("audit needs --out DIR: the folder to write the records and report to")
    if options.scheduler and options.engine != "dask":
        raise AuditError("--scheduler goes with --engine dask")
    if options.table == "parquet":
        outputs.check_parquet()
    _keep_reference_date(options, out)
    try:
        session = checking.session_for(options.check)
    except ValueError as exc:  # a value of the config or a flag
        raise AuditError(str(exc)) from None
    linter = Linter.from_session(session)
    checking.collect_from_here()  # start-up objects frozen; workers inherit them unshared
    files, missing = _notices(session, options)
    sizes = [_size(path) for path in files]
    quiet = options.quiet
    shown = options.progress if options.progress is not None else sys.stderr.isatty()
    engine = _engine(options, linter)  # first: an unreachable cluster leaves no state
    try:
        store = Store(out, session.settings_key(), session.today.isoformat(), options.fresh)
    except BaseException:
        engine.close()
        raise
    with store:
        if options.verbose:
            config = session.config.path or "none (defaults)"
            print(
                f"policylint: config: {config}; {_count(len(files))} "
                f"({sum(sizes) / 1e6:,.1f} MB); engine: {engine.describe()}; "
                f"{_count(store.counts()[0])} recorded in {store.path}",
                file=sys.stderr,
            )
        try:
            with Progress(len(files), sum(sizes), shown and not quiet) as progress:
                tally = _record(store, engine, linter, session, files, sizes, progress, options)
        finally:
            engine.close()
        written = outputs.write(store, options, session)
        store.finished()
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if not quiet:
        seconds = time.perf_counter() - started
        done = [f"{tally.linted:,} linted"]
        if tally.copies:
            done.append(f"{tally.copies:,} {'copy' if tally.copies == 1 else 'copies'} of another")
        done.append(f"{tally.recorded:,} already recorded")
        print(
            f"policylint: audited {_count(len(files))} ({', '.join(done)}) in {seconds:.1f} s: "
            + ", ".join(str(path) for path in written),
            file=sys.stderr,
        )
    return 2 if missing else 0


def _keep_reference_date(options: AuditOptions, out: Path) -> None:
    """Without ``--today``, go on with the reference date of an unfinished run's records
    in ``out``, so that a run resumed the next day can reuse them."""
    if options.check.today is not None or options.fresh:
        return
    recorded = recorded_today(out)
    if recorded is None or recorded == dt.date.today().isoformat():
        return
    options.check.today = dt.date.fromisoformat(recorded)
    if not options.quiet:
        print(
            f"policylint: note: going on with the reference date of the records in {out}, "
            f"{recorded} (give --today with --fresh to start again with another)",
            file=sys.stderr,
        )


def _count(n: int) -> str:
    return f"{n:,} notice" if n == 1 else f"{n:,} notices"


def _notices(session: Session, options: AuditOptions) -> tuple[list[str], list[str]]:
    from policylint.engine import discover

    paths = list(options.paths)
    if options.from_file is not None:
        listed = _listed(options.from_file)
        if not listed and not paths:
            return [], []  # an empty list audits nothing (not the current folder)
        paths += listed
    files: list[str] = []
    missing: list[str] = []
    for item in session.files(paths, options.check.force_exclude):
        if isinstance(item, discover.Missing):
            missing.append(item.path)
        else:
            files.append(item)
    return files, missing


def _listed(source: Path) -> list[str]:
    """The paths in ``source`` (``-``: standard input), one per line, as the file
    system's bytes (relative ones from the current folder); lines are stripped, and
    blank ones and those starting with ``#`` skipped."""
    try:
        data = sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes()
    except OSError as exc:
        raise AuditError(f"--from {source}: {exc.strerror or exc}") from None
    lines = (os.fsdecode(line.strip()) for line in data.splitlines())  # names as bytes
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
) -> Tally:
    """Lint what is not recorded yet and record it."""
    tally = Tally()
    waiting: dict[str, list[tuple[str, int, str]]] = {}
    """Notices whose content is being linted, by result key: they share its result."""
    limit = session.settings.max_file_size
    most_files, most_bytes = BATCH_FILES[options.engine], BATCH_BYTES[options.engine]

    def batches() -> Iterator[list[Item]]:
        batch: list[Item] = []
        batch_bytes = 0
        for path, stat_size in zip(files, sizes, strict=True):
            read = _read(path, limit)
            if read is None or read[1] is None:  # unreadable, or too large: linted here
                sha256 = read[0] if read is not None else None
                body = records.result(linter.lint_file(path))
                key = f"{sha256 or 'unread'}|{os.fsencode(path).hex()}"  # by path: not shared
                store.add([(key, body)], [(path, stat_size, sha256, key)])
                tally.linted += 1
                progress.advance(1, stat_size)
                continue
            sha256, data = read[0], read[1]
            codes = session.ignored_codes(path)
            key = f"{sha256}|{','.join(sorted(codes))}" if codes else sha256
            if key in waiting:
                waiting[key].append((path, len(data), sha256))
                tally.copies += 1
                continue
            found = store.recorded(path, len(data), sha256, key)
            if found is not None:
                if found == "path":
                    tally.recorded += 1
                else:
                    tally.copies += 1
                progress.advance(1, len(data))
                continue
            waiting[key] = [(path, len(data), sha256)]
            batch.append(Item(path, data, key))
            batch_bytes += len(data)
            if len(batch) >= most_files or batch_bytes >= most_bytes:
                yield batch
                batch, batch_bytes = [], 0
        if batch:
            yield batch

    for batch, results in engine.run(batches()):
        notices = [(*n, item.key) for item in batch for n in waiting.pop(item.key)]
        store.add([(item.key, body) for item, body in zip(batch, results, strict=True)], notices)
        tally.linted += len(batch)
        progress.advance(len(notices), sum(n[1] for n in notices))
    return tally


def _read(path: str, limit: int) -> tuple[str, bytes | None] | None:
    """The SHA-256 and bytes of ``path``; no bytes when it is over ``limit`` (hashed in
    pieces, not kept); None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            if limit and os.fstat(handle.fileno()).st_size > limit:
                return hashlib.file_digest(handle, "sha256").hexdigest(), None
            data = handle.read()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest(), data
