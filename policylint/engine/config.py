"""Configuration: ``[tool.policylint]`` in pyproject.toml, or ``.policylint.toml``.

Found by walking up from the working directory (``--config FILE`` names one
instead); command-line flags override it. Every key is checked before any
file is read: an unknown key, a rule that does not exist or an option of the
wrong type stops the run with exit 2 and a hint, like ruff and yamllint do.

Keys: ``select``, ``extend-select``, ``ignore`` (rule codes, code prefixes
or names), ``per-file-ignores`` (gitignore-style pattern -> rules, as in
ruff), ``severity`` (rule -> error|warning|info), a table per rule for its
options (``[tool.policylint.last-updated-stale] max-age-days = 180``),
``jurisdiction``, ``language``, ``include`` (globs), ``exclude``
(gitignore-style patterns), ``force-exclude``, ``rules`` (extra rule packs,
relative to the config file), ``fail-on`` (error|warning|info),
``max-file-size`` (default 20MB; 0 for no limit), ``encoding`` (for files
that are not UTF-8, e.g. "latin-1"), ``not-applicable`` (Article 13/14 items a
team's notices need not give, e.g. ``["automated-decisions-missing"]``: ignored
like ``ignore``), ``message-language`` (``en``, a
language with a catalogue in ``policylint/locale``, or ``auto``), ``diff-base`` (the
git revision PL104 compares with), ``unsafe-fixes`` (``--fix`` applies unsafe fixes),
``baseline`` (a baseline file, relative to the config file: ``engine/baseline``).
``schemas/policylint-config.schema.json`` describes the same keys for editors.

A mistake is blamed on where it was made: the file and key, or the flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from policylint.base.findings import Severity
from policylint.engine.discover import DEFAULT_INCLUDE
from policylint.packs import jurisdictions
from policylint.rules.context import DEFAULT_MAX_FILE_SIZE

KEYS = (
    "select", "extend-select", "ignore", "per-file-ignores", "severity", "jurisdiction",
    "language", "include", "exclude", "force-exclude", "rules", "fail-on", "max-file-size",
    "encoding", "message-language", "not-applicable", "diff-base", "unsafe-fixes", "baseline",
)  # fmt: skip
_UNITS = {"": 1, "b": 1, "kb": 1024, "k": 1024, "mb": 1024**2, "m": 1024**2, "gb": 1024**3}
CONFIG_FILES = (".policylint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used: the file and what is wrong."""


_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Config(NamedTuple):
    """Settings from a config file, merged with the command line."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    """Items a notice need not give (Article 13/14 rules): switched off like ``ignore``."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = _EMPTY
    severity: Mapping[str, str] = _EMPTY
    options: Mapping[str, Mapping[str, Any]] = _EMPTY
    jurisdiction: tuple[str, ...] | None = None
    language: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    rules: tuple[Path, ...] = ()
    fail_on: Severity = Severity.ERROR
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encoding: str | None = None
    message_language: str | None = None
    diff_base: str | None = None
    """The git revision PL104 compares notices with (``origin/main``)."""
    unsafe_fixes: bool = False
    """``--fix`` and ``--diff`` apply unsafe fixes too."""
    baseline: Path | None = None
    flags: Mapping[str, tuple[str, ...]] = _EMPTY
    """Rule selectors given on the command line, by key (``select``...): errors blame the flag."""

    def portable(self) -> Config:
        """This config with its read-only mappings as plain dicts: it pickles (to Dask
        workers), and its repr, which keys caches, is the same wherever it is rebuilt."""
        return self._replace(
            **{
                name: _plain(value)
                for name, value in self._asdict().items()
                if isinstance(value, Mapping)
            }
        )

    @property
    def root(self) -> Path:
        """The folder globs and pack paths are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def where(self, key: str, selector: str = "") -> str:
        """Who to blame for ``selector`` under ``key``: the flag, or the config file and key."""
        name = key.replace("_", "-")
        if selector in self.flags.get(key, ()) or self.path is None:
            return f"--{name}"
        table = "[tool.policylint] " if self.path.name == "pyproject.toml" else ""
        return f"{self.path}: {table}{name}"


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def find(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` that configures policylint."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            if b"policylint" not in handle.read():  # no section can be there: skip the parse
                return False
        return "policylint" in _toml(path).get("tool", {})
    except OSError:
        return True  # let load() report the unreadable file
    except ConfigError:
        return True  # let load() report the broken file


def _toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load(path: Path) -> Config:
    """Read and check the keys of one config file (rules are checked by ``apply``)."""
    data = _toml(path)
    table = data.get("tool", {}).get("policylint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.policylint] must be a table")
    where = f"{path}: [tool.policylint]" if path.name == "pyproject.toml" else str(path)
    if path.name != "pyproject.toml" and isinstance(table.get("tool"), dict):
        raise ConfigError(
            f"{path}: write the keys at the top level; [tool.policylint] is for pyproject.toml"
        )
    options = {k: v for k, v in table.items() if k not in KEYS and isinstance(v, dict)}
    for key, value in table.items():
        # A table is a rule's options, unless its name is a typo of a key ("severty").
        if key not in KEYS and (not isinstance(value, dict) or hint(key, KEYS, 0.8)):
            raise ConfigError(f"{where}: unknown key {key!r}{hint(key, KEYS)}")
    jurisdiction = _strings(table, "jurisdiction", where) if "jurisdiction" in table else None
    return Config(
        path=path,
        select=_strings(table, "select", where) if "select" in table else None,
        extend_select=_strings(table, "extend-select", where),
        ignore=_strings(table, "ignore", where),
        not_applicable=_strings(table, "not-applicable", where),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), where),
        severity=_severities(table.get("severity", {}), where),
        options=options,
        jurisdiction=check_jurisdictions(jurisdiction, f"{where}: 'jurisdiction'"),
        language=check_language(_string(table, "language", where), f"{where}: 'language'"),
        include=_strings(table, "include", where) or DEFAULT_INCLUDE,
        exclude=_strings(table, "exclude", where),
        force_exclude=_bool(table, "force-exclude", where),
        rules=tuple(path.parent / p for p in _strings(table, "rules", where)),
        fail_on=_fail_on(table.get("fail-on", "error"), where),
        max_file_size=parse_size(table.get("max-file-size", DEFAULT_MAX_FILE_SIZE), where),
        encoding=check_encoding(_string(table, "encoding", where), where),
        message_language=check_message_language(
            _string(table, "message-language", where), f"{where}: 'message-language'"
        ),
        diff_base=_string(table, "diff-base", where) or None,
        unsafe_fixes=_bool(table, "unsafe-fixes", where),
        baseline=path.parent / file if (file := _string(table, "baseline", where)) else None,
    )


def parse_size(value: Any, where: str) -> int:
    """``20MB``, ``512 KB``, ``1048576`` -> bytes (0 means no limit)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise ConfigError(
            f"{where}: 'max-file-size' must be bytes or a size like '20MB', not {value!r}"
        )
    return int(float(match.group(1)) * _UNITS[unit])


