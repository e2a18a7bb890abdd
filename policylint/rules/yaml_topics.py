"""YAML rules about topics: an item a notice must give, and citations it must not make.

``require-topic`` / ``require-some``
    the notice must name every topic of ``require-topic`` and at least
    ``at-least`` of ``require-some: of``; reported once, at the title, with
    ``{missing}`` in the message replaced by the labels of the topics not
    named (in the message's language, joined with its "and").
``cites``
    citations of something no longer in force (a repealed law, a renamed
    body, a retired phone number): reported where it is, once per paragraph
    and once per section whose heading names it, unless its sentence is
    ``history`` (a topic: "replaced the Data Protection Act 1998", "was
    invalidated"; the paragraph's later mentions are history too). A
    citation's ``unless-present`` (topics) drops it where the notice names
    them (the loi 78-17 is outdated only without the GDPR). The message's
    ``{name}``, ``{ended}``, ``{replaced_by}`` and ``{source}`` come from
    the citation. A citation's ``fix`` (a text, or one per language) is
    offered as a safe fix: it replaces the words cited (a retired number by
    the current one).

``when-present`` / ``unless-present`` make any rule conditional on topics
the notice names (or does not): the right to withdraw consent is required
only where the notice relies on consent. Topics are defined in any pack's
``topics:`` (``packs/topics``); a document's topic is found once for all
rules (``Facts.topic``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from policylint.analyses.facts import Facts
from policylint.analyses.topics import (
    ProseText,
    narrowed,
    sentences,
    titles_matching,
)
from policylint.base.findings import Problem
from policylint.base.fixes import Fix, replace, replaceable
from policylint.base.literals import fold
from policylint.base.messages import Conjunction, Message, PackMessage, Words
from policylint.base.positions import Location
from policylint.packs.matchers import Matcher, matcher
from policylint.packs.topics import Topic, pattern_lists, texts
from policylint.parse.document import Block, Document, Section
from policylint.parse.prose import sentence_spans
from policylint.rules.context import document_location

Body = Callable[[Document, Facts], Iterator[Problem]]
Condition = Callable[[Facts], bool]


def names(value: Any) -> list[str]:
    """A topic name or a list of them, as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def condition(spec: Mapping[str, Any], topics: Mapping[str, Topic]) -> Condition | None:
    """The rule's ``when-present`` and ``unless-present`` as one test, or None without them."""
    needed = [topics[n] for n in names(spec.get("when-present"))]
    barred = [topics[n] for n in names(spec.get("unless-present"))]
    if not needed and not barred:
        return None

    def holds(facts: Facts) -> bool:
        return all(facts.topic(t) is not None for t in needed) and not any(
            facts.topic(t) is not None for t in barred
        )

    return holds


def topics_read(spec: Mapping[str, Any]) -> list[str]:
    """The names of the topics a rule requires or depends on, in the order it gives them
    (``history`` not included: it only excuses citations)."""
    keys = ("require-topic", "when-present", "unless-present")
    used = [n for key in keys for n in names(spec.get(key))]
    used += names((spec.get("require-some") or {}).get("of"))
    return list(dict.fromkeys(used))


def readable(spec: Mapping[str, Any], topics: Mapping[str, Topic]) -> Callable[[str], bool]:
    """Whether every topic the rule reads has patterns for a language: a rule cannot
    judge a notice in a language its topics do not speak (it is skipped there)."""
    read = [topics[n] for n in topics_read(spec)]

    def speaks(language: str) -> bool:
        return all(_speaks(topic, language) for topic in read)

    return speaks


def _speaks(topic: Topic, language: str) -> bool:
    found = topic.compiled(language)
    paired = found["section-headings"] is not None and found["section-sentences"] is not None
    return paired or found["headings"] is not None or found["sentences"] is not None


