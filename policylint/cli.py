"""The command line: wires discovery, the linter core and a formatter together.

Kept thin on purpose: every decision lives in the modules it calls. Exit
status: 0 clean, 1 findings at or above the failing severity, 2 usage or
configuration errors (including paths that do not exist).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from typing import Annotated

import typer

from policylint import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint privacy notices kept as Markdown: dates, contacts, authorities, fee claims.",
)


class CheckFormat(enum.StrEnum):
    """Output formats of ``check``."""

    text = "text"
    json = "json"


class Language(enum.StrEnum):
    """Languages the built-in phrase packs cover."""

    en = "en"
    nl = "nl"


class TreeFormat(enum.StrEnum):
    """Output formats of ``tree``."""

    text = "text"
    json = "json"


def _error(message: str) -> None:
    typer.echo(f"policylint: error: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policylint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Lint privacy notices kept as Markdown."""


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories (directories: *.md, *.markdown). Default: ."),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CheckFormat.text,
    today: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Reference date for staleness (default: today)."),
    ] = None,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            "--jurisdiction",
            "-j",
            help="Law that applies, overriding detection: UK, NL, EU, US or a country code "
            "(repeat or separate with commas).",
        ),
    ] = None,
    language: Annotated[
        Language | None, typer.Option(help="Language of the notices, overriding detection.")
    ] = None,
) -> None:
    """Lint privacy notices and report findings as path:line:col."""
    from policylint import discover, linter, registry
    from policylint.context import Settings
    from policylint.findings import Severity
    from policylint.formatters import Summary, get
    from policylint.profile import normalise_jurisdiction

    jurisdictions = None
    if jurisdiction:
        codes = (code for value in jurisdiction for code in value.split(",") if code.strip())
        jurisdictions = frozenset(normalise_jurisdiction(code) for code in codes)
    settings = Settings(
        today=today.date() if today else dt.date.today(),
        jurisdictions=jurisdictions,
        language=language.value if language else None,
    )
    rules = registry.builtin_rules()
    findings = []
    files = 0
    missing = []
    for item in discover.discover(paths or ["."]):
        if isinstance(item, discover.Missing):
            missing.append(item.path)
            continue
        files += 1
        findings.extend(linter.lint_file(item, rules, settings))
    findings = linter.sort_findings(findings)
    get(output_format.value).write(findings, Summary(files), sys.stdout)
    for path in missing:
        _error(f"{path}: no such file or directory")
    if missing:
        raise typer.Exit(2)
    if any(f.severity >= Severity.ERROR for f in findings):
        raise typer.Exit(1)


@app.command()
def tree(
    file: Annotated[str, typer.Argument(help="The policy file to show.")],
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TreeFormat.text,
) -> None:
    """Show the section tree policylint understood, with line numbers."""
    from policylint import document
    from policylint.source import UnreadableFile, decode

    try:
        with open(file, "rb") as handle:
            source = decode(file, handle.read())
    except (OSError, UnreadableFile) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _error(f"{file}: {reason}")
        raise typer.Exit(2) from None
    doc = document.parse(source)
    if output_format is TreeFormat.json:
        data = {"path": file, **doc.root.as_dict()}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = len(str(source.line_count))
    for section in doc.sections():
        typer.echo(f"{section.line:>{width}}  {'  ' * (section.level - 1)}{section.title}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="policylint")
