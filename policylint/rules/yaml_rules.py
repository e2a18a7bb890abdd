"""Rules written in YAML: require a phrase, forbid one, require a section.

The shapes a compliance team needs most, as data:

``require``
    the pattern must occur somewhere in the prose (of the scoped sections);
    reported once, at the title, when it does not.
``forbid``
    the pattern must not occur; reported at every match, unless ``unless``
    matches in the same sentence.
``require-section``
    some section heading must match the pattern; reported at the title.

Any pattern may be one string or a mapping from language (``en``, ``nl``) to
pattern, with ``default`` for other languages; a rule whose patterns have no
entry for a document's language does not apply to it. ``section`` limits a
rule to the sections (and their sub-sections) whose heading matches. ``when``
limits it by jurisdiction and language. Patterns use RE2 syntax, are
case-insensitive and match folded prose, so a phrase broken over lines still
matches.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from policylint.base.findings import Problem, Severity
from policylint.base.messages import PackMessage
from policylint.base.rule import Rule
from policylint.packs.patterns import Pattern, compile_user
from policylint.packs.topics import Topic, texts
from policylint.parse.document import Block, Document, Section
from policylint.parse.prose import sentence_at
from policylint.rules import yaml_topics
from policylint.rules.context import RuleContext, document_location

Patterns = Mapping[str, Pattern]  # language ("*" for all) -> compiled


def _compile(value: str | Mapping[str, str] | None) -> Patterns | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"*": compile_user(value)}
    return {("*" if lang == "default" else lang): compile_user(p) for lang, p in value.items()}


def _for(patterns: Patterns, language: str) -> Pattern | None:
    return patterns.get(language) or patterns.get("*")


def _as_list(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = value if isinstance(value, list) else str(value).replace(",", " ").split()
    return frozenset(str(item).strip() for item in items)


def build(
    spec: Mapping[str, Any],
    origin: str,
    line: int,
    topics: Mapping[str, Topic] | None = None,
    *,
    trusted: bool = False,
) -> Rule:
    """A Rule from a validated YAML rule mapping found at ``origin:line``.

    ``topics`` are every pack's topics by name (the spec's references are
    checked); ``trusted``: a built-in pack's rule, whose citations run on ``re``
    (``packs/matchers``).
    """
    from policylint.packs.jurisdictions import GDPR_STYLE, normalise_jurisdiction

    topics = topics or {}
    wording = _message(spec["message"])
    message: str | PackMessage = wording["en"] if len(wording) == 1 else PackMessage(wording)
    require = _compile(spec.get("require"))
    forbid = _compile(spec.get("forbid"))
    unless = _compile(spec.get("unless"))
    need_section = _compile(spec.get("require-section"))
    section = _compile(spec.get("section"))
    when = spec.get("when") or {}
    named = _as_list(when.get("jurisdiction"))
    # GDPR: the UK GDPR or the GDPR applies (UK, NL or another EU/EEA member).
    gdpr = any(j.upper() == "GDPR" for j in named)
    jurisdictions = frozenset(normalise_jurisdiction(j) for j in named if j.upper() != "GDPR")
    jurisdictions |= GDPR_STYLE if gdpr else frozenset()
    languages = _as_list(when.get("language"))
    conditional = yaml_topics.condition(spec, topics)
    body = None
    if "cites" in spec:
        body = yaml_topics.citations(spec, topics, wording, trusted)
    elif "require-topic" in spec or "require-some" in spec:
        body = yaml_topics.missing(spec, topics, wording)
    speaks = yaml_topics.readable(spec, topics)

    def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
        facts = ctx.facts_of(doc)
        profile = facts.profile
        if jurisdictions and not jurisdictions & profile.jurisdictions:
            return
        if languages and profile.language not in languages:
            return
        if not speaks(profile.language):
            return
        if conditional is not None and not conditional(facts):
            return
        if body is not None:
            yield from body(doc, facts)
            return
        lang = profile.language
        scope = _for(section, lang) if section else None
        if section and scope is None:
            return
        blocks = list(_scoped_blocks(doc, scope))
        if need_section is not None:
            wanted = _for(need_section, lang)
            if wanted is not None and not any(wanted.search(s.title) for s in doc.sections()):
                yield Problem(document_location(doc), message)
        if require is not None:
            wanted = _for(require, lang)
            if wanted is not None and not any(wanted.search(b.text) for b in blocks):
                yield Problem(document_location(doc), message)
        if forbid is not None:
            banned = _for(forbid, lang)
            excuse = _for(unless, lang) if unless else None
            if banned is not None:
                yield from _forbidden(blocks, banned, excuse, message)

    examples = spec.get("examples") or {}
    labels = {"fires": "Fires on", "passes": "Does not fire"}
    doc = spec.get("description", "").strip() or wording["en"]
    if examples:
        doc += "\n\n" + "\n".join(f"{labels[k]}: {str(v).strip()}" for k, v in examples.items())
    read = yaml_topics.topics_read(spec)
    if read:
        doc += "\n\nTopics: " + ", ".join(read)
    return Rule(
        code=spec["code"],
        name=spec["name"],
        severity=Severity.parse(spec["severity"]),
        doc=doc,
        check=check,
        origin=f"{origin}:{line}",
        url=spec.get("url"),
        # A topic rule reads wording: on a notice in a language none of its topics
        # speak (no pattern for it, no default), it is skipped and PL907 says so.
        language_specific=body is not None and not speaks(""),
    )


def _message(value: Any) -> dict[str, str]:
    """The message per language (``en`` for a plain text), stripped."""
    return {lang: text.strip() for lang, text in (texts(value) or {"en": str(value)}).items()}


def _scoped_blocks(doc: Document, scope: Pattern | None) -> Iterator[Block]:
    """The blocks in scope, in document order, each once (every block without a scope)."""
    if scope is None:
        yield from doc.blocks
        return
    yield from _in_sections(doc.root.children, scope)


def _in_sections(sections: list[Section], scope: Pattern) -> Iterator[Block]:
    """Blocks of the sections whose title matches ``scope``, with their sub-sections.

    The sub-sections of a matching section are not tried again: a sub-heading
    that also matches ("Data protection officer" under "Data protection")
    would report the same finding twice.
    """
    for section in sections:
        if scope.search(section.title):
            for inner in section.walk():
                if inner.heading is not None:
                    yield inner.heading
                yield from inner.blocks
        else:
            yield from _in_sections(section.children, scope)


def _forbidden(
    blocks: list[Block], banned: Pattern, excuse: Pattern | None, message: str | PackMessage
) -> Iterator[Problem]:
    for block in blocks:
        text = block.text
        for match in banned.finditer(text):
            if excuse is not None:
                start, end = sentence_at(text, match.start())
                if excuse.search(text, start, end):
                    continue
            yield Problem(block.prose.location(match.start(), match.end()), message)
