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

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from policylint.packs.pack_errors import LineMap, PackError, check_keys
from policylint.packs.rule_specs import topic_references, validate_rule, validate_topics

__all__ = ["PACK_KEYS", "LineMap", "PackError", "PackRules", "check_keys", "load", "read"]

PACK_KEYS = ("rules", "topics", "data", "description")


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

    def __init__(self, origins: dict[str, str], topic_origins: dict[str, str]):
        self.origins = origins  # code or name -> "file:line"
        self.topic_origins = topic_origins  # topic name -> "file:line"
        self.specs: list[tuple[str, int, dict[str, Any]]] = []
        """(file, line of the rule, validated spec as plain dicts and lists)."""
        self.topics: dict[str, dict[str, Any]] = {}
        """The packs' own topics: name -> validated spec as plain dicts and lists."""


def load(
    paths: Iterable[Path],
    taken: Mapping[str, str],
    languages: Iterable[str] | None = None,
    *,
    builtin: bool = False,
    topics: Mapping[str, str] | None = None,
) -> PackRules:
    """Validate packs and return their rule specs, in file order.

    ``taken`` maps the codes and names already defined to where (a clash is
    an error); ``languages`` are the codes a per-language pattern or ``when:
    language`` may use (None: those the packs' own ``data: languages:``
    define, as the built-in packs do). ``builtin`` allows ``data:``.
    ``topics`` maps the topic names already defined (the built-in packs') to
    where; a rule may use those and the ones its packs define. Raises
    PackError naming ``file:line``. The rules layer builds rules from the specs.
    """
    result = PackRules(origins=dict(taken), topic_origins=dict(topics or {}))
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
        if "topics" in pack:
            found = validate_topics(
                pack["topics"],
                shown,
                pack.line_of("topics"),
                result.topic_origins,
                known,
                trusted=builtin,
            )
            for name in found:
                result.topic_origins[name] = f"{shown}:{pack['topics'].line_of(name)}"
            result.topics.update(_plain(found))
        entries = pack.get("rules", [])
        entries = [] if entries is None else entries
        if not isinstance(entries, list):
            raise PackError(shown, pack.line_of("rules"), "'rules:' must be a list of rules")
        for entry in entries:
            if not isinstance(entry, LineMap):
                raise PackError(shown, pack.line_of("rules"), "each rule must be a mapping")
            spec = validate_rule(entry, shown, result.origins, known, trusted=builtin)
            result.specs.append((shown, entry.line, _plain(spec)))
            where = f"{shown}:{entry.line}"
            result.origins[spec["code"]] = where
            result.origins[spec["name"]] = where
    for shown, line, spec in result.specs:  # topics may be defined in a later pack
        for key, name in topic_references(spec):
            if name not in result.topic_origins:
                raise PackError(shown, line, f"unknown topic {name!r} in {key!r}")
    return result


def _plain(value: Any) -> Any:
    """A validated spec as plain dicts and lists (for the start-up cache)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
