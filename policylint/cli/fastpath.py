"""The fast path's reader of ``check`` arguments, built from the options' declaration.

Reads ``check ARGS...`` into ``CheckOptions`` without importing typer; anything
it does not fully accept is left to the typer command (``cli/app.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import Field
from functools import cache
from pathlib import Path
from typing import Any

from policylint.engine.options import CheckOptions, declared


@cache
def _by_flag() -> dict[str, tuple[Field[Any], Any]]:
    """Flag -> (field, value of a flag that takes none): ``--no-cache`` -> (cache, False)."""
    table: dict[str, tuple[Field[Any], Any]] = {}
    for spec in declared():
        for flag in spec.metadata["flags"]:
            table[flag] = (spec, True)
        if spec.metadata["kind"] == "toggle":
            table["--no-" + spec.metadata["flags"][0][2:]] = (spec, False)
    return table


def parse_argv(argv: Sequence[str]) -> CheckOptions | None:
    """Options for ``check ARGS...``, or None to let the typer command handle them.

    Accepts ``--flag value``, ``--flag=value``, repeated short counts
    (``-qq``) and ``--`` before paths; None for anything else (``--help``, an
    unknown flag, a value out of range), so that typer reports it.
    """
    table = _by_flag()
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
        repeats = 1
        short = table.get(flag[:2]) if len(set(flag)) == 2 else None
        if short is not None and short[0].metadata["kind"] == "count":
            flag, repeats = flag[:2], len(flag) - 1  # -qq
        if flag not in table:
            return None
        spec, constant = table[flag]
        kind, name = spec.metadata["kind"], spec.name
        if kind in ("count", "flag", "toggle"):
            if has_value:
                return None
            now = getattr(options, name)
            setattr(options, name, now + repeats if kind == "count" else constant)
            continue
        if not has_value:
            if not args:
                return None
            value = args.pop(0)
        parsed = read_value(spec, value)
        if parsed is None:
            return None
        if kind in ("list", "paths"):
            setattr(options, name, [*(getattr(options, name) or []), parsed])
        else:
            setattr(options, name, parsed)
    return options


def read_value(spec: Field[Any], value: str) -> object | None:
    """``value`` read as the option's kind, or None when it is not valid for it."""
    kind = spec.metadata["kind"]
    if kind == "choice":
        return value if value in spec.metadata["choices"] else None
    if kind in ("path", "paths"):
        return Path(value)
    if kind == "date":
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    if kind == "int":
        minimum = spec.metadata["minimum"]
        if not value.isdigit() or (minimum is not None and int(value) < minimum):
            return None
        return int(value)
    return value
