"""The knowledge a compliance team owns, loaded from the YAML packs in ``rules/``.

Phrases that mark a "last updated" date, authorities with their names,
helplines and websites, fee wording, jurisdiction evidence: all of it is data
under ``data:`` in the built-in packs, compiled here once per process into
regular expressions and lookup tables for the Python rules. Changing a
helpline or adding a language never needs Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from policylint.base.prefilter import Filtered, LazyPattern, compile_filtered, fold
from policylint.packs import obfuscation
from policylint.packs.obfuscation import Obfuscation

# "de", "de-DE", "nl_NL", "pt-BR", "fil": the language part of a BCP 47 tag or POSIX locale.
_LANGUAGE_CODE = LazyPattern(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")


def language_code(value: str) -> str | None:
    """``"de-DE"``, ``"nl_NL"``, ``"FR"`` -> ``"de"``, ``"nl"``, ``"fr"``; None if not a tag."""
    match = _LANGUAGE_CODE.fullmatch(value.strip().lower())
    return match.group(1) if match else None


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: inside the wheel, or ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "shipped"
    return shipped if shipped.is_dir() else here.parents[1] / "rules"


def builtin_pack_files() -> list[Path]:
    """The built-in pack files, in a stable order."""
    return sorted(builtin_pack_dir().glob("*.yaml"))


def compile_any(patterns: Iterable[str], flags: int = re.IGNORECASE) -> Filtered:
    """One regex matching any of ``patterns`` (never matches when there are none)."""
    parts = [f"(?:{p})" for p in patterns]
    return compile_filtered("|".join(parts) if parts else r"(?!x)x", flags)


def compile_each(patterns: Iterable[str], flags: int = re.IGNORECASE) -> tuple[Filtered, ...]:
    """One filtered pattern per alternative: a block is searched only with those
    whose literals it contains (a combined regex would run whenever any did)."""
    return tuple(compile_filtered(p, flags) for p in patterns)


def by_language(section: Mapping[str, Iterable[str]]) -> dict[str, Filtered]:
    """``{lang: [patterns]}`` to ``{lang: compiled}``."""
    return {lang: compile_any(patterns) for lang, patterns in section.items()}


def each_by_language(section: Mapping[str, Iterable[str]]) -> dict[str, tuple[Filtered, ...]]:
    """``{lang: [patterns]}`` to ``{lang: (compiled, ...)}``, one per pattern."""
    return {lang: compile_each(patterns) for lang, patterns in section.items()}


class Authority(NamedTuple):
    """A supervisory authority as the packs describe it."""

    id: str
    name: str
    short: str | None
    jurisdiction: str
    country: str
    names: Filtered
    helplines: tuple[str, ...]
    other_numbers: tuple[str, ...]
    obsolete_numbers: tuple[str, ...]
    websites: tuple[str, ...]
    postcodes: tuple[str, ...]

    @property
    def label(self) -> str:
        """How messages name it: the short form when it has one."""
        return self.short or self.name


class FeeLexicon(NamedTuple):
    """The fee-claim words of one language (see ``rules/fees.yaml``)."""

    fees: Filtered
    """Fee nouns and amounts ("a prescribed fee", "£10"): what a finding points at."""
    verbs: Filtered
    """Fee verbs ("charge", "payable"): a claim too, pointed at when no noun is given."""
    requests: Filtered
    lawful: Filtered
    denials: Filtered
    past: Filtered
    """A fee the notice puts in the past ("no longer"): for the whole sentence."""
    other: Filtered
    """What a fee is for when it is not a request: goods, services, delivery."""
    clause_breaks: Filtered
    """Where a denial's reach ends inside a sentence (", but")."""
    fee_parts: tuple[Filtered, ...] = ()
    """The alternatives of ``fees`` one by one, in order: a stretch of text that
    holds only some of their literals is searched with those alone."""

    @property
    def words(self) -> tuple[Filtered, Filtered]:
        """The patterns of which a claim holds at least one."""
        return self.fees, self.verbs


