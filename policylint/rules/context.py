"""What a rule may know besides the document: options, the date, the settings, and what the
analyses found in the document (``Facts``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from policylint.analyses.facts import Facts
    from policylint.analyses.profile import Profile
    from policylint.base.positions import Location
    from policylint.packs.knowledge import Knowledge
    from policylint.parse.document import Document


DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024  # bytes; larger files are reported, not linted


class Settings(NamedTuple):
    """Run-wide settings that rules read.

    ``today`` is the reference date for staleness; it is injected so that
    tests never depend on the wall clock. ``jurisdictions`` and ``language``
    override what is detected from each document. ``knowledge`` replaces the
    built-in pack data (tests, extra packs).
    """

    today: dt.date
    jurisdictions: frozenset[str] | None = None
    language: str | None = None
    knowledge: Knowledge | None = None
    known_rules: frozenset[str] | None = None
    """Codes and names of every rule, run or not (for suppression comments)."""
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    """Bytes; larger files are reported and skipped (0: no limit)."""
    encoding: str | None = None
    """Decode files that are not UTF-8 with this encoding instead of reporting them."""
    message_language: str = "en"
    """The language findings' messages are shown in; ``auto``: each notice's own."""
    diff_base: str | None = None
    """The git revision notices are compared with (PL104), as the user named it; None: none."""
    base_texts: Mapping[str, bytes] = MappingProxyType({})
    """Each file's bytes at ``diff_base``, by path as the run spells it (absent: a new file)."""


class RuleContext(NamedTuple):
    """Handed to ``check``: the rule's effective options, the run's settings and the
    document's analyses."""

    options: Mapping[str, Any]
    settings: Settings
    facts: Facts | None = None
    """The analyses of the document being checked, shared by all its rules (the linter's).

    Rules read them through ``facts_of``, which also serves a rule called on its own.
    """

    @property
    def today(self) -> dt.date:
        """The reference date."""
        return self.settings.today

    @property
    def knowledge(self) -> Knowledge:
        """The pack data rules read (built-in unless the settings say otherwise)."""
        return _knowledge(self.settings)

    def facts_of(self, doc: Document) -> Facts:
        """The analyses of ``doc``: ``facts`` when they are ``doc``'s, else new ones
        (a rule called outside the linter), kept by nobody."""
        if self.facts is not None and self.facts.doc is doc:
            return self.facts
        return document_facts(doc, self.settings)

    def profile(self, doc: Document) -> Profile:
        """The document's language and jurisdictions (``facts_of(doc).profile``)."""
        return self.facts_of(doc).profile


def document_facts(doc: Document, settings: Settings) -> Facts:
    """The analyses of ``doc`` under ``settings``: their pack data, language and
    jurisdictions overrides; each computed when first read."""
    from policylint.analyses.facts import Facts

    return Facts(doc, _knowledge(settings), settings.language, settings.jurisdictions)


def _knowledge(settings: Settings) -> Knowledge:
    if settings.knowledge is not None:
        return settings.knowledge
    from policylint.packs.builtin import builtin

    return builtin()


def document_location(doc: Document) -> Location:
    """Where a finding about something missing from the whole document points."""
    from policylint.base.positions import Location

    line = doc.title_line
    return Location(line, 0, line, max(len(doc.source.line_text(line)), 1))
