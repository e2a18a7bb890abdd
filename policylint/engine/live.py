"""Linting text held in an editor: the engine side of ``policylint lsp``.

An editor sends the whole text of a notice on every change; what must not be
redone each time is finding and reading the configuration and compiling the
rules. ``Live`` keeps one ``Session`` per config file, found exactly as the
command line finds it from its working directory (the nearest
``.policylint.toml`` or ``pyproject.toml`` with a ``[tool.policylint]``
table, walking up from the editor's workspace folder, or from the
document's folder outside any), and makes it again only when
that file or one of the packs it names changes (their sizes and modification
times are compared on each lint: a few ``stat`` calls). A document the
config's ``include``/``exclude`` leave out is not linted, as ``check`` would
not lint it in a folder.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from policylint.base.findings import Finding
from policylint.engine import config as configuration
from policylint.engine import discover
from policylint.engine.config import Config
from policylint.engine.session import Session, prepare


class Linted(NamedTuple):
    """The findings of one text (sorted) and the session that made them (for rule docs)."""

    findings: list[Finding]
    session: Session


class Live:
    """Sessions by config file, kept across edits; ``lint`` a document's current text.

    ``today`` gives the reference date (injectable for tests: default the
    system date, read at each lint so a server left running overnight moves on).
    """

    def __init__(self, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.today = today
        self._sessions: dict[Path | None, tuple[tuple[object, ...], Session]] = {}

    def session(self, folder: Path) -> Session:
        """The session of a run started in ``folder`` (the editor's workspace folder, as the
        command line's working directory): its config's, made again when the config or its
        packs changed. Raises ConfigError, PackError or PluginError."""
        found = configuration.find(folder)
        today = self.today()
        held = self._sessions.get(found)
        if held is not None:
            stamp, session = held
            if stamp == _stamp(found, session) and session.today == today:
                return session
        if found is None:  # no config: the defaults, not the server's own directory's
            session = Session(Config(), today)
            _ = session.rules, session.settings  # check plugins now, as prepare does
        else:
            session = prepare(config_file=found, today=today)  # checks rules and packs now
        self._sessions[found] = (_stamp(found, session), session)
        return session

    def lint(self, path: Path, text: str, folder: Path | None = None) -> Linted | None:
        """The findings for ``text`` as the file at ``path``, linted as ``check`` started in
        ``folder`` would (default: the file's folder); None when ``include`` or ``exclude``
        leave the file out. Raises as ``session`` does."""
        from policylint.engine import linter

        session = self.session(folder or path.parent)
        if not included(session, path):
            return None
        name = str(path)
        data = text.encode("utf-8", "replace")  # a lone surrogate an editor kept: one "?"
        findings = linter.lint_bytes(name, data, session.rules, session.settings)
        return Linted(session.ignored_here(findings), session)


def included(session: Session, path: Path) -> bool:
    """Whether ``check`` run on a folder holding ``path`` would lint it."""
    cfg = session.config
    name = str(path)
    if not discover.matches(name, cfg.include, cfg.root):
        return False
    return not discover.PathPatterns(cfg.exclude, cfg.root)(name)


def _stamp(found: Path | None, session: Session) -> tuple[object, ...]:
    """Size and modification time of the config file and of each pack it names."""
    from policylint.engine import registry

    packs = registry.pack_files(session.config.rules)
    files: Sequence[Path] = [*([found] if found else []), *packs]
    stamp: list[object] = []
    for file in files:
        try:
            info = os.stat(file)
            stamp.append((str(file), info.st_size, info.st_mtime_ns))
        except OSError:
            stamp.append((str(file), None))
    return tuple(stamp)
