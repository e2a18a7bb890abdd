"""The command line: wires a session, discovery, the linter core and a formatter.

Kept thin on purpose: every decision lives in the modules it calls. Exit
status: 0 clean, 1 findings at or above the failing severity, 2 usage or
configuration errors (including paths that do not exist, reported after the
other files are linted).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from policylint import __version__

if TYPE_CHECKING:
    from policylint.engine.session import Session

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint privacy notices kept as Markdown: dates, contacts, authorities, fee claims.",
)


class CheckFormat(enum.StrEnum):
    """Output formats of ``check``."""

    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class Level(enum.StrEnum):
    """Severities, for ``--fail-on``."""

    error = "error"
    warning = "warning"
    info = "info"


class TreeFormat(enum.StrEnum):
    """Output formats of ``tree`` and ``rules``."""

    text = "text"
    json = "json"


def _fail(message: str) -> NoReturn:
    typer.echo(f"policylint: error: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policylint {__version__}")
        raise typer.Exit()


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Config file (default: nearest .policylint.toml or pyproject.toml)."
    ),
]
RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="Extra YAML rule pack, or a folder of them (repeatable)."),
]


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Lint privacy notices kept as Markdown."""


def _session(**kwargs: object) -> Session:
    from policylint.engine import session
    from policylint.engine.config import ConfigError
    from policylint.engine.plugins import PluginError
    from policylint.packs.loader import PackError

    try:
        return session.prepare(**kwargs)  # type: ignore[arg-type]
    except (ConfigError, PackError, PluginError, ValueError) as exc:
        _fail(str(exc))


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (*.md, *.markdown; .gitignore honoured), globs such as "
            "'docs/**/*.md', or - for standard input. Default: ."
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format", "-f", help="Output format; auto is github inside GitHub Actions, else text."
        ),
    ] = CheckFormat.auto,
    output_file: Annotated[
        Path | None, typer.Option("--output-file", "-o", help="Write the report here instead.")
    ] = None,
    sarif_file: Annotated[
        Path | None,
        typer.Option("--sarif-file", help="Also write a SARIF report here (same run)."),
    ] = None,
    show_source: Annotated[
        bool, typer.Option("--show-source", help="Show the source lines of each finding.")
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color", help="Colour (default: on a terminal, unless NO_COLOR)."
        ),
    ] = None,
    today: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Reference date for staleness (default: today)."),
    ] = None,
    config: ConfigOption = None,
    rules: RulesOption = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rules (codes, prefixes or names).")
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(help="Rules to add to those selected.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules.")] = None,
    fail_on: Annotated[
        Level | None, typer.Option(help="Exit 1 on findings at or above this severity.")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            "--jurisdiction",
            help="Law that applies, overriding detection: UK, NL, EU, US or a country code "
            "(repeat or separate with commas).",
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            help="Language of the notices, overriding detection: a code such as en, nl or de."
        ),
    ] = None,
    max_file_size: Annotated[
        str | None,
        typer.Option(help="Skip (and report) larger files, e.g. 20MB; 0 for no limit."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Decode files that are not UTF-8 with this encoding, e.g. latin-1."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes for large batches (default: cores)."
        ),
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse results of unchanged files.")
    ] = True,
    stdin_filename: Annotated[
        str | None,
        typer.Option(help="The path to report for standard input (-), and to match config by."),
    ] = None,
    force_exclude: Annotated[
        bool, typer.Option("--force-exclude", help="Apply exclude to files named explicitly too.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print the number of findings per rule instead.")
    ] = False,
    quiet: Annotated[
        int,
        typer.Option(
            "--quiet", "-q", count=True, help="Findings only, no summary; -qq: print nothing."
        ),
    ] = 0,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Say which config, how many files, how long."),
    ] = False,
    show_files: Annotated[
        bool, typer.Option("--show-files", help="List the files that would be checked.")
    ] = False,
    show_settings: Annotated[
        bool,
        typer.Option(
            "--show-settings",
            help="Show the config file, the rules and each notice's language and jurisdictions.",
        ),
    ] = False,
) -> None:
    """Lint privacy notices and report findings as path:line:col."""
    from policylint.engine import checking

    options = checking.CheckOptions(
        paths=paths or [],
        output_format=output_format.value,
        output_file=output_file,
        sarif_file=sarif_file,
        show_source=show_source,
        color=color,
        today=today.date() if today else None,
        config=config,
        rules=rules or [],
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        fail_on=fail_on.value if fail_on else None,
        exit_zero=exit_zero,
        jurisdiction=jurisdiction,
        language=language,
        max_file_size=max_file_size,
        encoding=encoding,
        jobs=jobs,
        cache=cache,
        stdin_filename=stdin_filename,
        force_exclude=force_exclude,
        statistics=statistics,
        quiet=quiet,
        verbose=verbose,
        show_files=show_files,
        show_settings=show_settings,
    )
    raise typer.Exit(checking.run(options))