class FeeLaws(NamedTuple):
    """Which law a fee finding cites: the first jurisdiction of ``order`` that applies."""

    order: tuple[tuple[str, str], ...]
    default: str


class DateEvents(NamedTuple):
    """The words of one language that let a date-event word date the notice (``dates``)."""

    events: Filtered
    notice: Filtered
    label_words: frozenset[str]
    future: Filtered
    versions: Filtered
    """A version label up to where its date must start ("Version 3 – ")."""
    version_gate: tuple[LazyPattern, ...]
    """Lowercased text without a match holds no version label (a cheap first test)."""
    key_words: Filtered
    """Nouns that make a table's key cell a date label ("Date", "Version")."""
    key_connectors: frozenset[str]
    foreign: Filtered
    """Another document than the notice: another party's ("Google's privacy policy",
    "their terms") or a sibling of it ("the cookie policy", "our terms")."""


class Evidence(NamedTuple):
    """What points to one jurisdiction, with weights."""

    patterns: tuple[tuple[Filtered, int], ...]
    postcode: int
    language: Mapping[str, int]


class Knowledge(NamedTuple):
    """Everything the built-in Python rules read from the packs."""

    authorities: tuple[Authority, ...]
    generic_authority: Mapping[str, Filtered]
    complaint_words: Filtered
    organisation_directive: Filtered
    date_labels: Mapping[str, tuple[Filtered, ...]]
    generic_date_labels: Mapping[str, tuple[Filtered, ...]]
    weak_date_labels: Mapping[str, tuple[Filtered, ...]]
    law_context: Filtered
    date_events: Mapping[str, DateEvents]
    history_headings: Filtered
    history_columns: tuple[Filtered, Filtered]
    label_reach: int
    front_matter_keys: tuple[str, ...]
    months: Mapping[str, int]
    fees: Mapping[str, FeeLexicon]
    fee_laws: FeeLaws
    contact_form_url: Filtered
    obfuscated_email: Filtered
    obfuscated_marks: Obfuscation
    """A cheap test that a text may hold an ``obfuscated_email``."""
    postcodes: Mapping[str, Filtered]
    evidence: Mapping[str, Evidence]
    threshold: int
    language_words: Mapping[str, frozenset[bytes]]
    """Language code -> its distinctive words, UTF-8 encoded (detection splits bytes)."""
    language_names: Mapping[str, str]
    """Language code -> its English name, for every language detection knows."""

    @property
    def covered_languages(self) -> frozenset[str]:
        """Languages the built-in rules can read: those with "last updated" labels."""
        return frozenset(self.date_labels)


