"""policylint as a library: lint one notice's text with one configuration.

::

    import datetime as dt
    from policylint.api import Linter

    linter = Linter(today=dt.date(2026, 11, 22), select=["PL1", "PL4"])
    notice = linter.lint_text(open("privacy.md", "rb").read(), path="privacy.md")
    for finding in notice.findings:
        print(finding.line, finding.column, finding.code, finding.message)

A ``Linter`` loads and compiles the rules once; ``lint_text`` then runs them
on one text, exactly as ``policylint check`` does on a file (the same
config, suppression comments, ``per-file-ignores`` by ``path``). ``audit``
runs this one call on every notice, in a process pool or on Dask workers:
a Linter pickles as its configuration and compiles its rules again where it
is unpickled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from policylint.engine.config import ConfigError
from policylint.engine.plugins import PluginError
from policylint.packs.loader import PackError

if TYPE_CHECKING:
    from policylint.analyses.facts import Facts
    from policylint.base.findings import Finding
    from policylint.engine.config import Config
    from policylint.engine.session import Session

__all__ = ["ConfigError", "Linter", "Notice", "PackError", "PluginError"]


class Notice(NamedTuple):
    """What linting one notice found.

    ``findings`` are sorted by line, column and code; lines and columns are
    1-based, columns count code points (``Finding``). ``language`` is an ISO
    639-1 code (None when the text is empty or could not be decoded);
    ``jurisdictions`` are the sorted codes the rules applied (``UK``, ``NL``,
    ``EU``...). ``last_updated`` is the newest last-updated date the notice
    gives (the newest not after the reference date, when there is one) at the
    precision it is written: ``2024-05-03``, ``2024-05`` or ``2024``; None
    when it gives none. ``front_matter`` holds the front matter's values (a copy).
    A Notice pickles (to return it from a process pool or a Dask task).
    """

    findings: list[Finding]
    language: str | None
    jurisdictions: tuple[str, ...]
    last_updated: str | None
    front_matter: dict[str, Any]


class Linter:
    """Rules loaded and compiled once, for linting many texts.

    The keyword arguments are ``check``'s options (``config`` is
    ``--config``, ``rules`` is ``--rules``...). Without ``config`` the
    nearest config file above the working folder is read, as ``check`` does.
    Raises ``ConfigError``, ``PackError`` or ``PluginError`` (each message
    names the file and the problem) on a configuration that cannot be used.
    """

    def __init__(
        self,
        *,
        config: Path | None = None,
        today: dt.date | None = None,
        rules: Sequence[Path] = (),
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        jurisdiction: Sequence[str] | None = None,
        language: str | None = None,
        max_file_size: str | None = None,
        encoding: str | None = None,
        message_language: str | None = None,
        plugins: bool = True,
    ) -> None:
        from policylint.engine import session

        self.session = session.prepare(
            config_file=config,
            today=today,
            packs=rules,
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            jurisdiction=jurisdiction,
            language=language,
            max_file_size=max_file_size,
            encoding=encoding,
            message_language=message_language,
            plugins=plugins,
        )

    @classmethod
    def from_session(cls, session: Session) -> Linter:
        """A Linter for a session already prepared (``check``'s, ``audit``'s)."""
        linter = cls.__new__(cls)
        linter.session = session
        _ = session.rules, session.settings  # compiled here, once
        return linter

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its configuration: the rules are compiled again where it is loaded
        (YAML rules are closures, which cannot be pickled)."""
        session = self.session
        return _rebuild, (session.config.portable(), session.today, session.plugins)

    def lint_text(self, text: str | bytes, path: str = "<text>") -> Notice:
        """Lint ``text`` (bytes are decoded as ``check`` decodes a file) reported as ``path``.

        Bytes that cannot be decoded give one PL901 finding, as an unreadable
        file does; a text over ``max-file-size`` gives PL906.
        """
        from policylint.engine import linter

        session = self.session
        rules, settings = session.rules, session.settings
        data = text.encode("utf-8") if isinstance(text, str) else text
        findings, facts = linter.lint_data(path, data, rules, settings)
        return _notice(session.ignored_here(findings), facts, session.today)

    def lint_file(self, path: str) -> Notice:
        """Lint the file at ``path``; an unreadable file gives one PL901 finding, a file
        over ``max-file-size`` PL906 (and is not read)."""
        from policylint.engine import linter

        session = self.session
        limit = session.settings.max_file_size
        try:
            if not limit or Path(path).stat().st_size <= limit:
                with open(path, "rb") as handle:
                    return self.lint_text(handle.read(), path)
        except OSError:
            pass  # lint_file reports it as lint_file does in check
        findings = linter.lint_file(path, session.rules, session.settings)
        return _notice(session.ignored_here(findings), None, session.today)


def _rebuild(config: Config, today: dt.date, plugins: bool) -> Linter:
    from policylint.engine.session import Session

    return Linter.from_session(Session(config, today, plugins))


def _notice(findings: list[Finding], facts: Facts | None, today: dt.date) -> Notice:
    if facts is None:
        return Notice(findings, None, (), None, {})
    profile = facts.profile
    dates = facts.last_updated.dates
    past = [d for d in dates if d.value <= today] or list(dates)
    newest = max(past, key=lambda d: d.value) if past else None
    written = None
    if newest is not None:
        width = {"day": 10, "month": 7, "year": 4}[newest.precision]
        written = newest.value.isoformat()[:width]
    matter = facts.doc.front_matter
    values = dict(matter.values) if matter is not None else {}
    return Notice(findings, profile.language, tuple(sorted(profile.jurisdictions)), written, values)
