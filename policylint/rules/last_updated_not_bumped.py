"""The notice's text changed since the base version, but its last-updated date did not.

The commonest fault in a docs repository is not a missing date: it is a
pull request that changes what a notice says and leaves "Last updated"
alone, so readers and regulators are told nothing changed. With a base
version to compare with (``--diff-base REF`` or config ``diff-base``, e.g.
``origin/main`` in CI; inside a pre-commit hook the staged text is compared
with ``HEAD``), this rule compares the sentences of the notice's prose, as
the other rules read it: re-wrapping lines, changing whitespace or Markdown
formatting (emphasis, list markers, a link's target) changes no sentence. It
fires when at least one sentence changed and the newest last-updated date is
the same as the base's (or there is none), at the date (or line 1), naming
how many sentences changed. Without a base, or for a file new since the
base, it does nothing.

Fix (safe): set the date to the reference date in the notice's own format
("1 October 2026" becomes "22 November 2026").

Base:          Last updated: 1 October 2026. We keep your data for one year.
Fires on:      Last updated: 1 October 2026. We keep your data for two years.
Does not fire: Last updated: 22 November 2026. We keep your data for two years.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from policylint.analyses.dates import PolicyDate
from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.base.positions import Location
from policylint.parse import tree
from policylint.parse.document import Document
from policylint.parse.prose import sentence_spans
from policylint.parse.source import UnreadableFile, decode
from policylint.rules.context import RuleContext
from policylint.rules.date_fix import bump

CODE, NAME, SEVERITY = "PL104", "last-updated-not-bumped", "error"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once when sentences changed since the base version and the date did not."""
    settings = ctx.settings
    data = settings.base_texts.get(doc.path) if settings.diff_base else None
    if data is None:
        return
    try:
        base = tree.parse(decode(doc.path, data, settings.encoding))
    except UnreadableFile:
        return  # the base version was not text: nothing to compare
    newest = _newest(doc, ctx)
    was = _newest(base, ctx)
    if newest is not None and (was is None or was.value != newest.value):
        return  # the date moved with the text
    changed = changed_sentences(base, doc)
    if not changed:
        return
    if newest is None:
        message = Message(
            "The text changed since {base} (changed sentences: {count}) and the notice "
            "gives no last-updated date: add one",
            base=settings.diff_base,
            count=changed,
        )
        yield Problem(Location(0, 0, 0, max(len(doc.source.line_text(0)), 1)), message)
        return
    message = Message(
        "The text changed since {base} (changed sentences: {count}) but the last-updated "
        'date "{date}" did not: update it',
        base=settings.diff_base,
        count=changed,
        date=newest.text,
    )
    yield Problem(newest.location, message, bump(doc, newest, ctx, safe=True))


def _newest(doc: Document, ctx: RuleContext) -> PolicyDate | None:
    if not doc.blocks and doc.front_matter is None:
        return None
    dates = ctx.facts_of(doc).last_updated.dates
    return max(dates, key=lambda d: d.value) if dates else None


_LINK_TARGET = re.compile(r"(?i)(?<!\S)<?(?:https?|mailto|tel|ftp):\S*")
_SPACE_BEFORE = re.compile(r"\s+(?=[.,;:!?)])")


def sentences(doc: Document) -> list[str]:
    """The sentences of a notice's prose, block by block, as compared.

    Whitespace runs become one space, and link targets the prose carries
    beside a link's text (``mailto:``, ``https:``) are dropped: re-wrapping,
    emphasis, list markers and making an address a link change no sentence.
    """
    found = []
    for block in doc.blocks:
        text = _SPACE_BEFORE.sub("", " ".join(_LINK_TARGET.sub(" ", block.text).split()))
        found += [text[start:end].strip() for start, end in sentence_spans(text)]
    return [sentence for sentence in found if sentence]


def changed_sentences(old: Document, new: Document) -> int:
    """How many sentences differ: inserted, deleted or replaced (the larger side of each)."""
    matcher = difflib.SequenceMatcher(None, sentences(old), sentences(new), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
