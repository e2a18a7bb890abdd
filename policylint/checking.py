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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from policylint.formatters import FORMATS as FORMATTERS

if TYPE_CHECKING:
    from policylint.formatters import Report
    from policylint.results import ResultCache
    from policylint.session import Session

FORMATS = ("auto", *FORMATTERS)
LEVELS = ("error", "warning", "info")


@dataclass
class CheckOptions:
    """Everything ``policylint check`` accepts."""

    paths: list[str] = field(default_factory=list)
    output_format: str = "auto"
    output_file: Path | None = None
    show_source: bool = False
    color: bool | None = None
    today: dt.date | None = None
    config: Path | None = None
    rules: list[Path] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    jurisdiction: list[str] | None = None
    language: str | None = None
    max_file_size: str | None = None
    encoding: str | None = None
    jobs: int | None = None
    cache: bool = True


# flag -> (field, kind); kind: "value", "list" (repeatable), "path", "paths",
# "date", "int", or a constant for flags without a value.
OPTIONS: dict[str, tuple[str, object]] = {
    "--format": ("output_format", FORMATS), "-f": ("output_format", FORMATS),
    "--output-file": ("output_file", "path"), "-o": ("output_file", "path"),
    "--show-source": ("show_source", True),
    "--color": ("color", True), "--no-color": ("color", False),
    "--today": ("today", "date"),
    "--config": ("config", "path"),
    "--rules": ("rules", "paths"),
    "--select": ("select", "list"),
    "--ignore": ("ignore", "list"),
    "--fail-on": ("fail_on", LEVELS),
    "--jurisdiction": ("jurisdiction", "list"), "-j": ("jurisdiction", "list"),
    "--language": ("language", "value"),
    "--max-file-size": ("max_file_size", "value"),
    "--encoding": ("encoding", "value"),
    "--jobs": ("jobs", "int"),
    "--cache": ("cache", True), "--no-cache": ("cache", False),
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
        if flag not in OPTIONS:
            return None
        name, kind = OPTIONS[flag]
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
    from policylint import session
    from policylint.config import ConfigError
    from policylint.packs import PackError
    from policylint.plugins import PluginError

    try:
        prepared = session.prepare(
            config_file=options.config,
            today=options.today,
            packs=options.rules,
            select=options.select,
            ignore=options.ignore,
            jurisdiction=options.jurisdiction,
            language=options.language,
            fail_on=options.fail_on,
            max_file_size=options.max_file_size,
            encoding=options.encoding,
            lazy=True,
        )
        return _lint_and_report(prepared, options)
    except (ConfigError, PackError, PluginError, ValueError) as exc:
        print(f"policylint: error: {exc}", file=sys.stderr)
        return 2


def _lint_and_report(prepared: Session, options: CheckOptions) -> int:
    from policylint import discover
    from policylint.findings import Finding
    from policylint.formatters import Report, RuleInfo, choose, get

    files: list[str] = []
    missing: list[str] = []
    for item in prepared.files(options.paths):
        if isinstance(item, discover.Missing):
            missing.append(item.path)
        else:
            files.append(item)
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
    if todo:
        from policylint import linter  # parses Markdown: not needed when every file was cached

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
    findings.sort(key=Finding.sort_key)
    output = choose(options.output_format, os.environ)
    rules = prepared.rules if output == "sarif" else []
    env = dict(os.environ)
    terminal = options.output_file is None and sys.stdout.isatty()
    color = terminal if options.color is None else options.color
    report = Report(
        findings=findings,
        files=len(files),
        rules=[RuleInfo(r.code, r.name, r.severity, r.summary, r.doc, r.url) for r in rules],
        show_source=options.show_source,
        color=color and "NO_COLOR" not in env,
    )
    formatter = get(output)
    if options.output_file:
        with open(options.output_file, "w", encoding="utf-8") as out:
            formatter.write(report, out)
    else:
        formatter.write(report, sys.stdout)
    _github_step_summary(report, env)
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    if missing:
        return 2
    return 1 if any(f.severity >= prepared.config.fail_on for f in findings) else 0


def _result_cache(prepared: Session) -> ResultCache | None:
    from policylint import cache, results

    if cache.directory() is None:
        return None
    try:
        return results.ResultCache(prepared.fingerprint())
    except OSError:
        return None  # a pack or config vanished: lint without the cache; errors surface later


def _digest(path: str, max_size: int) -> str | None:
    """The content key of a file, or None when it is not to be cached (too big, unreadable)."""
    from policylint.results import ResultCache

    try:
        with open(path, "rb") as handle:
            if max_size and os.fstat(handle.fileno()).st_size > max_size:
                return None
            return ResultCache.digest(handle.read())
    except OSError:
        return None


def _github_step_summary(report: Report, env: dict[str, str]) -> None:
    """Append the findings table to $GITHUB_STEP_SUMMARY when GitHub provides one."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from policylint.formatters import github

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(github.step_summary(report))
    except OSError as exc:
        print(
            f"policylint: warning: cannot write step summary {path}: {exc.strerror}",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: the fast path for ``check``, typer for the rest."""
    _quiet_start_and_exit()
    try:
        args = list(sys.argv[1:] if argv is None else argv)
        if args[:1] == ["check"]:
            options = parse_argv(args[1:])
            if options is not None:
                sys.exit(run(options))
        from policylint.cli import main as typer_main

        typer_main()
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
