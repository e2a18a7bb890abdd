"""Rule packs: YAML files of rules, validated before any file is linted.

A pack is a mapping with a ``rules:`` list (and, in the built-in packs only,
``data:`` for the Python rules). Every problem in a pack (bad YAML, an
unknown key, a bad severity, a duplicate code, a pattern RE2 rejects) is a
``PackError`` naming ``file:line``, so a typo fails fast with a message a
compliance reviewer can act on: also a pattern that can match the empty
string (it would fire everywhere, or pass everywhere), and a language or
jurisdiction policylint does not know. ``schemas/rule-pack.schema.json``
describes the same shape for editors. YAML is loaded with the safe loader: a pack
is data, never code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from policylint.base.findings import Severity
from policylint.base.rule import CODE_PATTERN, NAME_PATTERN

RULE_KEYS = (
    "code", "name", "severity", "message", "require", "forbid", "unless", "require-section",
    "section", "when", "url", "description", "examples",
)  # fmt: skip
CHECK_KEYS = ("require", "forbid", "require-section")
WHEN_KEYS = ("jurisdiction", "language")
EXAMPLE_KEYS = ("fires", "passes")
PACK_KEYS = ("rules", "data", "description")


class PackError(Exception):
    """A rule pack that cannot be used: where, and what is wrong."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