@app.command("rules")
def list_rules(
    config: ConfigOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TreeFormat.text,
) -> None:
    """List every rule: code, name, severity, where it comes from, what it checks."""
    run = _session(config_file=config, packs=rules or ())
    active = {r.code for r in run.rules}
    if output_format is TreeFormat.json:
        configured = {r.code: r for r in run.rules}
        data = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": str(configured.get(rule.code, rule).severity),
                "enabled": rule.code in active,
                "origin": _origin(rule),
                "summary": rule.summary,
                "url": rule.url,
            }
            for rule in run.all_rules
        ]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max(len(r.name) for r in run.all_rules)
    for rule in run.all_rules:
        mark = " " if rule.code in active else "-"
        severity = next((r.severity for r in run.rules if r.code == rule.code), rule.severity)
        origin = _origin(rule)
        columns = f"{mark}{rule.code:<8} {rule.name:<{width}}  {severity!s:<7}  {origin:<22}"
        typer.echo(f"{columns}  {rule.summary}")


def _origin(rule: object) -> str:
    origin = str(getattr(rule, "origin", ""))
    if origin.startswith(str(Path.cwd())):
        origin = origin[len(str(Path.cwd())) + 1 :]
    return "built-in" if origin == "policylint" else origin


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(help="A rule code or name, e.g. PL401 or fee-claim-unsupported.")
    ],
    config: ConfigOption = None,
    rules: RulesOption = None,
) -> None:
    """Explain a rule: why it exists, its options, an example that fires and one that does not."""
    import difflib
    import inspect

    run = _session(config_file=config, packs=rules or ())
    found = next((r for r in run.all_rules if rule in (r.code, r.name)), None)
    if found is None:
        names = [r.name for r in run.all_rules] + [r.code for r in run.all_rules]
        close = difflib.get_close_matches(rule, names, n=1)
        _fail(f"no rule {rule!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    configured = next((r for r in run.rules if r.code == found.code), None)
    typer.echo(f"{found.code} {found.name} ({found.severity}, from {_origin(found)})")
    if configured is None:
        typer.echo("Not enabled by the current configuration.")
    elif configured.severity != found.severity:
        typer.echo(f"Configured severity: {configured.severity}")
    typer.echo("")
    typer.echo(inspect.cleandoc(found.doc))
    if found.options:
        typer.echo("\nOptions:")
        current = configured.options if configured else found.options
        for key, default in found.options.items():
            typer.echo(f"  {key} = {current.get(key, default)!r} (default {default!r})")
    if found.url:
        typer.echo(f"\nMore: {found.url}")


@app.command()
def tree(
    file: Annotated[str, typer.Argument(help="The policy file to show.")],
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TreeFormat.text,
) -> None:
    """Show the section tree policylint understood, with line numbers."""
    from policylint.base.positions import one_based
    from policylint.parse import document
    from policylint.parse.source import UnreadableFile, decode

    try:
        with open(file, "rb") as handle:
            source = decode(file, handle.read())
    except (OSError, UnreadableFile) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _fail(f"{file}: {reason}")
    doc = document.parse(source)
    if output_format is TreeFormat.json:
        data = {"path": file, **doc.root.as_dict()}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = len(str(source.line_count))
    for section in doc.sections():
        line = one_based(section.line)
        typer.echo(f"{line:>{width}}  {'  ' * (section.level - 1)}{section.title}")


def main() -> None:
    """Run the typer CLI (``policylint.engine.checking.main`` tries the fast path first).

    A mistake on the command line ends in one line on standard error, like
    every other error of policylint, and exit status 2 (typer would draw a
    box around it). Usage errors are recognised by their shape (an
    ``exit_code`` of 2 and ``format_message``), which typer's click and
    click itself share.
    """
    try:
        status = app(prog_name="policylint", standalone_mode=False)
    except Exception as exc:
        if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
            raise
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and context is not None:
            typer.echo(context.get_help(), err=True)
            raise SystemExit(2) from None
        where = f"{context.command_path}: " if context is not None else ""
        message = " ".join(str(exc.format_message()).split())
        typer.echo(f"policylint: error: {where}{message} (see --help)", err=True)
        raise SystemExit(2) from None
    raise SystemExit(status if isinstance(status, int) else 0)
