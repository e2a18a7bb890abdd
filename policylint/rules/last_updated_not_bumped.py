"""The notice's text changed since the base version, but its last-updated date did not.

The commonest fault in a docs repository is not a missing date: it is a
pull request that changes what a notice says and leaves "Last updated"
alone, so readers and regulators are told nothing changed. With a base
version to compare with (``--diff-base REF`` or config ``diff-base``, e.g.
``origin/main`` in CI; inside a pre-commit hook the staged text is compared
with ``HEAD``), this rule compares the sentences of the notice's prose, as
the other rules read them (``analyses/changes``): re-wrapping lines,
whitespace, Markdown formatting (emphasis, list markers, making an address a
link) or rewriting the date alone changes no sentence; a changed link target
does. It fires when at least one sentence changed and the newest
last-updated date is not later than the base's (or there is none), at the
date (or line 1), naming how many sentences changed; not when the date
already says the reference date (a second change the same day). Without a
base, or for a file new since the base, it does nothing.

Fix (safe): set the date to the reference date in the notice's own format
("1 October 2026" becomes "22 November 2026").

Base:          Last updated: 1 October 2026. We keep your data for one year.
Fires on:      Last updated: 1 October 2026. We keep your data for two years.
Does not fire: Last updated: 22 November 2026. We keep your data for two years.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.analyses.date_values import PolicyDate
from policylint.base.findings import Problem
from policylint.base.messages import Message
from policylint.base.positions import Location
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL104", "last-updated-not-bumped", "error"
LANGUAGE_SPECIFIC = True  # reads the "last updated" labels of the notice's language
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report once when sentences changed since the base version and the date did not."""
    settings = ctx.settings
    data = settings.base_texts.get(doc.path) if settings.diff_base else None
    if data is None:
        return  # no base (the usual run): nothing more is imported
    from policylint.analyses import changes
    from policylint.rules.date_fix import bump

    base = changes.base_document(doc.path, data, settings.encoding)
    if base is None:
        return  # nothing to compare with: a new file, or a base that is not text
    now, then = _dates(doc, ctx), _dates(base, ctx)
    newest = max(now, key=lambda d: d.value) if now else None
    if newest is not None and newest.earliest <= ctx.today <= newest.value:
        return  # it already says the reference date (a second change on the same day)
    was = max(then, key=lambda d: d.value) if then else None
    if newest is not None and (was is None or newest.value > was.value):
        return  # the date moved on with the text (back is no update)
    dates = [d.text for d in (*now, *then)]
    changed = changes.changed_sentences(
        changes.sentences(base, dates), changes.sentences(doc, dates)
    )
    if not changed:
        return
    if newest is None:
        message = Message(
            "The text changed since {base} (changed sentences: {count}) and the notice "
            "gives no last-updated date: add one",
            base=settings.diff_base,
            count=changed,
        )
        # Line 1, as the issue asks: where a date line would go (the title may be lower).
        yield Problem(Location(0, 0, 0, max(len(doc.source.line_text(0)), 1)), message)
        return
    if was is not None and newest.value < was.value:
        message = Message(
            "The text changed since {base} (changed sentences: {count}) and the last-updated "
            'date "{date}" is earlier than before ("{was}"): update it',
            base=settings.diff_base,
            count=changed,
            date=newest.text,
            was=was.text,
        )
    else:
        message = Message(
            "The text changed since {base} (changed sentences: {count}) but the last-updated "
            'date "{date}" did not: update it',
            base=settings.diff_base,
            count=changed,
            date=newest.text,
        )
    yield Problem(newest.location, message, bump(doc, newest, ctx, safe=True))


def _dates(doc: Document, ctx: RuleContext) -> tuple[PolicyDate, ...]:
    if not doc.blocks and doc.front_matter is None:
        return ()
    return ctx.facts_of(doc).last_updated.dates
