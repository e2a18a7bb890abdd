"""Pack data compiled into ``Knowledge``: regular expressions and lookup tables.

``compile_knowledge`` takes the merged ``data:`` of the packs (validated
against ``packs/shape.py``) and builds the ``Knowledge`` the Python rules read.

Patterns are written in the one dialect every pack shares: RE2 syntax (see
``packs/patterns.py``), so any built-in pattern can be copied into a user pack.
Where a built-in pattern needs a negative context, which RE2 cannot express,
the data says so declaratively: a pattern entry may be a mapping
``{pattern: P, unless-after: A, unless-before: B}`` (each an RE2 pattern; ``A``
of fixed width), meaning "P, except where A ends right before the match or B
starts right after it". Only the built-in data uses this; it is compiled here
for Python's ``re`` as ``(?<!A)(?:P)(?!B)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from policylint.base import regexes
from policylint.base.prefilter import Filtered, LazyPattern, compile_filtered, fold
from policylint.packs import obfuscation
from policylint.packs.knowledge import (
    Authority,
    AuthorityContext,
    DateEvents,
    DateExample,
    Evidence,
    FeeLaws,
    FeeLexicon,
    Knowledge,
    Source,
)

Entry: TypeAlias = "str | Mapping[str, str]"
"""A pattern entry of the data: a pattern, or ``{pattern, unless-after, unless-before}``."""


def source(entry: Entry) -> str:
    """The Python regex of a pattern entry: a string, or ``{pattern, unless-after,
    unless-before}`` as ``(?<!after)(?:pattern)(?!before)``."""
    if isinstance(entry, str):
        return entry
    text = f"(?:{entry['pattern']})"
    if "unless-after" in entry:
        text = f"(?<!{entry['unless-after']}){text}"
    if "unless-before" in entry:
        text = f"{text}(?!{entry['unless-before']})"
    return text


def compile_any(patterns: Iterable[Entry], flags: int = re.IGNORECASE) -> Filtered:
    """One regex matching any of ``patterns`` (never matches when there are none)."""
    parts = [f"(?:{source(p)})" for p in patterns]
    return compile_filtered("|".join(parts) if parts else r"(?!x)x", flags)


def compile_each(patterns: Iterable[Entry], flags: int = re.IGNORECASE) -> tuple[Filtered, ...]:
    """One filtered pattern per alternative: a block is searched only with those
    whose literals it contains (a combined regex would run whenever any did)."""
    return tuple(compile_filtered(source(p), flags) for p in patterns)


def by_language(section: Mapping[str, Iterable[Any]]) -> dict[str, Filtered]:
    """``{lang: [patterns]}`` to ``{lang: compiled}``."""
    return {lang: compile_any(patterns) for lang, patterns in section.items()}


def each_by_language(section: Mapping[str, Iterable[Any]]) -> dict[str, tuple[Filtered, ...]]:
    """``{lang: [patterns]}`` to ``{lang: (compiled, ...)}``, one per pattern."""
    return {lang: compile_each(patterns) for lang, patterns in section.items()}


def compile_knowledge(
    data: Mapping[str, Any], words: Mapping[str, Iterable[str]] | None = None
) -> Knowledge:
    """Compile merged pack data into a Knowledge.

    ``words`` are the distinctive words of each language when already worked
    out (the start-up cache keeps them: folding every word costs ~1 ms a run).
    """
    if words is None:
        words = language_words(data)
    dates = data["last-updated"]
    contact = data["contact"]
    juris = data["jurisdictions"]
    return Knowledge(
        authorities=tuple(_authority(a) for a in data["authorities"]),
        generic_authority=by_language(data.get("generic-authority", {})),
        complaint_words=_all_languages(data.get("complaint-words", {})),
        modified_keys=tuple(str(k) for k in dates.get("modified-keys", [])),
        modified_labels=each_by_language(dates.get("modified-labels", {})),
        weekdays={
            str(lang): tuple(str(d) for d in days)
            for lang, days in dates.get("weekdays", {}).items()
        },
        helpline_phrases={str(k): str(v) for k, v in data.get("helpline-phrase", {}).items()},
        organisation_directive=_all_languages(data.get("organisation-directive", {})),
        authority_context=_authority_context(data.get("authority-context", {})),
        date_labels=each_by_language(dates["labels"]),
        generic_date_labels=each_by_language(dates.get("generic-labels", {})),
        weak_date_labels=each_by_language(dates.get("weak-labels", {})),
        law_context=compile_any(dates.get("law-context", [])),
        date_events={
            lang: DateEvents(
                events=compile_any(spec["events"]),
                notice=compile_any(spec["notice"]),
                label_words=frozenset(w.lower() for w in spec["label-words"]),
                future=compile_any(spec.get("future", [])),
                versions=compile_any(spec.get("versions", [])),
                # One regex each (compiled on first use): a leading literal lets re skip ahead.
                version_gate=tuple(LazyPattern(source(p)) for p in spec.get("version-gate", [])),
                key_words=compile_any(spec.get("key-words", [])),
                key_connectors=frozenset(w.lower() for w in spec.get("key-connectors", [])),
                foreign=compile_any(spec.get("foreign", [])),
            )
            for lang, spec in dates.get("events", {}).items()
        },
        history_headings=compile_any(dates.get("history", {}).get("headings", [])),
        history_columns=(
            compile_any(dates.get("history", {}).get("date-columns", [])),
            compile_any(dates.get("history", {}).get("change-columns", [])),
        ),
        label_reach=int(dates.get("label-reach", 60)),
        front_matter_keys=tuple(dates["front-matter-keys"]),
        date_examples={
            lang: DateExample(
                template=str(spec["template"]),
                months=tuple(str(m) for m in spec.get("months", [])),
                first_day=spec.get("first-day"),
                date=str(spec.get("date", "{day} {month} {year}")),
            )
            for lang, spec in dates.get("example", {}).items()
        },
        months={k.lower(): int(v) for table in dates["months"].values() for k, v in table.items()},
        month_names={
            str(lang): {str(k).lower(): int(v) for k, v in table.items()}
            for lang, table in dates["months"].items()
        },
        fees={
            lang: FeeLexicon(
                fees=compile_any(lex["fees"]),
                verbs=compile_any(lex.get("fee-verbs", [])),
                requests=compile_any(lex["requests"]),
                lawful=compile_any(lex.get("lawful", [])),
                denials=compile_any(lex.get("denials", [])),
                past=compile_any(lex.get("past", [])),
                other=compile_any(lex.get("other", [])),
                clause_breaks=compile_any(lex.get("clause-breaks", [])),
                fee_parts=compile_each(lex["fees"]),
            )
            for lang, lex in data["fee-claims"].items()
        },
        fee_laws=FeeLaws(
            order=tuple((str(j), str(law)) for j, law in data["fee-laws"]["order"]),
            default=str(data["fee-laws"]["default"]),
            in_messages={
                str(lang): {str(k): str(v) for k, v in names.items()}
                for lang, names in data["fee-laws"].get("in-messages", {}).items()
            },
        ),
        contact_form_url=compile_any(contact["form-url"]),
        contact_form_words=_all_languages(contact.get("form-words", {})),
        obfuscated_email=obfuscation.address(contact),
        obfuscated_marks=obfuscation.marks(contact),
        postcodes={k: compile_filtered(source(v), 0) for k, v in contact["postcodes"].items()},
        third_party=compile_any(
            p for words in (contact.get("third-party") or {}).values() for p in words
        ),
        evidence={
            name: Evidence(
                patterns=tuple(
                    (compile_filtered(source(p)), int(w)) for p, w in spec.get("patterns", [])
                ),
                postcode=int(spec.get("postcode", 0)),
                language={k: int(v) for k, v in (spec.get("language") or {}).items()},
                rebutted_by=tuple(str(j) for j in spec.get("rebutted-by", [])),
                hedged_by=compile_any(spec["hedged-by"]) if spec.get("hedged-by") else None,
            )
            for name, spec in juris["evidence"].items()
        },
        threshold=int(juris.get("threshold", 2)),
        language_words={
            lang: frozenset(word.encode() for word in listed) for lang, listed in words.items()
        },
        language_names={
            lang: str(spec.get("name", lang)) for lang, spec in data.get("languages", {}).items()
        },
        language_names_in={
            lang: {str(k): str(v) for k, v in (spec.get("names") or {}).items()}
            for lang, spec in data.get("languages", {}).items()
        },
        continuing_words=_every_language(data, "continuing-words"),
        dangling_words=_every_language(data, "dangling-words"),
        sentence_openers=_every_language(data, "sentence-openers"),
        abbreviations=_every_language(data, "abbreviations"),
    )


def _every_language(data: Mapping[str, Any], key: str) -> frozenset[str]:
    """The lowercased words under ``languages: <lang>: <key>`` of every language."""
    languages = data.get("languages", {}).values()
    return frozenset(str(word).lower() for spec in languages for word in spec.get(key, []))


def language_words(data: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The distinctive words of each language the pack data lists."""
    return distinctive_words(
        {lang: spec.get("words", []) for lang, spec in data.get("languages", {}).items()}
    )


