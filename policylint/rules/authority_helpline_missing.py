"""An authority whose helpline notices are expected to give is named without it.

A reader told they may complain to the regulator should be able to reach
it. For every authority marked ``helpline-expected`` in
``rules/authorities.yaml`` (the ICO: 0303 123 1113; the Autoriteit
Persoonsgegevens: 088 - 1805 250), naming it without giving that number
(or another of its numbers, even an obsolete one) anywhere in the notice is
reported where the notice offers it as the place to complain (an authority
cited only for registration or guidance is authority-missing's concern). A
wrong or obsolete number is reported by authority-helpline-wrong instead.
Other authorities (the CNIL, the German ones) are not expected to be given a
number: a team that wants one marks them with the option.

Options: ``helpline-expected`` (default none): ids of further authorities
(``rules/authorities.yaml``, e.g. ``["cnil", "bfdi"]``) whose helpline this
team's notices must give.

Fix (unsafe: someone should read the sentence after it): the helpline is
added right after the name, "(helpline: 0303 123 1113)" in the notice's
language (``helpline-phrase`` in ``rules/authorities.yaml``).

Fires on:      you can complain to the Information Commissioner's Office.
Does not fire: you can complain to the ICO on 0303 123 1113.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from policylint.base.findings import Problem
from policylint.base.fixes import Fix, replace
from policylint.base.messages import Message
from policylint.base.positions import Location
from policylint.packs.knowledge import Authority
from policylint.parse.document import Document
from policylint.rules.context import RuleContext

CODE, NAME, SEVERITY = "PL302", "authority-helpline-missing", "warning"
OPTIONS: dict[str, object] = {"helpline-expected": []}


def check_options(options: Mapping[str, Any]) -> str | None:
    """Why ``options`` cannot be used (an id that names no authority), or None."""
    from policylint.packs.builtin import builtin

    known = [a.id for a in builtin().authorities]
    for value in options.get("helpline-expected", []):
        if not isinstance(value, str) or value not in known:
            import difflib  # only for a hint in an error message

            close = difflib.get_close_matches(str(value), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return f"helpline-expected: unknown authority {value!r}{hint}"
    return None


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report the first complaint mention of each authority whose helpline is not given."""
    facts = ctx.facts_of(doc)
    marked = frozenset(ctx.options.get("helpline-expected", ()))
    expected = [m for m in facts.authority_mentions if _expected(m.authority, marked)]
    if not expected:
        return
    named = [m for m in facts.complaint_mentions if _expected(m.authority, marked)]
    given = {g.authority.id for g in facts.authority_phones}
    reported: set[str] = set()
    for mention in named:
        authority = mention.authority
        if authority.id in given or authority.id in reported:
            continue
        reported.add(authority.id)
        if authority.helplines:
            helpline = authority.helplines[0]
            message = Message(
                "{authority} named without its helpline: add {helpline}",
                authority=authority.label,
                helpline=helpline,
            )
            fix = _add_helpline(doc, mention.location, helpline, facts.language, ctx)
            yield Problem(mention.location, message, fix)
        else:  # a team marked it, and the packs list no number for it
            message = Message(
                "{authority} named without its helpline: add its phone number",
                authority=authority.label,
            )
            yield Problem(mention.location, message)


# What may follow an authority's name before the helpline goes in: the rest of its
# inline markup (a link's "](...)" or "][ref]", emphasis), then "(ICO)".
_MARKUP_END = re.compile(r"(?:\]\([^()\n]*\)|\]\[[^\]\n]*\]|\]|[*_]{1,3})*")
_ABBREVIATION = re.compile(r"[ \t]*\([^()\n]{1,15}\)")


def _add_helpline(
    doc: Document, name: Location, helpline: str, language: str, ctx: RuleContext
) -> Fix | None:
    """The unsafe fix that writes the helpline right after the authority's name (after
    its link or emphasis markup, and its abbreviation in brackets, also when that
    wrapped to the next line), in the words of the notice's language
    (``helpline-phrase``)."""
    phrases = ctx.knowledge.helpline_phrases
    phrase = phrases.get(language) or phrases.get("en")
    if phrase is None:
        return None
    source = doc.source
    line_no, line = name.end_line, source.line_text(name.end_line)
    markup = _MARKUP_END.match(line, name.end_column)  # matches, if only the empty string
    column = markup.end() if markup else name.end_column
    after = _ABBREVIATION.match(line, column)
    if after is not None:
        column = after.end()
    elif not line[column:].strip() and line_no + 1 < source.line_count:
        wrapped = _ABBREVIATION.match(source.line_text(line_no + 1))
        if wrapped is not None:
            line_no, column = line_no + 1, wrapped.end()
    where = Location(line_no, column, line_no, column)
    text = phrase.replace("{number}", helpline)
    return replace(where, text, Message("Add {text} after the name", text=text.strip()), safe=False)


def _expected(authority: Authority, marked: frozenset[str]) -> bool:
    """Whether notices must give the authority's helpline: the data or the team says so."""
    return authority.helpline_expected or authority.id in marked
