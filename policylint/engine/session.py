"""A lint run put together: configuration and flags become rules and settings.

The command line hands over what the user typed; this module finds and
reads the config file, loads every rule (built-in, packs, plugins), applies
select/ignore/severity/options and builds the Settings rules read. Every
mistake surfaces as one exception whose message names the file and the
problem: at ``prepare`` time, or (``lazy=True``, for ``check``) when the
rules are first needed, so a run whose results are all cached never loads a
rule at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path

from policylint.base.findings import Finding, Severity
from policylint.base.rule import Rule
from policylint.engine import config as configuration
from policylint.engine import discover, selection
from policylint.engine.config import Config, ConfigError
from policylint.rules.context import Settings


class Session:
    """Everything a run needs besides the paths; rules are loaded on first use."""

    def __init__(self, config: Config, today: dt.date, plugins: bool = True):
        self.config = config
        self.today = today
        self.plugins = plugins
        self.diff_base: str | None = None
        self.base_texts: Mapping[str, bytes] = {}
        """Each file's bytes at ``diff_base`` (``compare_with``), for PL104."""

    @cached_property
    def all_rules(self) -> list[Rule]:
        """Every rule: built-in, packs, plugins (raises PackError, PluginError)."""
        from policylint.engine import registry

        return registry.load_all(self.config.rules, plugins=self.plugins)

    @cached_property
    def rules(self) -> list[Rule]:
        """The rules to run, configured (raises ConfigError for unknown names)."""
        return selection.apply(self.all_rules, self.config)

    @cached_property
    def settings(self) -> Settings:
        """What rules read besides the document."""
        from policylint.packs.jurisdictions import normalise_jurisdiction

        every = self.all_rules
        cfg = self.config
        return Settings(
            today=self.today,
            jurisdictions=(
                frozenset(normalise_jurisdiction(j) for j in cfg.jurisdiction)
                if cfg.jurisdiction
                else None
            ),
            language=cfg.language,
            known_rules=frozenset(r.code for r in every) | frozenset(r.name for r in every),
            max_file_size=cfg.max_file_size,
            encoding=cfg.encoding,
            message_language=cfg.message_language or "en",
            diff_base=self.diff_base,
            base_texts=self.base_texts,
        )

    def compare_with(self, ref: str, texts: Mapping[str, bytes]) -> None:
        """Give the rules the base versions of the files (PL104): ``texts`` by path at ``ref``."""
        self.diff_base, self.base_texts = ref, texts
        self.__dict__.pop("settings", None)  # made again, with them, when next read

    @cached_property
    def per_file_ignores(self) -> dict[str, frozenset[str]]:
        """``per-file-ignores`` as pattern -> rule codes."""
        return selection.per_file_ignores(self.all_rules, self.config)

    def files(
        self, paths: Sequence[str], force_exclude: bool = False
    ) -> Iterator[str | discover.Missing]:
        """Files to lint under ``paths`` (``.`` when none), honouring include/exclude.

        Files named explicitly obey ``exclude`` only with ``force_exclude``
        (the flag or the config key), as in ruff.
        """
        cfg = self.config
        force = force_exclude or cfg.force_exclude
        return discover.discover(paths or ["."], cfg.include, cfg.exclude, cfg.root, force)

    def excluded(self, path: str) -> bool:
        """Whether ``exclude`` matches ``path`` (for a name given with ``--stdin-filename``)."""
        return discover.PathPatterns(self.config.exclude, self.config.root)(path)

    def ignored_here(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` without those ``per-file-ignores`` turns off for their file."""
        if not self.config.per_file_ignores or not findings:
            return findings
        off = {path: self.ignored_codes(path) for path in {f.path for f in findings}}
        return [f for f in findings if f.code not in off[f.path]]

    def ignored_codes(self, path: str) -> frozenset[str]:
        """The rule codes ``per-file-ignores`` turns off for ``path`` (often none)."""
        if not self.config.per_file_ignores:
            return frozenset()
        tables = self._ignore_tables
        return frozenset().union(*(codes for spec, codes in tables if spec(path)))

    @cached_property
    def _ignore_tables(self) -> list[tuple[discover.PathPatterns, frozenset[str]]]:
        root = self.config.root
        return [
            (discover.PathPatterns([pattern], root), codes)
            for pattern, codes in self.per_file_ignores.items()
        ]

    def fingerprint(self) -> str:
        """What decides findings besides a file's bytes, as one key (see ``results``)."""
        from policylint.engine import plugins, registry, results
        from policylint.packs import builtin
        from policylint.parse import pyrs_tokens

        parts: list[str | bytes] = [repr(self.config.portable()), self.today.isoformat()]
        parts.append(pyrs_tokens.parser_name())  # the two parsers differ on rare inputs
        if self.config.path is not None:
            parts.append(self.config.path.read_bytes())
        for path in [*builtin.builtin_pack_files(), *registry.pack_files(self.config.rules)]:
            parts += [str(path), path.read_bytes()]
        if self.plugins:
            parts.append(repr(plugins.discover()))
        return results.fingerprint(parts)

    def settings_key(self) -> str:
        """What decides findings, as a key that is the same on every machine with the same
        policylint code, packs, config and plugins: their bytes, not their files' times
        or where policylint is installed (``audit`` keeps its records by it and checks
        Dask workers with it). SHA-256, hex."""
        import hashlib

        from policylint.base.cache import code_digest
        from policylint.engine import plugins, registry
        from policylint.packs import builtin
        from policylint.parse import pyrs_tokens

        # The files' bytes are hashed, not where they are (a CI workspace moves).
        # Nor the order rules are named in, nor which flag named them (errors only).
        config = self.config.portable()._replace(
            path=None,
            rules=(),
            baseline=None,
            flags={},
            select=None if self.config.select is None else tuple(sorted(self.config.select)),
            extend_select=tuple(sorted(self.config.extend_select)),
            ignore=tuple(sorted(self.config.ignore)),
        )
        parts: list[str | bytes] = [code_digest(), repr(config)]
        parts += [self.today.isoformat(), pyrs_tokens.parser_name()]
        if self.config.path is not None:
            parts.append(self.config.path.read_bytes())
        for path in builtin.builtin_pack_files():
            parts += [path.name, path.read_bytes()]
        for path in registry.pack_files(self.config.rules):
            parts += [path.name, path.read_bytes()]
        if self.plugins:
            parts.append(repr(plugins.discover()))
        digest = hashlib.sha256()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()


def prepare(
    *,
    config_file: Path | None = None,
    today: dt.date | None = None,
    packs: Sequence[Path] = (),
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    jurisdiction: Sequence[str] | None = None,
    language: str | None = None,
    fail_on: str | None = None,
    max_file_size: str | None = None,
    encoding: str | None = None,
    message_language: str | None = None,
    diff_base: str | None = None,
    unsafe_fixes: bool | None = None,
    plugins: bool = True,
    lazy: bool = False,
) -> Session:
    """Build a Session; raises ConfigError, PackError or PluginError on a mistake.

    With ``lazy``, rule packs, plugins and rule names are checked only when
    the rules are first needed.
    """
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: config file not found")
        base = configuration.load(config_file)
    else:
        found = configuration.find(Path.cwd())
        base = configuration.load(found) if found else Config()
    flags = {
        "select": _split(select) or (),
        "extend_select": _split(extend_select) or (),
        "ignore": _split(ignore) or (),
    }
    cfg = configuration.merge(
        base,
        select=_split(select),
        extend_select=(*base.extend_select, *flags["extend_select"]) if extend_select else None,
        ignore=(*base.ignore, *flags["ignore"]) if ignore else None,
        jurisdiction=configuration.check_jurisdictions(_split(jurisdiction), "--jurisdiction"),
        language=configuration.check_language(language, "--language"),
        flags=flags,
        rules=tuple(packs) if packs else None,
        fail_on=_severity(fail_on),
        max_file_size=(
            configuration.parse_size(max_file_size, "--max-file-size") if max_file_size else None
        ),
        encoding=configuration.check_encoding(encoding, "--encoding"),
        message_language=configuration.check_message_language(
            message_language, "--message-language"
        ),
        diff_base=diff_base or None,
        unsafe_fixes=unsafe_fixes,
    )
    session = Session(cfg, today or dt.date.today(), plugins)
    if not lazy:
        _ = session.rules, session.settings
    return session


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