@cache
def _loader() -> type:
    """The line-keeping loader class, built once per process."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> LineMap:
            seen: dict[str, int] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        first = seen[key.value]
                        raise yaml.MarkedYAMLError(
                            problem=f"duplicate key {key.value!r} (first on line {first})",
                            problem_mark=key.start_mark,
                        )
                    seen[key.value] = key.start_mark.line + 1
            mapping = LineMap(super().construct_mapping(node, deep=True))
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = seen
            return mapping

    LineLoader.add_constructor(  # every mapping, including the top one, goes through us
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping
    )
    return LineLoader


def read(path: Path) -> LineMap:
    """Parse a pack file, turning YAML and I/O errors into PackErrors."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(str(path), 1, f"cannot read rule pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PackError(str(path), 1, "cannot read rule pack: not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_loader())  # a SafeLoader subclass: data only
    except yaml.MarkedYAMLError as exc:
        raise PackError(
            str(path), _error_line(exc, text), f"invalid YAML: {_reason(exc)}"
        ) from None
    except yaml.YAMLError as exc:
        raise PackError(str(path), 1, f"invalid YAML: {exc}") from None
    if data is None:
        data = LineMap()
        data.key_lines = {}
    if not isinstance(data, LineMap):
        raise PackError(str(path), 1, "a rule pack must be a mapping with a 'rules:' list")
    return data


def _error_line(exc: Any, text: str) -> int:
    """The line to blame: where the parser stopped, unless that is past the text.

    An unclosed ``[`` or quote is only noticed at the end of the file; the
    line where the construct began (the context mark) is the one to fix.
    """
    lines = text.splitlines()
    problem, context = exc.problem_mark, exc.context_mark
    if problem is not None:
        index = problem.line
        if (index >= len(lines) or not lines[index].strip()) and context is not None:
            return int(context.line) + 1
        return int(index) + 1
    return int(context.line) + 1 if context is not None else 1


def _reason(exc: Any) -> str:
    problem = exc.problem or "syntax error"
    return f"{problem} ({exc.context})" if exc.context else str(problem)


class PackRules:
    """The validated rules of the packs read so far, and where each code was defined."""

    def __init__(self, origins: dict[str, str]):
        self.origins = origins  # code or name -> "file:line"
        self.specs: list[tuple[str, int, dict[str, Any]]] = []
        """(file, line of the rule, validated spec as plain dicts and lists)."""


def load(
    paths: Iterable[Path],
    taken: Mapping[str, str],
    languages: Iterable[str] | None = None,
    *,
    builtin: bool = False,
) -> PackRules:
    """Validate packs and return their rule specs, in file order.

    ``taken`` maps the codes and names already defined to where (a clash is
    an error); ``languages`` are the codes a per-language pattern or ``when:
    language`` may use (None: those the packs' own ``data: languages:``
    define, as the built-in packs do). ``builtin`` allows ``data:``. Raises
    PackError naming ``file:line``. The rules layer builds rules from the specs.
    """
    result = PackRules(origins=dict(taken))
    read_packs = [(path, read(path)) for path in paths]
    if languages is None:  # the packs being read define them (languages.yaml may come last)
        data = [pack.get("data") for _, pack in read_packs]
        languages = (k for d in data if isinstance(d, dict) for k in d.get("languages", ()))
    known = frozenset(languages)
    for path, pack in read_packs:
        shown = str(path)
        check_keys(pack, PACK_KEYS, shown, "rule pack")
        if "data" in pack and not builtin:
            raise PackError(
                shown, pack.line_of("data"), "'data:' is read only from the built-in packs"
            )
        entries = pack.get("rules", [])
        entries = [] if entries is None else entries
        if not isinstance(entries, list):
            raise PackError(shown, pack.line_of("rules"), "'rules:' must be a list of rules")
        for entry in entries:
            if not isinstance(entry, LineMap):
                raise PackError(shown, pack.line_of("rules"), "each rule must be a mapping")
            spec = validate_rule(entry, shown, result.origins, known)
            result.specs.append((shown, entry.line, _plain(spec)))
            where = f"{shown}:{entry.line}"
            result.origins[spec["code"]] = where
            result.origins[spec["name"]] = where
    return result


def _plain(value: Any) -> Any:
    """A validated spec as plain dicts and lists (for the start-up cache)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def check_keys(mapping: LineMap, allowed: tuple[str, ...], path: str, what: str) -> None:
    """Raise PackError at the first key of ``mapping`` not in ``allowed``, with a
    "did you mean" hint (``what`` names the mapping in the message)."""
    for key in mapping:
        if key not in allowed:
            import difflib  # only for a hint in an error message

            hint = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = (
                f" (did you mean {hint[0]!r}?)" if hint else f" (allowed: {', '.join(allowed)})"
            )
            raise PackError(
                path, mapping.line_of(key), f"unknown key {key!r} in {what}{suggestion}"
            )


def validate_rule(
    entry: LineMap, path: str, taken: Mapping[str, str], languages: frozenset[str]
) -> dict[str, Any]:
    """Check one rule mapping; return it with defaults filled in.

    ``languages`` are the codes a per-language pattern or ``when: language`` may use.
    """
    from policylint.packs.patterns import PatternError, compile_user

    check_keys(entry, RULE_KEYS, path, "rule")
    for key in ("code", "name", "message"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise PackError(path, entry.line_of(key), f"rule needs a {key!r} (a non-empty string)")
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
    if len(checks) != 1:
        raise PackError(
            path, entry.line, f"rule {code} needs exactly one of: {', '.join(CHECK_KEYS)}"
        )
    if "unless" in entry and "forbid" not in entry:
        raise PackError(path, entry.line_of("unless"), "'unless' only goes with 'forbid'")
    for key in ("require", "forbid", "unless", "require-section", "section"):
        if key in entry:
            for lang, pattern, line in _patterns(entry[key], entry, key, path):
                if lang not in languages and lang != "default":
                    known = ", ".join([*sorted(languages), "default"])
                    raise PackError(path, line, f"unknown language {lang!r} in {key!r} ({known})")
                try:
                    compiled = compile_user(pattern)
                except PatternError as exc:
                    raise PackError(path, line, f"invalid pattern in {key!r}: {exc}") from None
                if _matches_empty(compiled):
                    raise PackError(
                        path, line, f"pattern in {key!r} can match the empty string: {pattern!r}"
                    )
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


def _check_when(when: LineMap, path: str, languages: frozenset[str]) -> None:
    from policylint.packs.jurisdictions import is_jurisdiction

    for key, valid, what in (
        ("language", languages.__contains__, f"known: {', '.join(sorted(languages))}"),
        ("jurisdiction", is_jurisdiction, "UK, NL, EU, US or another ISO 3166 country code"),
    ):
        value = when.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else str(value).replace(",", " ").split()
        for item in items:
            if not isinstance(item, str) or not valid(item):
                raise PackError(path, when.line_of(key), f"unknown {key} {item!r} ({what})")


# Texts on which a pattern that can match the empty string shows it: at the
# start, between words, at a word boundary, at the end.
_EMPTY_PROBES = ("", " ", "a", "a b.", "1")


def _matches_empty(pattern: Any) -> bool:
    return any(m.start() == m.end() for text in _EMPTY_PROBES for m in pattern.finditer(text))


def _patterns(value: Any, entry: LineMap, key: str, path: str) -> list[tuple[str, str, int]]:
    """(language or "default", pattern, line) for one pattern key of a rule."""
    if isinstance(value, str):
        return [("default", value, entry.line_of(key))]
    if isinstance(value, LineMap) and value and all(isinstance(v, str) for v in value.values()):
        return [(str(lang), pattern, value.line_of(lang)) for lang, pattern in value.items()]
    raise PackError(
        path, entry.line_of(key), f"{key!r} must be a pattern or a mapping of language to pattern"
    )
