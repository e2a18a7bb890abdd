"""``policylint check`` as a plain function: prepare a session, lint, report.

The options arrive as ``CheckOptions`` (``engine/options.py``), from the fast
argv parser or from the typer command; both are built from that one
declaration.
"""

from __future__ import annotations

import atexit
import gc
import os
import stat
import sys
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policylint.base.findings import Finding
    from policylint.engine.options import CheckOptions
    from policylint.engine.results import ResultCache
    from policylint.engine.session import Session


def run(options: CheckOptions) -> int:
    """Lint and report; the exit status (0 clean, 1 findings, 2 usage errors)."""
    from policylint.engine.config import ConfigError
    from policylint.engine.gitbase import BaseError
    from policylint.engine.plugins import PluginError
    from policylint.packs.loader import PackError

    started = time.perf_counter()
    try:
        prepared = session_for(options)
        status = _lint_and_report(prepared, options)
    except (ConfigError, PackError, PluginError, BaseError, ValueError) as exc:
        print(f"policylint: error: {exc}", file=sys.stderr)
        return 2
    if options.verbose:
        from policylint.parse.pyrs_tokens import parser_name

        done = f"done in {time.perf_counter() - started:.2f} s (parser: {parser_name()})"
        print(f"policylint: {done}", file=sys.stderr)
    return status


def session_for(options: CheckOptions) -> Session:
    """The lazy Session of ``options`` (raises ConfigError on a mistake; rules load on use)."""
    from policylint.engine import session

    return session.prepare(
        config_file=options.config,
        today=options.today,
        packs=options.rules,
        select=options.select,
        extend_select=options.extend_select,
        ignore=options.ignore,
        jurisdiction=options.jurisdiction,
        language=options.language,
        fail_on=options.fail_on,
        max_file_size=options.max_file_size,
        encoding=options.encoding,
        message_language=options.message_language,
        diff_base=options.diff_base,
        unsafe_fixes=options.unsafe_fixes,
        lazy=True,
    )


def _lint_and_report(prepared: Session, options: CheckOptions) -> int:
    from policylint.base.findings import Finding
    from policylint.engine import discover, reporting

    if options.diff and options.write_baseline is not None:
        from policylint.engine.config import ConfigError

        raise ConfigError("--diff writes nothing: it cannot go with --write-baseline")
    stdin = "-" in options.paths or (options.stdin_filename is not None and not options.paths)
    paths = [p for p in options.paths if p != "-"]
    files: list[str] = []
    missing: list[str] = []
    if paths or not stdin:
        for item in prepared.files(paths, options.force_exclude):
            if isinstance(item, discover.Missing):
                missing.append(item.path)
            else:
                files.append(item)
    stdin_name = options.stdin_filename or "-"
    if stdin and (options.force_exclude or prepared.config.force_exclude):
        stdin = not prepared.excluded(stdin_name)
    if options.verbose:
        reporting.verbose_start(prepared, len(files) + stdin)
    if options.show_files:
        return reporting.show_files([*files, *([stdin_name] if stdin else [])], missing)
    if options.show_settings:
        return reporting.show_settings(prepared, files)
    compared = [*files, *([options.stdin_filename] if stdin and options.stdin_filename else [])]
    _compare_with_base(prepared, compared, options)
    findings = _lint(prepared, files, options)
    piped: dict[str, bytes] = {}
    if stdin:
        from policylint.engine import linter

        piped[stdin_name] = sys.stdin.buffer.read()
        rules, settings = prepared.rules, prepared.settings
        findings += linter.lint_bytes(stdin_name, piped[stdin_name], rules, settings)
        files.append(stdin_name)
    findings = prepared.ignored_here(findings)
    if options.fix or options.diff:
        from policylint.engine import fixing

        findings, status = fixing.run(prepared, options, findings, piped)
        if status is not None:  # --diff: the diff is the report
            for path in missing:
                print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
            return 2 if missing else 0 if options.exit_zero else status
    findings.sort(key=Finding.sort_key)
    if options.write_baseline is not None:
        return _write_baseline(prepared, options, findings, files, missing, piped)
    hidden = 0
    if options.baseline is not None or prepared.config.baseline is not None:
        from policylint.engine import baseline

        findings, hidden = baseline.hide(prepared, options, findings, files, piped)
    to_stderr = bool(piped) and options.fix
    reporting.report(prepared, options, findings, files, missing, to_stderr, hidden)
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if missing:
        return 2
    failing = any(f.severity >= prepared.config.fail_on for f in findings)
    return 1 if failing and not options.exit_zero else 0


