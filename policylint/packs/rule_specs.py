"""The shape of one YAML rule and of a pack's topics, checked before anything is linted.

Each problem is a ``PackError`` naming ``file:line``: an unknown key (with a
"did you mean"), a missing code, name or message, a bad severity, a duplicate
code, a pattern RE2 rejects or one that can match the empty string, a
language or jurisdiction policylint does not know, a topic no pack defines.
``schemas/rule-pack.schema.json`` describes the same shape for editors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from policylint.base.findings import Severity
from policylint.base.rule import CODE_PATTERN, NAME_PATTERN
from policylint.packs.pack_errors import LineMap, PackError, check_keys
from policylint.packs.topics import NAME_CHARS, PATTERN_KEYS, TOPIC_KEYS, pattern_lists, texts

RULE_KEYS = (
    "code", "name", "severity", "message", "require", "forbid", "unless", "require-section",
    "require-topic", "require-some", "cites", "history", "when-present", "unless-present",
    "section", "when", "url", "description", "examples",
)  # fmt: skip
CHECK_KEYS = ("require", "forbid", "require-section", "require-topic", "require-some", "cites")
# Checks that may go together in one rule (all of one topic list, some of another).
COMBINABLE = frozenset({"require-topic", "require-some"})
WHEN_KEYS = ("jurisdiction", "language")
EXAMPLE_KEYS = ("fires", "passes")
SOME_KEYS = ("at-least", "of")
CITE_KEYS = ("pattern", "name", "ended", "replaced-by", "source", "unless-present", "fix")
TOPIC_REFERENCES = ("require-topic", "when-present", "unless-present", "history")


def validate_rule(
    entry: LineMap,
    path: str,
    taken: Mapping[str, str],
    languages: frozenset[str],
    *,
    trusted: bool = False,
) -> dict[str, Any]:
    """Check one rule mapping; return it with defaults filled in.

    ``languages`` are the codes a per-language pattern, message or ``when:
    language`` may use. Topic names are checked later, once every pack's
    topics are known (``topic_references``).
    """
    check_keys(entry, RULE_KEYS, path, "rule")
    for key in ("code", "name"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise PackError(path, entry.line_of(key), f"rule needs a {key!r} (a non-empty string)")
    message = texts(entry.get("message"))
    if message is None or not all(t.strip() for t in message.values()) or "en" not in message:
        raise PackError(
            path,
            entry.line_of("message"),
            "rule needs a 'message': a text, or a mapping of language to text with 'en'",
        )
    _check_languages(message, languages, path, entry.line_of("message"), "message")
    code, name = entry["code"], entry["name"]
    if not CODE_PATTERN.fullmatch(code):
        raise PackError(
            path, entry.line_of("code"), f"code {code!r} must be letters then digits, e.g. ACME001"
        )
    if not NAME_PATTERN.fullmatch(name):
        raise PackError(
            path, entry.line_of("name"), f"name {name!r} must be kebab-case, e.g. dpo-email"
        )
    for key, value in (("code", code), ("name", name)):
        if value in taken:
            raise PackError(
                path, entry.line_of(key), f"duplicate rule {key} {value!r} (also {taken[value]})"
            )
    severity = entry.get("severity", "warning")
    try:
        Severity.parse(str(severity))
    except ValueError:
        raise PackError(
            path,
            entry.line_of("severity"),
            f"severity must be error, warning or info, not {severity!r}",
        ) from None
    checks = [key for key in CHECK_KEYS if key in entry]
    if not checks or (len(checks) > 1 and not set(checks) <= COMBINABLE):
        raise PackError(
            path,
            entry.line,
            f"rule {code} needs exactly one of: {', '.join(CHECK_KEYS)} "
            "(require-topic and require-some may go together)",
        )
    if "unless" in entry and "forbid" not in entry:
        raise PackError(path, entry.line_of("unless"), "'unless' only goes with 'forbid'")
    if "section" in entry and set(checks) & {"require-topic", "require-some", "cites"}:
        raise PackError(
            path, entry.line_of("section"), "'section' does not go with topics or citations"
        )
    if "history" in entry and "cites" not in entry:
        raise PackError(path, entry.line_of("history"), "'history' only goes with 'cites'")
    for key in ("require", "forbid", "unless", "require-section", "section"):
        if key in entry:
            _check_patterns(entry[key], path, entry.line_of(key), key, languages, trusted)
    for key in TOPIC_REFERENCES:
        if key in entry and not _names(entry[key]):
            raise PackError(
                path, entry.line_of(key), f"{key!r} must be a topic name or a list of them"
            )
    if "require-some" in entry:
        _check_some(entry["require-some"], path, entry.line_of("require-some"))
    if "cites" in entry:
        _check_cites(entry["cites"], path, entry.line_of("cites"), languages, trusted)
    when = entry.get("when", LineMap())
    if not isinstance(when, LineMap):
        raise PackError(
            path, entry.line_of("when"), "'when' must be a mapping (jurisdiction, language)"
        )
    check_keys(when, WHEN_KEYS, path, "'when'")
    _check_when(when, path, languages)
    examples = entry.get("examples", LineMap())
    if not isinstance(examples, LineMap):
        raise PackError(
            path, entry.line_of("examples"), "'examples' must be a mapping (fires, passes)"
        )
    check_keys(examples, EXAMPLE_KEYS, path, "'examples'")
    return {**entry, "severity": str(severity)}


def validate_topics(
    topics: Any,
    path: str,
    line: int,
    taken: Mapping[str, str],
    languages: frozenset[str],
    *,
    trusted: bool = False,
) -> dict[str, Any]:
    """Check a pack's ``topics:`` mapping; return it. A name in ``taken`` is a duplicate."""
    if not isinstance(topics, LineMap):
        raise PackError(path, line, "'topics:' must be a mapping of topic name to topic")
    for name, topic in topics.items():
        where = topics.line_of(name)
        if not isinstance(name, str) or not name or not set(name) <= NAME_CHARS:
            raise PackError(path, where, f"topic name {name!r} must be kebab-case, e.g. retention")
        if name in taken:
            raise PackError(path, where, f"duplicate topic {name!r} (also {taken[name]})")
        if not isinstance(topic, LineMap):
            raise PackError(path, where, f"topic {name!r} must be a mapping")
        check_keys(topic, TOPIC_KEYS, path, f"topic {name!r}")
        if not {"headings", "sentences", "section-headings"} & set(topic):
            raise PackError(
                path, where, f"topic {name!r} needs 'headings', 'sentences' or 'section-headings'"
            )
        _check_pair(topic, name, path, where)
        for key in PATTERN_KEYS:
            if key in topic:
                _check_patterns(topic[key], path, topic.line_of(key), key, languages, trusted)
        if "label" in topic:
            label = texts(topic["label"])
            if label is None or "en" not in label:
                raise PackError(
                    path, topic.line_of("label"), "'label' must be a text or a mapping with 'en'"
                )
            _check_languages(label, languages, path, topic.line_of("label"), "label")
    return dict(topics)


