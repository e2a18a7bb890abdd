"""What a rule may know besides the document: options, the date, the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
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


class RuleContext(NamedTuple):
    """Handed to ``check``: the rule's effective options and the run's settings."""

    options: Mapping[str, Any]
    settings: Settings

    @property
    def today(self) -> dt.date:
        """The reference date."""
        return self.settings.today

    @property
    def knowledge(self) -> Knowledge:
        """The pack data rules read (built-in unless the settings say otherwise)."""
        if self.settings.knowledge is not None:
            return self.settings.knowledge
        from policylint.packs.knowledge import builtin

        return builtin()

    def profile(self, doc: Document) -> Profile:
        """The document's language and jurisdictions."""
        from policylint.analyses import profile

        return profile.of(doc, self.settings, self.knowledge)


def document_location(doc: Document) -> Location:
    """Where a finding about something missing from the whole document points."""
    from policylint.base.positions import Location

    line = doc.title_line
    return Location(line, 0, line, max(len(doc.source.line_text(line)), 1))
