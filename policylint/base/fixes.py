"""Fixes: the text edits a rule proposes with a problem, and whether they are safe.

A rule that knows how to repair what it reports attaches a ``Fix`` to its
``Problem``. ``policylint check --fix`` writes safe fixes, ``--diff`` shows
them, ``--unsafe-fixes`` adds the unsafe ones (ruff's terms): a fix is unsafe
when applying it is only right after a person has done something the linter
cannot see (re-read the notice before its date is bumped, checked that a
helpline belongs where it is added).

Edits use the positions of ``policylint.base.positions``: 0-based lines,
columns in code points of ``Source.text`` (newlines normalised), ends
exclusive. ``engine/fixing`` maps them back onto the file's own bytes, line
endings and encoding; reports convert them to 1-based (``Edit.one_based``).
"""

from __future__ import annotations

from typing import NamedTuple

from policylint.base.messages import Message
from policylint.base.positions import Location


class Edit(NamedTuple):
    """Replace the text at ``location`` (0-based, end exclusive) with ``text``.

    An empty location (start == end) inserts; an empty ``text`` deletes.
    """

    location: Location
    text: str


class Fix(NamedTuple):
    """Edits that repair one problem, applied together or not at all.

    ``message`` says what applying it does ("Set the last-updated date to
    22 November 2026"); a rule gives a ``Message`` (translated where findings
    are stamped), a finding holds the rendered string. ``safe``: applied by
    ``--fix``; unsafe fixes need ``--unsafe-fixes`` as well.
    """

    edits: tuple[Edit, ...]
    message: str | Message
    safe: bool = True

    @property
    def applicability(self) -> str:
        """``"safe"`` or ``"unsafe"`` (ruff's word, and the JSON output's)."""
        return "safe" if self.safe else "unsafe"


def replace(location: Location, text: str, message: str | Message, *, safe: bool = True) -> Fix:
    """The fix of one edit: ``text`` replaces what ``location`` covers."""
    return Fix((Edit(location, text),), message, safe)


def plain(covered: str, meant: str) -> bool:
    """Whether the source text a fix would replace (``covered``) is just the text the rule
    read (``meant``, from prose), up to whitespace: no markup inside that the edit would
    break ("**0845** 630 6060" is not replaced)."""
    return covered.split() == meant.split()