def missing(
    spec: Mapping[str, Any], topics: Mapping[str, Topic], message: Mapping[str, str]
) -> Body:
    """The check of a ``require-topic`` / ``require-some`` rule."""
    every = [topics[n] for n in names(spec.get("require-topic"))]
    some = spec.get("require-some") or {}
    choices = [topics[n] for n in names(some.get("of"))]
    least = int(some.get("at-least", 0))

    def check(doc: Document, facts: Facts) -> Iterator[Problem]:
        absent = [t for t in every if facts.topic(t) is None]
        absent_choices = [t for t in choices if facts.topic(t) is None]
        if not absent and len(choices) - len(absent_choices) >= least:
            return
        short = len(choices) - len(absent_choices) < least
        listed = tuple(
            _label(t) for t in dict.fromkeys([*absent, *(absent_choices if short else [])])
        )
        yield Problem(document_location(doc), PackMessage(message, missing=Conjunction(listed)))

    return check


def _label(topic: Topic) -> Words:
    return Words(topic.label.get("en", topic.name), topic.label)


class Citation:
    """One ``cites`` entry: its patterns per language and what the message says of it."""

    def __init__(self, spec: Mapping[str, Any], trusted: bool) -> None:
        self._lists = pattern_lists(spec["pattern"]) or {}
        self._trusted = trusted
        self._compiled: dict[str, Matcher | None] = {}
        self.unless: list[str] = names(spec.get("unless-present"))
        self.values: dict[str, object] = {
            "name": _words(spec["name"]),
            "replaced_by": _words(spec.get("replaced-by", "")),
            "source": _words(spec.get("source", "")),
            "ended": _date(spec.get("ended")),
        }
        self.fix: dict[str, str] = (texts(spec["fix"]) or {}) if "fix" in spec else {}
        """What replaces the citation, by language (``fix:``): a safe fix."""

    def fixed(self, doc: Document, location: Location, matched: str, language: str) -> Fix | None:
        """The fix writing ``fix:`` (in the notice's language, else English) over the match."""
        new = self.fix.get(language) or self.fix.get("en")
        source = doc.source
        if not new or not replaceable(source.text_at(location), matched, *source.around(location)):
            return None
        pattern = self.pattern(language)
        if pattern is not None and pattern.search(new, lowered=fold(new)):
            return None  # the fixed text would be cited again: no fix at all
        return replace(location, new, Message("Replace it with {replacement}", replacement=new))

    def pattern(self, language: str) -> Matcher | None:
        """The citation's patterns for ``language``, compiled on first use."""
        if language not in self._compiled:
            items = self._lists.get(language) or self._lists.get("default")
            self._compiled[language] = matcher(items or [], self._trusted)
        return self._compiled[language]


def _words(value: Any) -> Words:
    given = texts(value) or {"en": ""}
    return Words(given.get("en", ""), given)


