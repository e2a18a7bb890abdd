"""The shape of the built-in packs' ``data:``, declared once, checked like ``rules:``.

``DATA`` below says which keys each mapping of ``data:`` may hold, which it must
hold, and what each value is. ``check`` holds one pack's ``data:`` against it and
raises ``PackError`` naming ``file:line`` for an unknown key (with a "did you
mean" hint), a missing one, a value of the wrong type, a pattern RE2 rejects
and a language code the packs do not define. So renaming ``helplines:`` to
``helpline:`` stops the run instead of silently turning rules off.
``json_schema`` writes the same shape as JSON Schema: the ``data`` part of
``schemas/rule-pack.schema.json`` (for editors) is generated from it, and a test
keeps the two equal.

The shape is declared in Python rather than validated with the ``jsonschema``
library: that library is not a runtime dependency, and its errors would still
have to be mapped back to lines and "did you mean" hints.

Patterns are RE2 patterns (``packs/patterns.py``), as in user packs: a pattern
is a string, or, in the built-in data only, a mapping ``{pattern, unless-after,
unless-before}`` for a negative context (see ``packs/compiling.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from policylint.packs.loader import LineMap, PackError, check_keys


class Scalar(NamedTuple):
    """A string, an integer, a pattern, a boolean or a date (``kind``: "string",
    "integer", "pattern", "boolean", "date": a quoted ``YYYY-MM-DD``)."""

    kind: str


class ListOf(NamedTuple):
    """A list of ``item``."""

    item: Any


class Pair(NamedTuple):
    """A two-item list ``[first, second]``."""

    first: Any
    second: Any


class MapOf(NamedTuple):
    """A mapping of free keys to ``value``; ``keys``: "language" (a language the
    packs define), "language-code" (``[a-z]{2,3}``), "jurisdiction" or "name"."""

    keys: str
    value: Any


class Fields(NamedTuple):
    """A mapping with these keys (``what`` names it in messages)."""

    what: str
    required: Mapping[str, Any]
    optional: Mapping[str, Any]


STRING, INTEGER, PATTERN = Scalar("string"), Scalar("integer"), Scalar("pattern")
BOOLEAN, DATE = Scalar("boolean"), Scalar("date")
PATTERNS = ListOf(PATTERN)
STRINGS = ListOf(STRING)
BY_LANGUAGE = MapOf("language", PATTERNS)

SOURCE_STATES = ("names", "website", "complaint-page", "helplines", "other-numbers", "postcodes")
"""What an authority's source page may state (``sources: states``)."""
SOURCE = Fields("source", {"url": STRING, "checked": DATE, "states": STRINGS}, {})
AUTHORITY = Fields(
    "authority",
    {
        "id": STRING,
        "name": STRING,
        "jurisdiction": STRING,
        "names": PATTERNS,
        "sources": ListOf(SOURCE),
    },
    {
        "short": STRING,
        "country": STRING,
        "helplines": STRINGS,
        "other-numbers": STRINGS,
        "obsolete-numbers": STRINGS,
        "helpline-expected": BOOLEAN,
        "websites": STRINGS,
        "complaint-page": STRING,
        "postcodes": STRINGS,
    },
)
DATE_EVENTS = Fields(
    "date events",
    {"events": PATTERNS, "notice": PATTERNS, "label-words": STRINGS},
    {
        "future": PATTERNS,
        "versions": PATTERNS,
        "version-gate": PATTERNS,
        "key-words": PATTERNS,
        "key-connectors": STRINGS,
        "foreign": PATTERNS,
    },
)
LAST_UPDATED = Fields(
    "last-updated",
    {
        "labels": BY_LANGUAGE,
        "front-matter-keys": STRINGS,
        "months": MapOf("language", MapOf("name", INTEGER)),
    },
    {
        "label-reach": INTEGER,
        "modified-keys": STRINGS,
        "modified-labels": BY_LANGUAGE,
        "weekdays": MapOf("language", STRINGS),
        "generic-labels": BY_LANGUAGE,
        "weak-labels": BY_LANGUAGE,
        "events": MapOf("language", DATE_EVENTS),
        "history": Fields(
            "history",
            {},
            {"headings": PATTERNS, "date-columns": PATTERNS, "change-columns": PATTERNS},
        ),
        "law-context": PATTERNS,
        "example": MapOf(
            "language",
            Fields(
                "example",
                {"template": STRING},
                {"date": STRING, "months": STRINGS, "first-day": STRING},
            ),
        ),
    },
)
FEE_LEXICON = Fields(
    "fee-claims",
    {"fees": PATTERNS, "requests": PATTERNS},
    {
        "fee-verbs": PATTERNS,
        "lawful": PATTERNS,
        "denials": PATTERNS,
        "past": PATTERNS,
        "other": PATTERNS,
        "clause-breaks": PATTERNS,
    },
)
EVIDENCE = Fields(
    "evidence",
    {},
    {
        "patterns": ListOf(Pair(PATTERN, INTEGER)),
        "postcode": INTEGER,
        "language": MapOf("language", INTEGER),
        "rebutted-by": STRINGS,
        "hedged-by": PATTERNS,
    },
)
LANGUAGE = Fields(
    "language",
    {"name": STRING, "words": STRINGS},
    {
        "names": MapOf("language", STRING),
        "continuing-words": STRINGS,
        "dangling-words": STRINGS,
        "sentence-openers": STRINGS,
        "abbreviations": STRINGS,
    },
)
DATA = Fields(
    "data",
    {},  # required of the packs together: see REQUIRED
    {
        "authorities": ListOf(AUTHORITY),
        "complaint-words": BY_LANGUAGE,
        "organisation-directive": BY_LANGUAGE,
        "authority-context": Fields(
            "authority-context",
            {},
            {
                "organisation": BY_LANGUAGE,
                "next-clause": BY_LANGUAGE,
                "points-back": BY_LANGUAGE,
                "refers-back": BY_LANGUAGE,
                "capitalised-nouns": STRINGS,
            },
        ),
        "generic-authority": BY_LANGUAGE,
        "helpline-phrase": MapOf("language", STRING),
        "contact": Fields(
            "contact",
            {"form-url": PATTERNS, "postcodes": MapOf("name", PATTERN)},
            {
                "obfuscated-at": PATTERNS,
                "obfuscated-dot": PATTERNS,
                "third-party": BY_LANGUAGE,
                "form-words": BY_LANGUAGE,
            },
        ),
        "last-updated": LAST_UPDATED,
        "fee-laws": Fields(
            "fee-laws",
            {"order": ListOf(Pair(STRING, STRING)), "default": STRING},
            {"in-messages": MapOf("language", MapOf("name", STRING))},
        ),
        "fee-claims": MapOf("language", FEE_LEXICON),
        "jurisdictions": Fields(
            "jurisdictions",
            {"evidence": MapOf("jurisdiction", EVIDENCE)},
            {"threshold": INTEGER},
        ),
        "languages": MapOf("language-code", LANGUAGE),
    },
)
REQUIRED = ("authorities", "contact", "last-updated", "fee-laws", "fee-claims", "jurisdictions")
"""Keys of ``data:`` that one of the built-in packs must give (each pack gives some)."""