def load_data(paths: Iterable[Path]) -> dict[str, Any]:
    """Merge the ``data:`` sections of packs: mappings merge, lists append."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
    merged: dict[str, Any] = {}
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            pack = yaml.load(handle, Loader=loader) or {}
        _merge(merged, pack.get("data") or {})
    return merged


def _merge(into: dict[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + value
        else:
            into[key] = value


_ENTRY_FORMAT = "knowledge-5"  # bump when the entry's layout changes


@cache
def _builtin_entry() -> dict[str, Any]:
    """The built-in packs' data, rule specs, prefilter literals and language words, on disk.

    Keyed by the packs' paths, sizes and modification times (and the
    versions), so a normal run parses no YAML at all; an edited pack is
    simply read again.
    """
    from policylint.base import cache, prefilter

    files = builtin_pack_files()
    key = cache.stamp([_ENTRY_FORMAT, *map(cache.file_stamp, files)])
    entry = cache.load("knowledge", key)
    if (
        isinstance(entry, dict)
        and {"data", "rules", "literals", "words"} <= entry.keys()
        and isinstance(entry["words"], dict)
    ):
        try:
            known = {
                (pattern, flags): prefilter.Literals(_set(required), _set(prefixes), digit)
                for pattern, flags, required, prefixes, digit in entry["literals"]
            }
        except (TypeError, ValueError):
            known = None  # a damaged entry: read the packs again
        if known is not None:
            prefilter.KNOWN.update(known)
            return entry
    from policylint.packs import loader as packs

    data = load_data(files)
    compile_knowledge(data)  # works out the literals of every pattern
    # Clashes with the Python rules' codes are the registry's to find: it knows them.
    specs = packs.load(files, {}, builtin=True).specs
    literals = [
        [pattern, flags, _list(found.required), _list(found.prefixes), found.digit]
        for (pattern, flags), found in prefilter.KNOWN.items()
    ]
    words = {lang: sorted(found) for lang, found in _language_words(data).items()}
    entry = {"data": data, "rules": specs, "literals": literals, "words": words}
    cache.store("knowledge", key, entry)
    return entry


def _set(items: list[str] | None) -> frozenset[str] | None:
    return frozenset(items) if items is not None else None


def _list(items: frozenset[str] | None) -> list[str] | None:
    return sorted(items) if items is not None else None


@cache
def builtin() -> Knowledge:
    """The knowledge in the built-in packs, compiled once per process."""
    entry = _builtin_entry()
    return compile_knowledge(entry["data"], entry["words"])


def builtin_rule_specs() -> list[tuple[str, int, dict[str, Any]]]:
    """The YAML rules of the built-in packs: (file, line, validated spec)."""
    return [(str(path), int(line), spec) for path, line, spec in _builtin_entry()["rules"]]


def compile_knowledge(
    data: Mapping[str, Any], words: Mapping[str, Iterable[str]] | None = None
) -> Knowledge:
    """Compile merged pack data into a Knowledge.

    ``words`` are the distinctive words of each language when already worked
    out (the start-up cache keeps them: folding every word costs ~1 ms a run).
    """
    if words is None:
        words = _language_words(data)
    dates = data["last-updated"]
    contact = data["contact"]
    juris = data["jurisdictions"]
    return Knowledge(
        authorities=tuple(_authority(a) for a in data["authorities"]),
        generic_authority=by_language(data.get("generic-authority", {})),
        complaint_words=_all_languages(data.get("complaint-words", {})),
        organisation_directive=_all_languages(data.get("organisation-directive", {})),
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
                version_gate=tuple(LazyPattern(p) for p in spec.get("version-gate", [])),
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
        months={k.lower(): int(v) for table in dates["months"].values() for k, v in table.items()},
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
        ),
        contact_form_url=compile_any(contact["form-url"]),
        obfuscated_email=obfuscation.address(contact),
        obfuscated_marks=obfuscation.marks(contact),
        postcodes={k: compile_filtered(v, 0) for k, v in contact["postcodes"].items()},
        evidence={
            name: Evidence(
                patterns=tuple((compile_filtered(p), int(w)) for p, w in spec.get("patterns", [])),
                postcode=int(spec.get("postcode", 0)),
                language={k: int(v) for k, v in (spec.get("language") or {}).items()},
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
    )


def _language_words(data: Mapping[str, Any]) -> dict[str, frozenset[str]]:
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
        helplines=tuple(spec.get("helplines", [])),
        other_numbers=tuple(spec.get("other-numbers", [])),
        obsolete_numbers=tuple(spec.get("obsolete-numbers", [])),
        websites=tuple(spec.get("websites", [])),
        postcodes=tuple(spec.get("postcodes", [])),
    )


def languages() -> tuple[str, ...]:
    """The language codes the built-in packs know (the keys of ``data: languages:``), sorted.

    The one list of valid languages: ``--language``, the ``language`` key and
    the per-language keys and ``when: language`` of packs are checked against it.
    """
    return tuple(sorted(_builtin_entry()["data"].get("languages", {})))


def _all_languages(section: Mapping[str, Iterable[str]]) -> Filtered:
    """``{lang: [patterns]}`` as one pattern matching any language's."""
    return compile_any(p for patterns in section.values() for p in patterns)
