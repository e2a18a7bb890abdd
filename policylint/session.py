"""A lint run put together: configuration and flags become rules and settings.

The command line hands over what the user typed; this module finds and
reads the config file, loads every rule (built-in, packs, plugins), applies
select/ignore/severity/options and builds the Settings rules read. Every
mistake surfaces here, before any file is read, as one exception whose
message names the file and the problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from policylint import config as configuration
from policylint import discover, registry
from policylint.config import Config, ConfigError
from policylint.context import Settings
from policylint.findings import Severity
from policylint.profile import normalise_jurisdiction
from policylint.registry import Rule


@dataclass(frozen=True)
class Session:
    """Everything a run needs besides the paths."""

    config: Config
    rules: list[Rule]  # the active ones, configured
    all_rules: list[Rule]
    settings: Settings

    def files(self, paths: Sequence[str]) -> Iterator[str | discover.Missing]:
        """Files to lint under ``paths`` (``.`` when none), honouring include/exclude."""
        cfg = self.config
        return discover.discover(paths or ["."], cfg.include, cfg.exclude, cfg.root)


def prepare(
    *,
    config_file: Path | None = None,
    today: dt.date | None = None,
    packs: Sequence[Path] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    jurisdiction: Sequence[str] | None = None,
    language: str | None = None,
    fail_on: str | None = None,
    max_file_size: str | None = None,
    encoding: str | None = None,
    plugins: bool = True,
) -> Session:
    """Build a Session; raises ConfigError, PackError or PluginError on a mistake."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: config file not found")
        base = configuration.load(config_file)
    else:
        found = configuration.find(Path.cwd())
        base = configuration.load(found) if found else Config()
    cfg = configuration.merge(
        base,
        select=_split(select),
        ignore=(*base.ignore, *(_split(ignore) or ())) if ignore else None,
        jurisdiction=_split(jurisdiction),
        language=language,
        rules=tuple(packs) if packs else None,
        fail_on=_severity(fail_on),
        max_file_size=(
            configuration.parse_size(max_file_size, "--max-file-size") if max_file_size else None
        ),
        encoding=configuration.check_encoding(encoding, "--encoding"),
    )
    every = registry.load_all(cfg.rules, plugins=plugins)
    active = configuration.apply(every, cfg)
    known = frozenset(r.code for r in every) | frozenset(r.name for r in every)
    settings = Settings(
        today=today or dt.date.today(),
        jurisdictions=(
            frozenset(normalise_jurisdiction(j) for j in cfg.jurisdiction)
            if cfg.jurisdiction
            else None
        ),
        language=cfg.language,
        known_rules=known,
        max_file_size=cfg.max_file_size,
        encoding=cfg.encoding,
    )
    return Session(cfg, active, every, settings)


def _split(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _severity(value: str | None) -> Severity | None:
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"--fail-on: {exc}") from None