def check_language(value: str | None, where: str) -> str | None:
    """A language tag (``de``, ``de-DE``, ``nl_NL``) as a code the packs know, or None.

    The one list of valid languages is ``knowledge.languages``.
    """
    if value is None:
        return None
    from policylint.packs.builtin import languages
    from policylint.packs.knowledge import language_code

    code = language_code(value)
    known = languages()
    if code is None or code not in known:
        raise ConfigError(f"{where}: unknown language {value!r} (known: {', '.join(known)})")
    return code


def check_message_language(value: str | None, where: str) -> str | None:
    """``auto``, ``en`` or a language with a message catalogue (``de``, ``de-DE``), or None.

    The one list of valid languages is the catalogues shipped (``base/messages``).
    """
    if value is None:
        return None
    from policylint.base import messages

    code = value.strip().lower().replace("_", "-").split("-")[0]
    known = (messages.AUTO, *messages.languages())
    if code not in known:
        raise ConfigError(
            f"{where}: unknown message language {value!r} (known: {', '.join(known)})"
        )
    return code


def check_jurisdictions(values: Sequence[str] | None, where: str) -> tuple[str, ...] | None:
    """The values, when each is a jurisdiction (``is_jurisdiction``), else a ConfigError."""
    if values is None:
        return None
    for value in values:
        if not jurisdictions.is_jurisdiction(value):
            raise ConfigError(
                f"{where}: unknown jurisdiction {value!r} "
                "(UK, NL, EU, US or another ISO 3166 country code)"
            )
    return tuple(values)


def check_encoding(name: str | None, where: str) -> str | None:
    """A codec name Python knows, or None."""
    if name is None:
        return None
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ConfigError(f"{where}: unknown encoding {name!r}") from None


def hint(key: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    import difflib  # only for a hint in an error message

    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _string(table: Mapping[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    return value


def _bool(table: Mapping[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key!r} must be true or false")
    return value


def _per_file_ignores(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of pattern = [rules]")
    return {
        str(pattern): _strings(value, pattern, f"{where}: per-file-ignores") for pattern in value
    }


def _severities(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of rule = \"error|warning|info\"")
    for rule, level in value.items():
        try:
            Severity.parse(str(level))
        except ValueError:
            raise ConfigError(
                f"{where}: severity of {rule!r} must be error, warning or info, not {level!r}"
            ) from None
    return {str(k): str(v) for k, v in value.items()}


def _fail_on(value: Any, where: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise ConfigError(
            f"{where}: 'fail-on' must be error, warning or info, not {value!r}"
        ) from None


def merge(base: Config, **overrides: Any) -> Config:
    """``base`` with the command-line values that were given (not None)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    if "rules" in given:
        given["rules"] = base.rules + tuple(given["rules"])
    return base._replace(**given)
