"""What a rule may know besides the document: options, the date, the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Run-wide settings that rules read.

    ``today`` is the reference date for staleness; it is injected so that
    tests never depend on the wall clock. ``jurisdictions`` and ``language``
    override what is detected from each document.
    """

    today: dt.date = field(default_factory=dt.date.today)
    jurisdictions: frozenset[str] | None = None
    language: str | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleContext:
    """Handed to ``check``: the rule's effective options and the run's settings."""

    options: Mapping[str, Any]
    settings: Settings

    @property
    def today(self) -> dt.date:
        """The reference date."""
        return self.settings.today
