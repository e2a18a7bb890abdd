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


_OPENS = frozenset(" \t([\"'“‘«")
_CLOSES = frozenset(" \t.,;:!?)\"'”’»")


def replaceable(covered: str, meant: str, before: str, after: str) -> bool:
    """Whether a fix may replace the source text ``covered`` (what a rule read as
    ``meant``, from prose) standing between ``before`` and ``after`` (a few
    characters each, "" at a line's edge).

    Only words in running text: ``covered`` is ``meant`` up to whitespace (no
    markup inside, "**0303** 123 1114"), and it is not part of something
    longer: a URL or address (a letter, digit, ``/``, ``.`` or ``@`` next to
    it: "https://www.ico.gov.uk/x"; a host after ``www.`` is fine), a link's
    text ("[ico.gov.uk](...)": its target would keep the old value) or a link's
    destination ("](tel:...)").
    """
    if covered.split() != meant.split():
        return False
    left, right = before[-1:] or " ", after[:1] or " "
    if before.endswith("](") or left == "[" or right == "]":
        return False
    if before.endswith("www."):  # "www.ico.gov.uk": the host, whatever its scheme
        left = " "
    return left in _OPENS and right in _CLOSES and not (right == "." and after[1:2].isalnum())
