"""``policylint check`` as a plain function, and the fast path that reaches it.

A pre-commit hook starts policylint on every commit, and importing typer
costs 25-35 ms: a third of the whole budget for a one-file run. So the
console script first tries ``parse_argv``: a small parser for the ``check``
options listed in ``OPTIONS``. Anything it does not fully understand (help,
another command, a bad value) goes to the typer CLI, which reports errors
properly. ``tests/test_cli.py`` checks that ``OPTIONS`` and the typer command
declare the same options, so the two cannot drift apart.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from policylint.report import FORMATS as FORMATTERS

if TYPE_CHECKING:
    from policylint.base.findings import Finding
    from policylint.engine.results import ResultCache
    from policylint.engine.session import Session

FORMATS = ("auto", *FORMATTERS)
LEVELS = ("error", "warning", "info")


@dataclass
class CheckOptions:
    """Everything ``policylint check`` accepts."""

    paths: list[str] = field(default_factory=list)
    output_format: str = "auto"
    output_file: Path | None = None
    sarif_file: Path | None = None
    show_source: bool = False
    color: bool | None = None
    today: dt.date | None = None
    config: Path | None = None
    rules: list[Path] = field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    exit_zero: bool = False
    jurisdiction: list[str] | None = None
    language: str | None = None
    max_file_size: str | None = None
    encoding: str | None = None
    jobs: int | None = None
    cache: bool = True
    stdin_filename: str | None = None
    force_exclude: bool = False
    statistics: bool = False
    quiet: int = 0
    verbose: bool = False
    show_files: bool = False
    show_settings: bool = False


# flag -> (field, kind); kind: "value", "list" (repeatable), "path", "paths",
# "date", "int", "count" (a flag that may repeat: -qq), or a constant for
# flags without a value.
OPTIONS: dict[str, tuple[str, object]] = {
    "--format": ("output_format", FORMATS), "-f": ("output_format", FORMATS),
    "--output-file": ("output_file", "path"), "-o": ("output_file", "path"),
    "--sarif-file": ("sarif_file", "path"),
    "--show-source": ("show_source", True),
    "--color": ("color", True), "--no-color": ("color", False),
    "--today": ("today", "date"),
    "--config": ("config", "path"),
    "--rules": ("rules", "paths"),
    "--select": ("select", "list"),
    "--extend-select": ("extend_select", "list"),
    "--ignore": ("ignore", "list"),
    "--fail-on": ("fail_on", LEVELS),
    "--exit-zero": ("exit_zero", True),
    "--jurisdiction": ("jurisdiction", "list"),
    "--language": ("language", "value"),  # checked against the packs' languages later
    "--max-file-size": ("max_file_size", "value"),
    "--encoding": ("encoding", "value"),
    "--jobs": ("jobs", "int"), "-j": ("jobs", "int"),
    "--cache": ("cache", True), "--no-cache": ("cache", False),
    "--stdin-filename": ("stdin_filename", "value"),
    "--force-exclude": ("force_exclude", True),
    "--statistics": ("statistics", True),
    "--quiet": ("quiet", "count"), "-q": ("quiet", "count"),
    "--verbose": ("verbose", True), "-v": ("verbose", True),
    "--show-files": ("show_files", True),
    "--show-settings": ("show_settings", True),
}  # fmt: skip


def parse_argv(argv: Sequence[str]) -> CheckOptions | None:
    """Options for ``check ARGS...``, or None to let the typer CLI handle it."""
    options = CheckOptions()
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--":
            options.paths += args
            break
        if not arg.startswith("-") or arg == "-":
            options.paths.append(arg)
            continue
        flag, has_value, value = arg.partition("=")
        if len(set(flag)) == 2 and OPTIONS.get(flag[:2], ("", None))[1] == "count":
            flag, repeats = flag[:2], len(flag) - 1  # -qq
        else:
            repeats = 1
        if flag not in OPTIONS:
            return None
        name, kind = OPTIONS[flag]
        if kind == "count":
            if has_value:
                return None
            setattr(options, name, getattr(options, name) + repeats)
            continue
        if isinstance(kind, bool):
            if has_value:
                return None
            setattr(options, name, kind)
            continue
        if not has_value:
            if not args:
                return None
            value = args.pop(0)
        parsed = _value(kind, value)
        if parsed is None:
            return None
        if kind in ("list", "paths"):
            setattr(options, name, [*(getattr(options, name) or []), parsed])
        else:
            setattr(options, name, parsed)
    return options


def _value(kind: object, value: str) -> object | None:
    if isinstance(kind, tuple):
        return value if value in kind else None
    if kind in ("path", "paths"):
        return Path(value)
    if kind == "date":
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    if kind == "int":
        return int(value) if value.isdigit() else None
    return value


def run(options: CheckOptions) -> int:
    """Lint and report; the exit status (0 clean, 1 findings, 2 usage errors)."""
    from policylint.engine import session
    from policylint.engine.config import ConfigError
    from policylint.engine.plugins import PluginError
    from policylint.packs.loader import PackError

    started = time.perf_counter()
    try:
        prepared = session.prepare(
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
            lazy=True,
        )
        status = _lint_and_report(prepared, options)
    except (ConfigError, PackError, PluginError, ValueError) as exc:
        print(f"policylint: error: {exc}", file=sys.stderr)
        return 2
    if options.verbose:
        print(f"policylint: done in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return status


def _lint_and_report(prepared: Session, options: CheckOptions) -> int:
    from policylint.base.findings import Finding
    from policylint.engine import discover, reporting

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
    findings = _lint(prepared, files, options)
    if stdin:
        from policylint.engine import linter

        data = sys.stdin.buffer.read()
        findings += linter.lint_bytes(stdin_name, data, prepared.rules, prepared.settings)
        files.append(stdin_name)
    findings = prepared.ignored_here(findings)
    findings.sort(key=Finding.sort_key)
    reporting.report(prepared, options, findings, files, missing)
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if missing:
        return 2
    failing = any(f.severity >= prepared.config.fail_on for f in findings)
    return 1 if failing and not options.exit_zero else 0


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
            digest = _digest(path, prepared.config.max_file_size)
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
        _collect_from_here()
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


def _digest(path: str, max_size: int) -> str | None:
    """The content key of a file, or None when it is not to be cached (too big, unreadable)."""
    from policylint.engine.results import ResultCache

    try:
        with open(path, "rb") as handle:
            if max_size and os.fstat(handle.fileno()).st_size > max_size:
                return None
            return ResultCache.digest(handle.read())
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: the fast path for ``check``, typer for the rest."""
    _quiet_start_and_exit()
    try:
        try:
            args = list(sys.argv[1:] if argv is None else argv)
            if args[:1] == ["check"]:
                options = parse_argv(args[1:])
                if options is not None:
                    sys.exit(run(options))
            from policylint.cli import main as typer_main

            typer_main()
        finally:
            sys.stdout.flush()  # here, so that a closed pipe is caught below and not at exit
    except BrokenPipeError:
        # The reader went away (``policylint check . | head -1``): end quietly, as the
        # Python docs recommend: point stdout at devnull so the exit flush cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    finally:
        gc.enable()


def _quiet_start_and_exit() -> None:
    """Keep the cyclic garbage collector out of start-up and of the exit.

    Start-up makes long-lived objects only (modules, compiled patterns,
    rules), so the collector's passes over them find nothing; and at exit the
    interpreter runs a full collection over every object still alive. Both
    cost ~15 ms of a ~110 ms one-file run. So the collector is off until the
    linting starts (``_collect_from_here``), and whatever is alive at exit is
    frozen first (``gc.freeze``: the exit collection skips frozen objects;
    they are freed with the process).
    """
    gc.disable()
    atexit.unregister(gc.freeze)  # registered once, however often main() is called
    atexit.register(gc.freeze)


def _collect_from_here() -> None:
    """Collect again for the linting, which may run over thousands of files.

    Start-up objects are frozen first: later passes skip them, and forked
    workers do not touch (so do not copy) the memory pages they share.
    """
    gc.freeze()
    gc.enable()