def _compare_with_base(prepared: Session, files: list[str], options: CheckOptions) -> None:
    """Read the base versions PL104 compares with, when a base revision is chosen and
    PL104 runs; say (on stderr, unless quiet) which files could not be compared."""
    from policylint.engine import gitbase

    chosen = gitbase.chosen_ref(options.diff_base, prepared.config.diff_base, os.environ)
    if chosen is None or not files or all(r.code != "PL104" for r in prepared.rules):
        return
    ref, chosen_by = chosen
    if chosen_by == "diff-base":
        chosen_by = prepared.config.where("diff_base")
    bases = gitbase.read(ref, files, chosen_by)
    prepared.compare_with(ref, bases.texts)
    if not options.quiet:
        for note in bases.notes:
            print(f"policylint: note: {note}", file=sys.stderr)


def _write_baseline(
    prepared: Session,
    options: CheckOptions,
    findings: list[Finding],
    files: list[str],
    missing: list[str],
    texts: dict[str, bytes],
) -> int:
    """``--write-baseline FILE``: record the findings instead of reporting them; not when
    a path is missing (a baseline of part of the run would drop the rest's entries)."""
    from policylint.engine import baseline

    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if missing:
        return 2
    assert options.write_baseline is not None
    written = baseline.record(prepared, options.write_baseline, findings, files, texts)
    if options.quiet < 2:
        print(f"policylint: {written}", file=sys.stderr)
    return 0


def _lint(prepared: Session, files: list[str], options: CheckOptions) -> list[Finding]:
    """Findings for ``files``, from the results cache where a file is unchanged."""
    findings: list[Finding] = []
    todo = files
    if not files:
        _ = prepared.rules  # nothing to lint, but a broken pack or config still fails
    results = _result_cache(prepared) if options.cache else None
    digests: dict[str, str] = {}
    if results is not None:
        todo = []
        for path in files:
            digest = _digest(path, prepared.config.max_file_size, prepared.base_texts)
            cached = results.get(digest, path) if digest else None
            if cached is None:
                todo.append(path)
                if digest:
                    digests[path] = digest
            else:
                findings += cached
    if options.verbose and files:
        print(f"policylint: {len(files) - len(todo)} from the cache", file=sys.stderr)
    if todo:
        from policylint.engine import (
            linter,  # parses Markdown: not needed when every file was cached
        )

        rules, settings = prepared.rules, prepared.settings
        collect_from_here()
        fresh = linter.lint_files(todo, rules, settings, jobs=options.jobs)
        findings += fresh
        if results is not None:
            by_path: dict[str, list[Finding]] = {path: [] for path in todo}
            for finding in fresh:
                by_path[finding.path].append(finding)
            for path, digest in digests.items():
                results.put(digest, by_path[path])
            results.save()
    return findings


def _result_cache(prepared: Session) -> ResultCache | None:
    from policylint.base import cache
    from policylint.engine import results

    if cache.directory() is None:
        return None
    try:
        return results.ResultCache(prepared.fingerprint())
    except OSError:
        return None  # a pack or config vanished: lint without the cache; errors surface later


def _digest(path: str, max_size: int, bases: Mapping[str, bytes]) -> str | None:
    """The content key of a file (and of its base version, PL104 compares them), or None
    when it is not to be cached (too big, unreadable, or not a regular file: a pipe such
    as ``<(...)`` can be read only once, and the linter must be the one to read it)."""
    from policylint.engine.results import ResultCache

    try:
        status = os.stat(path)  # not opened first: opening a named pipe waits for a writer
        if not stat.S_ISREG(status.st_mode) or (max_size and status.st_size > max_size):
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    base = bases.get(path)
    if base is not None:
        data = ResultCache.digest(base).encode() + b"\0" + data
    return ResultCache.digest(data)


def quiet_start_and_exit() -> None:
    """Keep the cyclic garbage collector out of start-up and of the exit.

    Start-up makes long-lived objects only (modules, compiled patterns,
    rules), so the collector's passes over them find nothing; and at exit the
    interpreter runs a full collection over every object still alive. Both
    cost ~15 ms of a ~110 ms one-file run. So the collector is off until the
    linting starts (``collect_from_here``), and whatever is alive at exit is
    frozen first (``gc.freeze``: the exit collection skips frozen objects;
    they are freed with the process).
    """
    gc.disable()
    atexit.unregister(gc.freeze)  # registered once, however often main() is called
    atexit.register(gc.freeze)


def collect_from_here() -> None:
    """Collect again for the linting, which may run over thousands of files.

    Start-up objects are frozen first: later passes skip them, and forked
    workers do not touch (so do not copy) the memory pages they share.
    """
    gc.freeze()
    gc.enable()