def _check_pair(topic: LineMap, name: str, path: str, where: int) -> None:
    """``section-headings`` and ``section-sentences`` come together (a language only one
    of them gives patterns for has no section topic: ``yaml_topics.readable``)."""
    if ("section-headings" in topic) != ("section-sentences" in topic):
        raise PackError(
            path, where, f"topic {name!r}: 'section-headings' and 'section-sentences' go together"
        )


def topic_references(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, topic name) for every topic a validated rule spec refers to."""
    found = [(key, name) for key in TOPIC_REFERENCES for name in _names(spec.get(key))]
    some = spec.get("require-some")
    if isinstance(some, Mapping):
        found += [("require-some", name) for name in _names(some.get("of"))]
    for cite in spec.get("cites") or ():
        if isinstance(cite, Mapping):
            found += [("unless-present", name) for name in _names(cite.get("unless-present"))]
    return found


def _names(value: Any) -> list[str]:
    if isinstance(value, str) and value:
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return list(value)
    return []


def _check_some(value: Any, path: str, line: int) -> None:
    if not isinstance(value, LineMap):
        raise PackError(path, line, "'require-some' must be a mapping (at-least, of)")
    check_keys(value, SOME_KEYS, path, "'require-some'")
    names, least = _names(value.get("of")), value.get("at-least")
    if not names or not isinstance(least, int) or isinstance(least, bool):
        raise PackError(path, line, "'require-some' needs 'of' (topics) and 'at-least' (a number)")
    if not 1 <= least <= len(names):
        raise PackError(
            path, value.line_of("at-least"), f"'at-least' must be 1 to {len(names)}, not {least}"
        )


def _check_cites(
    value: Any, path: str, line: int, languages: frozenset[str], trusted: bool
) -> None:
    if not isinstance(value, list) or not value:
        raise PackError(path, line, "'cites' must be a list of citations (pattern, name, ...)")
    for cite in value:
        if not isinstance(cite, LineMap):
            raise PackError(path, line, "each citation in 'cites' must be a mapping")
        check_keys(cite, CITE_KEYS, path, "citation")
        for key in ("pattern", "name"):
            if key not in cite:
                raise PackError(path, cite.line, f"citation needs {key!r}")
        _check_patterns(
            cite["pattern"], path, cite.line_of("pattern"), "pattern", languages, trusted
        )
        for key in ("name", "replaced-by", "source", "fix"):
            if key in cite:
                text = texts(cite[key])
                if text is None or "en" not in text:
                    raise PackError(
                        path, cite.line_of(key), f"{key!r} must be a text or a mapping with 'en'"
                    )
                _check_languages(text, languages, path, cite.line_of(key), key)
        if "unless-present" in cite and not _names(cite["unless-present"]):
            raise PackError(
                path, cite.line_of("unless-present"),
                "'unless-present' must be a topic name or a list of them",
            )  # fmt: skip
        ended = cite.get("ended")
        if ended is not None and not _is_date(ended):
            raise PackError(path, cite.line_of("ended"), "'ended' must be a date, YYYY-MM-DD")


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _check_patterns(
    value: Any, path: str, line: int, key: str, languages: frozenset[str], trusted: bool = False
) -> None:
    """Check a pattern value: its shape, languages, and (a user pack's) RE2 syntax.

    The built-in packs' (``trusted``) patterns are not compiled here, where every
    start-up cache rebuild would pay for it: ``tests/test_matchers.py`` checks that
    each is valid RE2 (so users can copy it) and cannot match the empty string.
    """
    from policylint.packs.patterns import PatternError, compile_user

    lists = pattern_lists(value)
    if lists is None:
        raise PackError(
            path, line, f"{key!r} must be a pattern, a list, or a mapping of language to either"
        )
    lines = value if isinstance(value, LineMap) else None  # a language's own line, when known
    for lang, patterns in lists.items():
        where = lines.line_of(lang) if lines is not None else line
        _check_languages({lang: patterns}, languages, path, where, key)
        for pattern in () if trusted else patterns:
            try:
                compiled = compile_user(pattern)
            except PatternError as exc:
                raise PackError(path, where, f"invalid pattern in {key!r}: {exc}") from None
            if _matches_empty(compiled):
                raise PackError(
                    path, where, f"pattern in {key!r} can match the empty string: {pattern!r}"
                )


def _check_languages(
    value: Mapping[str, Any], languages: frozenset[str], path: str, line: int, key: str
) -> None:
    for lang in value:
        if lang not in languages and lang != "default":
            known = ", ".join([*sorted(languages), "default"])
            raise PackError(path, line, f"unknown language {lang!r} in {key!r} ({known})")


def _check_when(when: LineMap, path: str, languages: frozenset[str]) -> None:
    for key, valid, what in (
        ("language", languages.__contains__, f"known: {', '.join(sorted(languages))}"),
        ("jurisdiction", _is_law_or_place, "GDPR, UK, NL, EU, US or an ISO 3166 country code"),
    ):
        value = when.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else str(value).replace(",", " ").split()
        for item in items:
            if not isinstance(item, str) or not valid(item):
                raise PackError(path, when.line_of(key), f"unknown {key} {item!r} ({what})")


def _is_law_or_place(value: str) -> bool:
    """``GDPR`` (the UK GDPR or the GDPR applies) or a jurisdiction (``is_jurisdiction``)."""
    from policylint.packs.jurisdictions import is_jurisdiction

    return value.strip().upper() == "GDPR" or is_jurisdiction(value)


# Texts on which a pattern that can match the empty string shows it: at the
# start, between words, at a word boundary, at the end.
_EMPTY_PROBES = ("", " ", "a", "a b.", "1")


def _matches_empty(pattern: Any) -> bool:
    return any(m.start() == m.end() for text in _EMPTY_PROBES for m in pattern.finditer(text))
