"""The typer app: ``check`` and ``audit`` (built from the options' one declaration),
``rules``, ``explain``, ``lsp`` and ``tree``.

Kept thin on purpose: every decision lives in the modules it calls. Reached
through ``policylint.cli.main``, which serves plain ``check`` runs without it.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from policylint import __version__
from policylint.cli.options import (
    audit_options_from_typer,
    audit_specs,
    options_from_typer,
    typer_command,
)

if TYPE_CHECKING:
    from policylint.engine.session import Session

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint privacy notices kept as Markdown: dates, contacts, authorities, fee claims.",
)


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


def check(**values: object) -> None:
    """Lint privacy notices and report findings as path:line:col."""
    from policylint.engine import checking

    raise typer.Exit(checking.run(options_from_typer(values)))


app.command("check")(typer_command(check))


def audit(**values: object) -> None:
    """Audit a whole archive: one record per notice (notices.jsonl) and a report (report.html)."""
    from policylint.audit.run import run

    raise typer.Exit(run(audit_options_from_typer(values)))


AUDIT_PATHS_HELP = "Folders of notices (*.md, *.markdown), files or globs. Default: ."
app.command("audit")(typer_command(audit, audit_specs(), AUDIT_PATHS_HELP))


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
def lsp(
    today: Annotated[
        str | None,
        typer.Option("--today", help="Reference date for staleness, YYYY-MM-DD (default: today)."),
    ] = None,
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Accepted for clients that pass it: stdio is the only way."),
    ] = False,
) -> None:
    """Start the language server on standard input and output (for editors)."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        _fail(f"--today: not a date (YYYY-MM-DD): {today!r}")
    try:
        from policylint.cli.lsp import serve
    except ImportError as exc:
        _fail(f"the language server needs pygls: pip install 'policylint[lsp]' ({exc})")
    serve(day)


@app.command()
def tree(
    file: Annotated[str, typer.Argument(help="The policy file to show.")],
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TreeFormat.text,
) -> None:
    """Show the section tree policylint understood, with line numbers."""
    from policylint.base.positions import one_based
    from policylint.parse.source import UnreadableFile, decode
    from policylint.parse.tree import parse

    try:
        with open(file, "rb") as handle:
            source = decode(file, handle.read())
    except (OSError, UnreadableFile) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _fail(f"{file}: {reason}")
    doc = parse(source)
    if output_format is TreeFormat.json:
        data = {"path": file, **doc.root.as_dict()}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = len(str(source.line_count))
    for section in doc.sections():
        line = one_based(section.line)
        typer.echo(f"{line:>{width}}  {'  ' * (section.level - 1)}{section.title}")


def run_app(args: list[str]) -> None:
    """Run the typer app on ``args``; exits with its status.

    A mistake on the command line ends in one line on standard error, like
    every other error of policylint, and exit status 2 (typer would draw a
    box around it). Usage errors are recognised by their shape (an
    ``exit_code`` of 2 and ``format_message``), which typer's click and
    click itself share.
    """
    try:
        status = app(args=args, prog_name="policylint", standalone_mode=False)
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
