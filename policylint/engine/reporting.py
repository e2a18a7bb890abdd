"""What ``check`` prints besides the lint itself: the report, statistics, settings, files.

The formatters render a finished Report; this module decides where it goes
(standard output or ``--output-file``, whose folder is created), whether
colour is on (never with ``NO_COLOR``; else ``--color``/``--no-color``;
else on with ``FORCE_COLOR``; else on a terminal; the variables count only
when set to something non-empty, as no-color.org and force-color.org say),
how quiet it is (``-q``: no summary line; ``-qq``: nothing on standard
output) and what ``--statistics``, ``--show-files``, ``--show-settings``
and ``--verbose`` print.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from policylint.base.findings import Finding
    from policylint.engine.options import CheckOptions
    from policylint.engine.session import Session
    from policylint.report import Report


def use_color(flag: bool | None, env: Mapping[str, str], terminal: bool) -> bool:
    """Off with NO_COLOR; else the flag when given; else on with FORCE_COLOR or a terminal."""
    if env.get("NO_COLOR"):
        return False
    if flag is not None:
        return flag
    if env.get("FORCE_COLOR"):
        return True
    return terminal


def report(
    prepared: Session,
    options: CheckOptions,
    findings: list[Finding],
    files: list[str],
    missing: list[str],
    to_stderr: bool = False,
    hidden: int = 0,
) -> None:
    """Write the report (or the statistics), the SARIF file and the GitHub step summary.

    ``to_stderr``: the report goes to standard error (standard output carries
    the fixed text of standard input, ``check --fix -``). ``hidden`` findings
    were hidden by a baseline (the text summary says how many).
    """
    from policylint.report import Report, RuleInfo, choose, get, write_file

    env = dict(os.environ)
    output = choose(options.output_format, env)
    rules = prepared.rules if output == "sarif" or options.sarif_file else []
    terminal = options.output_file is None and sys.stdout.isatty()
    result = Report(
        findings=findings,
        files=len(files),
        rules=[RuleInfo(r.code, r.name, r.severity, r.summary, r.doc, r.url) for r in rules],
        show_source=options.show_source,
        color=use_color(options.color, env, terminal),
        paths=files,
        missing=missing,
        fail_on=prepared.config.fail_on,
        encoding=prepared.config.encoding,
        unsafe_fixes=(
            options.unsafe_fixes
            if options.unsafe_fixes is not None
            else prepared.config.unsafe_fixes
        ),
        baselined=hidden,
    )
    if options.sarif_file:
        try:
            write_file("sarif", result._replace(color=False), options.sarif_file)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            from policylint.engine.config import ConfigError

            message = f"--sarif-file: cannot write {options.sarif_file}: {reason}"
            raise ConfigError(message) from None
    stream = sys.stderr if to_stderr else sys.stdout
    if options.output_file is None and options.quiet >= 2:
        pass  # -qq: the exit status says it all
    elif options.statistics:
        _write(options, lambda out: statistics(findings, out, as_json=output == "json"), stream)
    elif options.quiet and output == "text":
        _write(options, lambda out: out.write(_without_summary(result)), stream)
    else:
        _write(options, lambda out: get(output).write(result, out), stream)
    _github_step_summary(result, env)


def _write(options: CheckOptions, write: Callable[[TextIO], object], stream: TextIO) -> None:
    """Run ``write(out)`` on the output file (its folder created), else on ``stream``."""
    if options.output_file is None:
        write(stream)
        return
    from policylint.engine.config import ConfigError

    try:
        options.output_file.parent.mkdir(parents=True, exist_ok=True)
        with open(options.output_file, "w", encoding="utf-8") as out:
            write(out)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"--output-file: cannot write {options.output_file}: {reason}") from None


def _without_summary(result: Report) -> str:
    """The text report without its summary lines (``-q``)."""
    from policylint.report import text

    buffer = io.StringIO()
    text.write_findings(result, buffer)
    return buffer.getvalue()


def statistics(findings: Sequence[Finding], out: TextIO, as_json: bool = False) -> None:
    """Findings per rule, most first, as ruff's ``--statistics``: count, code, name."""
    counts = Counter((f.code, f.rule) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if as_json:
        data = [{"code": code, "name": name, "count": n} for (code, name), n in rows]
        out.write(json.dumps(data, indent=2) + "\n")
        return
    width = max((len(str(n)) for n in counts.values()), default=1)
    code_width = max((len(code) for code, _ in counts), default=1)
    for (code, name), n in rows:
        out.write(f"{n:>{width}}\t{code:<{code_width}}\t{name}\n")


def verbose_start(prepared: Session, count: int) -> None:
    """``-v``: which config file, how many files (on standard error)."""
    path = prepared.config.path
    print(f"policylint: config: {path if path else 'none (defaults)'}", file=sys.stderr)
    print(f"policylint: {count} file{'s' if count != 1 else ''} to check", file=sys.stderr)


def show_files(files: Sequence[str], missing: Sequence[str]) -> int:
    """``--show-files``: the files that would be checked, one a line."""
    for path in files:
        print(path)
    for path in missing:
        print(f"policylint: error: {path}: no such file or directory", file=sys.stderr)
    return 2 if missing else 0


def show_settings(prepared: Session, files: Sequence[str]) -> int:
    """``--show-settings``: config file, rules with severities, each notice's profile."""
    from policylint.parse import tree
    from policylint.parse.source import UnreadableFile, decode
    from policylint.rules.context import RuleContext

    cfg = prepared.config
    print(f"Config file: {cfg.path if cfg.path else 'none (defaults)'}")
    print(f"Include: {', '.join(cfg.include)}")
    print(f"Exclude: {', '.join(cfg.exclude) or '-'}")
    print(f"Fail on: {cfg.fail_on}")
    rules = prepared.rules
    width = max((len(r.name) for r in rules), default=0)
    print(f"Rules ({len(rules)} active):")
    for rule in rules:
        print(f"  {rule.code:<8} {rule.name:<{width}}  {rule.severity}")
    print(f"Files ({len(files)}):")
    context = RuleContext({}, prepared.settings)
    for path in files:
        try:
            with open(path, "rb") as handle:
                doc = tree.parse(decode(path, handle.read(), cfg.encoding))
        except (OSError, UnreadableFile) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"  {path}: cannot read: {reason}")
            continue
        profile = context.profile(doc)
        where = ", ".join(sorted(profile.jurisdictions)) or "none detected"
        print(f"  {path}: language {profile.language}, jurisdictions {where}")
    return 0


def _github_step_summary(result: Report, env: dict[str, str]) -> None:
    """Append the findings table to $GITHUB_STEP_SUMMARY when GitHub provides one."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    from policylint.report import github

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(github.step_summary(result))
    except OSError as exc:
        print(
            f"policylint: warning: cannot write step summary {path}: {exc.strerror}",
            file=sys.stderr,
        )
