"""The typer form of ``check``'s options, built from their one declaration.

``engine/options.py`` declares each option once (flags, kind, default, help)
as a field of ``CheckOptions``; here each becomes a typer parameter, and
typer's values become ``CheckOptions`` again. Only ``--help`` and usage
errors come this way: plain runs are read by the fast parser.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
from collections.abc import Callable, Sequence
from dataclasses import Field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policylint.engine.options import PATHS_HELP, CheckOptions, declared, default

if TYPE_CHECKING:
    from policylint.audit.options import AuditOptions

_TYPES: dict[str, Any] = {
    "value": str | None,
    "path": Path | None,
    "paths": list[Path] | None,
    "list": list[str] | None,
    "date": dt.datetime | None,
    "int": int | None,
    "count": int,
    "flag": bool,
    "toggle": bool | None,
}


def _parameter(spec: Field[Any]) -> inspect.Parameter:
    """The typer parameter of one declared option."""
    meta = spec.metadata
    kind, flags = meta["kind"], list(meta["flags"])
    value = default(spec)
    extra: dict[str, Any] = {}
    annotation = _TYPES.get(kind)
    if kind == "choice":
        name = spec.name.title().replace("_", "")
        choices = enum.StrEnum(name, {c: c for c in meta["choices"]})  # type: ignore[misc]
        annotation = choices | None
        value = choices(value) if value is not None else None
    elif kind == "toggle":
        flags = [f"{flags[0]}/--no-{flags[0][2:]}", *flags[1:]]
    elif kind == "date":
        extra["formats"] = ["%Y-%m-%d"]
    elif kind == "count":
        extra.update(count=True, metavar="", show_default=False)
    elif kind == "int" and meta["minimum"] is not None:
        extra["min"] = meta["minimum"]
    if kind in ("paths", "list"):
        value = None  # typer reads a list default as given values
    option = typer.Option(*flags, help=meta["help"], **extra)
    typed = Annotated[annotation, option]  # type: ignore[valid-type]
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=value,
                             annotation=typed)  # fmt: skip


def typer_command(
    function: Callable[..., None],
    specs: Sequence[Field[Any]] | None = None,
    paths_help: str = PATHS_HELP,
) -> Callable[..., None]:
    """``function`` with the signature typer reads: the paths, then every option
    (``specs``: declared fields; default: all of ``check``'s)."""
    paths = inspect.Parameter(
        "paths",
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[list[str] | None, typer.Argument(help=paths_help)],
    )
    chosen = declared() if specs is None else specs
    parameters = [paths, *(_parameter(spec) for spec in chosen)]
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    function.__annotations__ = {p.name: p.annotation for p in parameters}
    return function


def options_from_typer(values: dict[str, Any]) -> CheckOptions:
    """The ``CheckOptions`` of typer's parsed values."""
    options = CheckOptions(paths=list(values.get("paths") or []))
    _set(options, declared(), values)
    return options


def audit_specs() -> list[Field[Any]]:
    """The options of ``audit``: its own, then those it shares with ``check``."""
    from policylint.audit.options import SHARED, AuditOptions

    own = [f for f in fields(AuditOptions) if "flags" in f.metadata]
    return own + [spec for spec in declared() if spec.name in SHARED]


def audit_options_from_typer(values: dict[str, Any]) -> AuditOptions:
    """The ``AuditOptions`` of typer's parsed values."""
    from policylint.audit.options import SHARED, AuditOptions

    options = AuditOptions(paths=list(values.get("paths") or []))
    own = [f for f in fields(AuditOptions) if "flags" in f.metadata]
    _set(options, own, values)
    _set(options.check, [spec for spec in declared() if spec.name in SHARED], values)
    return options


def _set(options: object, specs: Sequence[Field[Any]], values: dict[str, Any]) -> None:
    for spec in specs:
        value = values[spec.name]
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, dt.datetime):
            value = value.date()
        elif value is None and spec.metadata["kind"] == "paths":
            value = []
        setattr(options, spec.name, value)