PATTERN_ENTRY_KEYS = ("pattern", "unless-after", "unless-before")


class Checker(NamedTuple):
    """Where a check is: the pack file and the languages the packs define."""

    path: str
    languages: frozenset[str]

    def fail(self, line: int, message: str) -> PackError:
        return PackError(self.path, line, message)


def check(data: Any, path: str, languages: frozenset[str], line: int) -> None:
    """Hold one pack's ``data:`` (read by ``loader.read``) against ``DATA``.

    ``languages``: the codes the packs' ``languages:`` define (all packs
    together); ``line``: the line of ``data:`` itself (1-based). Raises
    PackError naming ``path`` and the line of the offending key.
    """
    at = Checker(path, languages)
    _check(data, DATA, "data", at, line)
    for authority in data.get("authorities", []):
        check_sources(authority, at)


def _check(value: Any, shape: Any, key: str, at: Checker, line: int) -> None:
    """Check ``value`` (found under ``key``, on ``line``) against ``shape``."""
    if isinstance(shape, Fields):
        if not isinstance(value, LineMap):
            raise at.fail(line, f"{key!r} must be a mapping ({shape.what})")
        check_keys(value, (*shape.required, *shape.optional), at.path, shape.what)
        for name in shape.required:
            if name not in value:
                raise at.fail(value.line, f"missing key {name!r} in {shape.what}")
        for name, item in value.items():
            inner = shape.required.get(name, shape.optional.get(name))
            _check(item, inner, name, at, value.line_of(name))
    elif isinstance(shape, MapOf):
        if not isinstance(value, LineMap):
            raise at.fail(line, f"{key!r} must be a mapping")
        for name, item in value.items():
            _check_name(name, shape.keys, key, at, value.line_of(name))
            _check(item, shape.value, f"{key}: {name}", at, value.line_of(name))
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            raise at.fail(line, f"{key!r} must be a list")
        for item in value:
            _check(item, shape.item, key, at, getattr(item, "line", line))
    elif isinstance(shape, Pair):
        if not isinstance(value, list) or len(value) != 2:
            raise at.fail(line, f"each item of {key!r} must be a pair [a, b]")
        _check(value[0], shape.first, key, at, line)
        _check(value[1], shape.second, key, at, line)
    elif shape == PATTERN:
        _check_pattern(value, key, at, line)
    elif shape == INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise at.fail(line, f"{key!r} must be a whole number, not {value!r}")
    elif shape == BOOLEAN:
        if not isinstance(value, bool):
            raise at.fail(line, f"{key!r} must be true or false, not {value!r}")
    elif shape == DATE:
        _check_date(value, key, at, line)
    elif not isinstance(value, str):  # STRING; unquoted YAML yes/no/on/off are booleans
        raise at.fail(line, f"{key!r} must hold strings, not {value!r} (quote it)")