def _date(value: Any) -> str:
    """The date as ISO 8601 (2020-07-16): read the same in every language."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def citations(
    spec: Mapping[str, Any],
    topics: Mapping[str, Topic],
    message: Mapping[str, str],
    trusted: bool = False,
) -> Body:
    """The check of a ``cites`` rule: each citation cited as current, once per paragraph.

    A match whose sentence is ``history`` is not reported, nor are later matches
    of the same citation in that paragraph (list item, table row): the paragraph
    speaks of the law as past. A section whose heading names the citation is
    about it: it is reported once there, at its first current mention, or at
    the heading when its text never names it again (``_headings_only``).
    """
    cited: Sequence[Citation] = [Citation(c, trusted) for c in spec["cites"]]
    history = [topics[n] for n in names(spec.get("history"))]
    pasts: dict[str, Matcher | None] = {}  # by language

    def check(doc: Document, facts: Facts) -> Iterator[Problem]:
        language = facts.language
        if language not in pasts:
            found = [p for t in history for p in t.patterns("sentences", language)]
            pasts[language] = matcher(found, trusted)
        prose = facts.prose_text
        past = narrowed(pasts[language], prose)
        ancestors: dict[int, list[Section]] | None = None
        patterns = [c.pattern(language) for c in cited]  # all first: one literal index update
        for citation, pattern in zip(cited, patterns, strict=True):
            if pattern is None or any(facts.topic(topics[n]) is not None for n in citation.unless):
                continue
            done: set[int] = set()  # paragraphs and sections already judged
            in_headings = pattern.narrow(prose.titles)  # before: ``narrowed`` reads the body only
            pattern = narrowed(pattern, prose)
            cited_at: list[tuple[Block, int, int]] = []
            for block, start, end in sentences(prose, pattern, None) if pattern else ():
                if id(block) in done:
                    continue
                done.add(id(block))
                first, last = _sentence_around(block.text, start)
                if past is not None and past.search(block.text, first, last, block.lower):
                    continue
                if ancestors is None:
                    ancestors = _ancestors(doc)
                headed = next(
                    (
                        s
                        for s in ancestors.get(id(block), ())
                        if pattern and pattern.search(s.title)
                    ),
                    None,
                )
                if headed is not None:
                    if id(headed) in done:
                        continue
                    done.add(id(headed))
                cited_at.append((block, start, end))
            if in_headings is not None:
                cited_at += _headings_only(prose, in_headings, pasts[language], done)
            for block, start, end in cited_at:
                where = block.prose.location(start, end)
                fix = citation.fixed(doc, where, block.text[start:end], language)
                yield Problem(where, PackMessage(message, **citation.values), fix)

    return check


def _headings_only(
    prose: ProseText, pattern: Matcher, past: Matcher | None, mentioned: set[int]
) -> Iterator[tuple[Block, int, int]]:
    """Citations in a section heading whose section never names them again (``mentioned``:
    the blocks that do): "## College bescherming persoonsgegevens" above text that
    does not. Where the section names them, its text decides (current, or history);
    where the heading or the first sentence under it speaks of the past ("This
    framework was invalidated ..."), the heading is history too. A section within
    one already reported is not reported again."""
    covered: set[int] = set()
    for section in titles_matching(prose, pattern):
        heading = section.heading
        if heading is None or id(section) in covered:
            continue
        below = list(section.walk())
        if any(id(block) in mentioned for part in below for block in part.blocks):
            continue
        found = pattern.search(heading.text, 0, len(heading.text), heading.lower)
        if found is None:
            continue
        if past is not None and _past_at_start(past, heading, section.blocks[:1]):
            continue
        covered.update(id(part) for part in below)
        yield heading, found.start(), found.end()


def _past_at_start(past: Matcher, heading: Block, first: Sequence[Block]) -> bool:
    """Whether the heading, or the first sentence under it, speaks of the past ("This
    framework was invalidated ..."); a later sentence ("if you no longer want this")
    does not make the heading history."""
    if past.search(heading.text, 0, len(heading.text), heading.lower):
        return True
    for block in first:
        _, end = _sentence_around(block.text, 0)
        return past.search(block.text, 0, end, block.lower) is not None
    return False


_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _sentence_around(text: str, index: int) -> tuple[int, int]:
    """The sentence holding ``index``, joined with its neighbours across an ordinal
    date's full stop ("am 14. Mai 2024 ersetzt": one sentence, not two)."""
    spans = sentence_spans(text)
    k = next((i for i, (a, b) in enumerate(spans) if a <= index < b), None)
    if k is None:
        return 0, len(text)
    first = last = k
    while first > 0 and _ORDINAL_END.search(text[spans[first - 1][0] : spans[first - 1][1]]):
        first -= 1
    while last + 1 < len(spans) and _ORDINAL_END.search(text[spans[last][0] : spans[last][1]]):
        last += 1
    return spans[first][0], spans[last][1]


def _ancestors(doc: Document) -> dict[int, list[Section]]:
    """Each block's sections, outermost first, by the block's id."""
    found: dict[int, list[Section]] = {}

    def visit(section: Section, above: list[Section]) -> None:
        chain = [*above, section]
        for block in section.blocks:
            found[id(block)] = chain
        for child in section.children:
            visit(child, chain)

    for top in doc.root.children:
        visit(top, [])
    return found