def distinctive_words(words: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """``{lang: [word, ...]}`` to ``{lang: {word, ...}}``, keeping words of one language only.

    A word common in two languages ("die": German and Dutch) tells them apart
    no better than it tells either from a third, so it is evidence for none.
    """
    owners: dict[str, set[str]] = {}
    for lang, listed in words.items():
        for word in listed:
            owners.setdefault(fold(str(word)), set()).add(lang)
    return {lang: frozenset(w for w, langs in owners.items() if langs == {lang}) for lang in words}


def _authority(spec: Mapping[str, Any]) -> Authority:
    return Authority(
        id=spec["id"],
        name=spec["name"],
        short=spec.get("short"),
        jurisdiction=spec["jurisdiction"],
        country=spec.get("country", spec["jurisdiction"]),
        names=compile_any(spec["names"]),
        name_parts=compile_each(spec["names"]),
        helplines=tuple(spec.get("helplines", [])),
        other_numbers=tuple(spec.get("other-numbers", [])),
        obsolete_numbers=tuple(spec.get("obsolete-numbers", [])),
        websites=tuple(spec.get("websites", [])),
        postcodes=tuple(spec.get("postcodes", [])),
        helpline_expected=bool(spec.get("helpline-expected", False)),
        complaint_page=spec.get("complaint-page"),
        sources=tuple(
            Source(str(s["url"]), str(s["checked"]), tuple(s["states"]))
            for s in spec.get("sources", [])
        ),
    )


def _all_languages(section: Mapping[str, Iterable[Any]]) -> Filtered:
    """``{lang: [patterns]}`` as one pattern matching any language's."""
    return compile_any(p for patterns in section.values() for p in patterns)


def _authority_context(spec: Mapping[str, Any]) -> AuthorityContext:
    """The ``authority-context`` words compiled as ``AuthorityContext`` says."""

    def words(table: Mapping[str, Iterable[str]], languages: Iterable[str] | None = None) -> str:
        chosen = table if languages is None else {k: table.get(k, []) for k in languages}
        found = [w for listed in chosen.values() for w in listed]
        return "|".join(found) if found else r"(?!x)x"

    flags = re.IGNORECASE
    joints = spec.get("next-clause", {})
    return AuthorityContext(
        organisation=regexes.compile(rf"\b(?:{words(spec.get('organisation', {}))})\b", flags),
        next_clause=regexes.compile(rf"[,;]?\s+(?:{words(joints)})\s+|;\s*", flags),
        joint_capitalised=regexes.compile(
            rf"[,;]?\s+(?:{words(joints, spec.get('capitalised-nouns', []))})\s+", flags
        ),
        points_back=regexes.compile(rf"(?:{words(spec.get('points-back', {}))})\b", flags),
        refers_back=regexes.compile(rf"\b(?:{words(spec.get('refers-back', {}))})\b", flags),
    )
