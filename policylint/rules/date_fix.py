"""The fix that sets a last-updated date to the reference date, written as the notice writes it.

PL104 offers it as safe (the text changed, so the date must move) and PL102
as unsafe (a stale date is only right to bump once someone re-read the
notice). The new date keeps the notice's own format and language
(``analyses/date_writing``): "1 October 2026" becomes "22 November 2026",
"2024-07-23" becomes "2026-11-22", "3 maart 2025" becomes "22 november 2026";
only the date's own characters change, not its label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from policylint.analyses.date_values import PolicyDate
from policylint.analyses.date_writing import rewrite
from policylint.analyses.dates import front_matter_texts
from policylint.base.fixes import Edit, Fix
from policylint.base.messages import Message
from policylint.base.positions import Location
from policylint.parse.document import Document
from policylint.rules.context import RuleContext


def bump(doc: Document, date: PolicyDate, ctx: RuleContext, *, safe: bool) -> Fix | None:
    """A fix writing ``ctx.today`` over ``date``, and over the front matter dates that say
    the same day under a key recording when the notice last changed (``modified-keys``
    in ``rules/dates.yaml``: ``last_modified_at``, ``lastmod``, not ``date``) or in a
    text such a label introduces them in (``subtitle: Last updated on ...``); None when
    none can be rewritten faithfully, or they already say the reference date. Other
    dates (an effective date, a version history's rows) are history and stay.

    A date's location may cover more than the date (a front matter value with
    its quotes or its time): only ``date.text`` within it is replaced, so
    quotes, times and comments stay as they were. A date that spans lines, is
    not found where it was read, or cannot be rewritten in its own format is
    left alone.
    """
    facts = ctx.facts_of(doc)
    month_first = facts.profile.jurisdictions == {"US"}  # as the date analysis read it
    moved = [date, *_modified_keys(doc, date, facts.last_updated.front_matter, ctx)]
    edits: list[Edit] = []
    for one in moved:
        edit = _edit(doc, one, ctx, month_first, facts.language)
        if edit is not None and all(edit.location != e.location for e in edits):
            edits.append(edit)
    if not edits:
        return None
    shown = next((e.text for e in edits if e.location.line == date.location.line), edits[0].text)
    return Fix(
        tuple(sorted(edits)), Message("Set the last-updated date to {date}", date=shown), safe
    )


def _modified_keys(
    doc: Document, date: PolicyDate, matter: Sequence[PolicyDate], ctx: RuleContext
) -> list[PolicyDate]:
    """The front matter dates of the same day under a ``modified-keys`` key, or in a
    one-line text that a ``modified-labels`` label introduces them in (``subtitle:
    Last updated on 3 March 2020``; not "Version 1.0 was issued on ...")."""
    if doc.front_matter is None:
        return []
    keys = set(ctx.knowledge.modified_keys)
    tops = doc.front_matter.key_lines
    lines = {line for key, line in tops.items() if key in keys}
    # a date not on a top-level key's line was read one level down under a modified key
    # (``sitemap: lastmod:``) or from a last-changed text: moved as well
    nested = set(tops.values())
    keyed = [
        d
        for d in matter
        if d.value == date.value and (d.location.line in lines or d.location.line not in nested)
    ]
    facts = ctx.facts_of(doc)
    texts = front_matter_texts(doc, ctx.knowledge, facts.profile)
    return keyed + [d for d in texts if d.value == date.value]


def _edit(
    doc: Document, date: PolicyDate, ctx: RuleContext, month_first: bool, language: str
) -> Edit | None:
    where = date.location
    if where.line != where.end_line:
        return None
    line = doc.source.line_text(where.line)
    covered = line[where.column : where.end_column]
    at = covered.find(date.text)
    if at < 0:
        return None
    new = rewrite(date.text, ctx.today, ctx.knowledge, month_first=month_first, language=language)
    if new is None or new == date.text or date.earliest > ctx.today:
        return None  # not written faithfully, already right, or would move back in time
    start = where.column + at
    day = _weekday(line[:start], ctx)
    if day is None:
        return None  # an abbreviated weekday: it would be wrong after the new date
    if day:
        old_day, day_start = day
        new = _new_weekday(old_day, ctx) + line[day_start + len(old_day) : start] + new
        start = day_start
    return Edit(Location(where.line, start, where.line, where.column + at + len(date.text)), new)


_BEFORE = re.compile(r"(\w+)([.,]?),?[ \t]+$")
_REACH = 40  # more than any weekday name with its punctuation
_WORD = re.compile(r"\w")


def _weekday(before: str, ctx: RuleContext) -> tuple[str, int] | Literal[""] | None:
    """The weekday written just before a date and where it starts; "" when there is
    none; None when it is abbreviated ("Tue, 1 October 2026")."""
    # Only the word right before the date can be one: no need to scan a long line.
    cut = max(0, len(before.rstrip(" \t")) - _REACH)
    found = _BEFORE.search(before, cut)
    if found is None or (found.start() == cut and cut and _WORD.match(before, cut - 1)):
        return ""  # none, or a word longer than any weekday name
    word = found.group(1).lower()
    names = [d.lower() for days in ctx.knowledge.weekdays.values() for d in days]
    if word in names:
        return found.group(1), found.start(1)
    if found.group(2) and 2 <= len(word) <= 4 and any(n.startswith(word) for n in names):
        return None
    return ""


def _new_weekday(old: str, ctx: RuleContext) -> str:
    """The reference date's weekday, in the language and case ``old`` is written in."""
    for days in ctx.knowledge.weekdays.values():
        lowered = [d.lower() for d in days]
        if old.lower() in lowered:
            name = days[ctx.today.weekday()]
            if old.isupper():
                return name.upper()
            return name[0].upper() + name[1:] if old[0].isupper() else name.lower()
    return old
