"""The options of ``policylint check``, declared once.

Each option is a field of ``CheckOptions`` whose metadata gives its flags,
kind and help. Two readers are built from it, both in ``cli/``: the small
parser of the fast path (``cli/fastpath.parse_argv``: a pre-commit hook must
not pay the 25-35 ms that importing typer costs) and the typer command
(``cli/options.py``), which serves ``--help`` and reports usage errors.
Whatever the fast parser does not fully accept (help, a bad value, a flag it
does not know) it leaves to typer, so both read the same declaration and
cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, Field, dataclass, field, fields
from pathlib import Path
from typing import Any

from policylint import report

FORMATS = ("auto", *report.FORMATS)
"""Output formats of ``check``; ``auto`` is github inside GitHub Actions, else text."""
LEVELS = ("error", "warning", "info")

KINDS = ("value", "choice", "path", "paths", "list", "date", "int", "count", "flag", "toggle")
"""How an option's value is read:

- ``value``: one string; ``choice``: one of ``choices``; ``path``: a Path;
  ``date``: ``YYYY-MM-DD``; ``int``: a whole number, at least ``minimum``;
- ``paths``, ``list``: repeatable, values collected in order (Paths, strings);
- ``count``: a flag that may repeat (``-q``, ``-qq``), counted;
- ``flag``: present means True; ``toggle``: ``--x`` True, ``--no-x`` False.
"""


def option(
    default: Any,
    *flags: str,
    kind: str,
    help: str,
    choices: tuple[str, ...] = (),
    minimum: int | None = None,
) -> Any:
    """A ``CheckOptions`` field declared as a command-line option.

    ``flags`` are the long flag first, then short ones (``"--jobs", "-j"``);
    a ``toggle`` is given its positive flag only: ``--no-`` is added.
    """
    assert kind in KINDS, kind
    meta = {"flags": flags, "kind": kind, "help": help, "choices": choices, "minimum": minimum}
    if isinstance(default, list):
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class CheckOptions:
    """Everything ``policylint check`` accepts; ``paths`` are its arguments."""

    paths: list[str] = field(default_factory=list)
    output_format: str = option(
        "auto",
        "--format",
        "-f",
        kind="choice",
        choices=FORMATS,
        help="Output format; auto is github inside GitHub Actions, else text.",
    )
    output_file: Path | None = option(
        None, "--output-file", "-o", kind="path", help="Write the report here instead."
    )
    sarif_file: Path | None = option(
        None, "--sarif-file", kind="path", help="Also write a SARIF report here (same run)."
    )
    show_source: bool = option(
        False, "--show-source", kind="flag", help="Show the source lines of each finding."
    )
    color: bool | None = option(
        None, "--color", kind="toggle", help="Colour (default: on a terminal, unless NO_COLOR)."
    )
    today: dt.date | None = option(
        None, "--today", kind="date", help="Reference date for staleness (default: today)."
    )
    config: Path | None = option(
        None,
        "--config",
        kind="path",
        help="Config file (default: nearest .policylint.toml or pyproject.toml).",
    )
    rules: list[Path] = option(
        [],
        "--rules",
        kind="paths",
        help="Extra YAML rule pack, or a folder of them (repeatable).",
    )
    select: list[str] | None = option(
        None, "--select", kind="list", help="Only these rules (codes, prefixes or names)."
    )
    extend_select: list[str] | None = option(
        None, "--extend-select", kind="list", help="Rules to add to those selected."
    )
    ignore: list[str] | None = option(None, "--ignore", kind="list", help="Skip these rules.")
    baseline: Path | None = option(
        None, "--baseline", kind="path", help="Report only findings not in this baseline file."
    )
    write_baseline: Path | None = option(
        None,
        "--write-baseline",
        kind="path",
        help="Record the findings in this baseline file instead of reporting them.",
    )
    fail_on: str | None = option(
        None,
        "--fail-on",
        kind="choice",
        choices=LEVELS,
        help="Exit 1 on findings at or above this severity.",
    )
    exit_zero: bool = option(
        False, "--exit-zero", kind="flag", help="Exit 0 even when there are findings."
    )
    jurisdiction: list[str] | None = option(
        None,
        "--jurisdiction",
        kind="list",
        help="Law that applies, overriding detection: UK, NL, EU, US or a country code "
        "(repeat or separate with commas).",
    )
    language: str | None = option(
        None,
        "--language",
        kind="value",  # checked against the packs' languages later
        help="Language of the notices, overriding detection: a code such as en, nl or de.",
    )
    message_language: str | None = option(
        None,
        "--message-language",
        kind="value",  # checked against the catalogues shipped (policylint/locale) later
        help="Language of the findings' messages: en (default), a language with a catalogue "
        "(nl, de, fr) or auto (each notice's own language).",
    )
    max_file_size: str | None = option(
        None,
        "--max-file-size",
        kind="value",
        help="Skip (and report) larger files, e.g. 20MB; 0 for no limit.",
    )
    encoding: str | None = option(
        None,
        "--encoding",
        kind="value",
        help="Decode files that are not UTF-8 with this encoding, e.g. latin-1.",
    )
    jobs: int | None = option(
        None,
        "--jobs",
        "-j",
        kind="int",
        minimum=1,
        help="Worker processes for large batches and large files (default: cores).",
    )
    fix: bool = option(
        False, "--fix", kind="flag",
        help="Apply safe fixes to the files, then report what is left.",
    )  # fmt: skip
    diff: bool = option(
        False, "--diff", kind="flag",
        help="Print the fixes as a unified diff instead of applying them; writes nothing.",
    )  # fmt: skip
    unsafe_fixes: bool | None = option(
        None, "--unsafe-fixes", kind="toggle",
        help="Let --fix and --diff apply unsafe fixes too (bump stale dates, add helplines).",
    )  # fmt: skip
    diff_base: str | None = option(
        None, "--diff-base", kind="value",
        help="Git revision to compare notices with for PL104 (e.g. origin/main; "
        "in a pre-commit hook: HEAD).",
    )  # fmt: skip
    cache: bool = option(True, "--cache", kind="toggle", help="Reuse results of unchanged files.")
    stdin_filename: str | None = option(
        None,
        "--stdin-filename",
        kind="value",
        help="The path to report for standard input (-), and to match config by.",
    )
    force_exclude: bool = option(
        False, "--force-exclude", kind="flag", help="Apply exclude to files named explicitly too."
    )
    statistics: bool = option(
        False, "--statistics", kind="flag", help="Print the number of findings per rule instead."
    )
    quiet: int = option(
        0, "--quiet", "-q", kind="count", help="Findings only, no summary; -qq: print nothing."
    )
    verbose: bool = option(
        False, "--verbose", "-v", kind="flag", help="Say which config, how many files, how long."
    )
    show_files: bool = option(
        False, "--show-files", kind="flag", help="List the files that would be checked."
    )
    show_settings: bool = option(
        False, "--show-settings", kind="flag",
        help="Show the config file, the rules and each notice's language and jurisdictions.",
    )  # fmt: skip


PATHS_HELP = (
    "Files, directories (*.md, *.markdown; .gitignore honoured), globs such as "
    "'docs/**/*.md', or - for standard input. Default: ."
)


def declared() -> tuple[Field[Any], ...]:
    """The fields of ``CheckOptions`` that are options (all but ``paths``), in order."""
    return tuple(f for f in fields(CheckOptions) if "flags" in f.metadata)


def default(spec: Field[Any]) -> Any:
    """The default value of an option's field."""
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    return spec.default