def _check_date(value: Any, key: str, at: Checker, line: int) -> None:
    """A quoted ``YYYY-MM-DD`` that is a real date (YAML reads an unquoted one as a date
    object, which the start-up cache could not keep as JSON)."""
    import datetime as dt

    try:
        if isinstance(value, str) and len(value) == 10:
            dt.date.fromisoformat(value)
            return
    except ValueError:
        pass
    raise at.fail(line, f"{key!r} must be a date 'YYYY-MM-DD' in quotes, not {value!r}")


def check_sources(authority: Any, at: Checker) -> None:
    """An authority's listed numbers must each be stated by one of its sources.

    A number is shipped only when an official page states it: a source whose
    ``states`` names ``helplines`` (``other-numbers``) vouches for those numbers.
    """
    said: set[str] = set()
    for source in authority.get("sources", []):
        unknown = [s for s in source["states"] if s not in SOURCE_STATES]
        if unknown:
            known = ", ".join(SOURCE_STATES)
            raise at.fail(source.line, f"unknown state {unknown[0]!r} in source ({known})")
        said.update(source["states"])
    for key in ("helplines", "other-numbers"):
        if authority.get(key) and key not in said:
            raise at.fail(
                authority.line_of(key),
                f"{key!r} of authority {authority['id']!r} given, but no source states them",
            )


def _check_name(name: Any, keys: str, key: str, at: Checker, line: int) -> None:
    from policylint.packs.jurisdictions import is_jurisdiction

    if not isinstance(name, str):
        raise at.fail(line, f"key {name!r} under {key!r} must be a string (quote it)")
    if keys == "language" and name not in at.languages:
        known = ", ".join(sorted(at.languages))
        raise at.fail(line, f"unknown language {name!r} in {key!r} (known: {known})")
    if keys == "language-code" and not (name.isascii() and name.islower() and 2 <= len(name) <= 3):
        raise at.fail(line, f"language code {name!r} must be 2 or 3 lowercase letters")
    if keys == "jurisdiction" and not is_jurisdiction(name):
        raise at.fail(line, f"unknown jurisdiction {name!r} in {key!r}")


def _check_pattern(value: Any, key: str, at: Checker, line: int) -> None:
    """A pattern RE2 compiles, or a ``{pattern, unless-after, unless-before}`` mapping."""
    from policylint.packs.patterns import PatternError, compile_user

    if isinstance(value, LineMap):
        check_keys(value, PATTERN_ENTRY_KEYS, at.path, "pattern entry")
        if "pattern" not in value:
            raise at.fail(value.line, "missing key 'pattern' in pattern entry")
        for name, part in value.items():
            _check_pattern(part, name, at, value.line_of(name))
        return
    if not isinstance(value, str) or not value:
        raise at.fail(line, f"{key!r} must hold patterns (non-empty strings), not {value!r}")
    try:
        compile_user(value)
    except PatternError as exc:
        raise at.fail(line, f"invalid pattern in {key!r}: {exc}") from None


def json_schema(shape: Any = DATA) -> dict[str, Any]:
    """``shape`` as JSON Schema (draft 2020-12), for ``schemas/rule-pack.schema.json``."""
    if isinstance(shape, Fields):
        fields = {**shape.required, **shape.optional}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {name: json_schema(inner) for name, inner in fields.items()},
            "additionalProperties": False,
        }
        if shape.required:
            schema["required"] = list(shape.required)
        return schema
    if isinstance(shape, MapOf):
        names = {"language": "^[a-z]{2,3}$", "language-code": "^[a-z]{2,3}$"}
        schema = {"type": "object", "additionalProperties": json_schema(shape.value)}
        if shape.keys in names:
            schema["propertyNames"] = {"pattern": names[shape.keys]}
        return schema
    if isinstance(shape, ListOf):
        return {"type": "array", "items": json_schema(shape.item)}
    if isinstance(shape, Pair):
        items = [json_schema(shape.first), json_schema(shape.second)]
        return {"type": "array", "prefixItems": items, "minItems": 2, "maxItems": 2}
    if shape == PATTERN:
        return {"$ref": "#/$defs/data-pattern"}
    if shape == DATE:
        return {"type": "string", "format": "date"}
    return {"type": shape.kind}
