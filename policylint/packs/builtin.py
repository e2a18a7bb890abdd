"""The built-in packs (``rules/*.yaml``): read, validated and cached between runs.

A normal run parses no YAML: the packs' merged ``data:``, their validated rule
specs and the prefilter literals of every pattern are kept in the on-disk
start-up cache, keyed on the pack files' paths, sizes and modification times.
Only when a pack changed is it read again and validated (``data:`` against
``packs/shape.py``, ``rules:`` by ``packs/loader.py``); a mistake is a
``PackError`` naming ``file:line``.

``$POLICYLINT_BUILTIN_PACKS`` names another directory of built-in packs; it is
meant for tests (a copy of ``rules/`` with a mistake in it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from policylint.packs.compiling import compile_knowledge, language_words
from policylint.packs.knowledge import Knowledge

DIR_ENV = "POLICYLINT_BUILTIN_PACKS"


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: ``$POLICYLINT_BUILTIN_PACKS`` when set, else
    inside the wheel, or ``rules/`` in a checkout."""
    explicit = os.environ.get(DIR_ENV)
    if explicit:
        return Path(explicit)
    here = Path(__file__).resolve().parent
    shipped = here / "shipped"
    return shipped if shipped.is_dir() else here.parents[1] / "rules"


def builtin_pack_files() -> list[Path]:
    """The built-in pack files, in a stable order."""
    return sorted(builtin_pack_dir().glob("*.yaml"))


def load_data(paths: Iterable[Path]) -> dict[str, Any]:
    """Validate the ``data:`` sections of packs and merge them: mappings merge, lists append.

    Raises PackError naming ``file:line`` for data that does not fit
    ``packs/shape.py``, or naming the first pack when a required key of
    ``data:`` is given by none of them.
    """
    from policylint.packs import loader, shape

    read = [(path, loader.read(path)) for path in paths]
    sections = [(str(path), pack, pack.get("data")) for path, pack in read]
    languages = frozenset(
        code
        for _, _, data in sections
        if isinstance(data, dict) and isinstance(data.get("languages"), dict)
        for code in data["languages"]
    )
    merged: dict[str, Any] = {}
    for shown, pack, data in sections:
        if data is not None:
            shape.check(data, shown, languages, pack.line_of("data"))
            _merge(merged, data)
    for key in shape.REQUIRED:
        if key not in merged and sections:
            shown = sections[0][0]
            raise loader.PackError(shown, 1, f"no built-in pack gives 'data: {key}'")
    return merged


def _merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + value
        else:
            into[key] = value


_ENTRY_FORMAT = "knowledge-18"  # bump when the entry's layout or the data's shape changes


@cache
def _builtin_entry() -> dict[str, Any]:
    """The built-in packs' data, rule specs, prefilter literals and language words, on disk.

    Keyed by the packs' paths, sizes and modification times (and the
    versions), so a normal run parses no YAML at all; an edited pack is
    simply read again (and validated: raises PackError).
    """
    from policylint.base import cache, prefilter
    from policylint.packs import matchers

    files = builtin_pack_files()
    key = cache.stamp([_ENTRY_FORMAT, *map(cache.file_stamp, files)])
    entry = cache.load_marshal("knowledge", key)
    if (
        isinstance(entry, dict)
        and {"data", "rules", "topics", "literals", "words", "alternatives"} <= entry.keys()
        and isinstance(entry["words"], dict)
        and isinstance(entry["alternatives"], dict)
    ):
        try:
            known = {
                (pattern, flags): prefilter.Literals(
                    _set(required),
                    _set(prefixes),
                    digit,
                    width,
                    tuple(map(frozenset, others)),
                    word_start,
                )
                for pattern, flags, required, prefixes, digit, width, others, word_start in entry[
                    "literals"
                ]
            }
        except (TypeError, ValueError):
            known = None  # a damaged entry: read the packs again
        if known is not None:
            prefilter.KNOWN.update(known)
            matchers.SPLIT.update(entry["alternatives"])
            return entry
    from policylint.packs import loader as packs

    data = load_data(files)
    compile_knowledge(data)  # works out the literals of every pattern
    # Clashes with the Python rules' codes are the registry's to find: it knows them.
    found = packs.load(files, {}, builtin=True)
    from policylint.packs.topics import analyse

    analyse(found.topics.values())  # the built-in patterns' literals, kept below
    analyse(c for _, _, spec in found.specs for c in spec.get("cites", ()))
    literals = [
        [
            pattern,
            int(flags),
            _list(found.required),
            _list(found.prefixes),
            found.digit,
            found.width,
            [sorted(o) for o in found.others],
            found.word_start,
        ]
        for (pattern, flags), found in prefilter.KNOWN.items()
    ]
    words = {lang: sorted(found) for lang, found in language_words(data).items()}
    entry = {
        "data": data,
        "rules": found.specs,
        "topics": found.topics,
        "literals": literals,
        "words": words,
        "alternatives": dict(matchers.SPLIT),
    }
    cache.store_marshal("knowledge", key, entry)
    return entry


def _set(items: list[str] | None) -> frozenset[str] | None:
    return frozenset(items) if items is not None else None


def _list(items: frozenset[str] | None) -> list[str] | None:
    return sorted(items) if items is not None else None


@cache
def builtin() -> Knowledge:
    """The knowledge in the built-in packs, compiled once per process (raises PackError)."""
    entry = _builtin_entry()
    return compile_knowledge(entry["data"], entry["words"])


def builtin_rule_specs() -> list[tuple[str, int, dict[str, Any]]]:
    """The YAML rules of the built-in packs: (file, line, validated spec)."""
    return [(str(path), int(line), spec) for path, line, spec in _builtin_entry()["rules"]]


def builtin_topic_specs() -> dict[str, dict[str, Any]]:
    """The topics of the built-in packs: name -> validated spec."""
    return dict(_builtin_entry()["topics"])


def languages() -> tuple[str, ...]:
    """The language codes the built-in packs know (the keys of ``data: languages:``), sorted.

    The one list of valid languages: ``--language``, the ``language`` key and
    the per-language keys and ``when: language`` of packs are checked against it.
    """
    return tuple(sorted(_builtin_entry()["data"].get("languages", {})))
