"""The knowledge a compliance team owns, as the Python rules read it: the types.

Phrases that mark a "last updated" date, authorities with their names,
helplines and websites, fee wording, jurisdiction evidence, language word
lists: all of it is data under ``data:`` in the built-in packs (``rules/``),
checked against ``packs/shape.py``, compiled by ``packs/compiling.py`` once per
process into the regular expressions and lookup tables below, and cached
between runs by ``packs/builtin.py``. Changing a helpline or adding a language
never needs Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from policylint.base.prefilter import Filtered, LazyPattern
from policylint.packs.obfuscation import Obfuscation

# "de", "de-DE", "nl_NL", "pt-BR", "fil": the language part of a BCP 47 tag or POSIX locale.
_LANGUAGE_CODE = LazyPattern(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")


def language_code(value: str) -> str | None:
    """``"de-DE"``, ``"nl_NL"``, ``"FR"`` -> ``"de"``, ``"nl"``, ``"fr"``; None if not a tag."""
    match = _LANGUAGE_CODE.fullmatch(value.strip().lower())
    return match.group(1) if match else None


class Source(NamedTuple):
    """An official page that states some of an authority's details (``sources:``)."""

    url: str
    checked: str
    """The date the page was checked, ``YYYY-MM-DD``."""
    states: tuple[str, ...]
    """Which fields the page states: "names", "website", "helplines", ..."""


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
    helpline_expected: bool = False
    """Notices are expected to give its helpline (PL302): the ICO and the AP by default;
    a team marks others with PL302's ``helpline-expected`` option."""
    complaint_page: str | None = None
    sources: tuple[Source, ...] = ()
    name_parts: tuple[Filtered, ...] = ()
    """The alternatives of ``names`` one by one: a block is searched only with those whose
    literals it holds (the combined pattern would run on every block with "protection")."""

    @property
    def numbers(self) -> tuple[str, ...]:
        """The numbers it answers today: helplines first, then its other numbers."""
        return (*self.helplines, *self.other_numbers)

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
    in_messages: Mapping[str, Mapping[str, str]] = {}  # never mutated
    """Language -> English name of a law -> its name in a message in that language."""


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
    rebutted_by: tuple[str, ...] = ()
    """Jurisdictions whose presence leaves only this one's decisive evidence (a pattern
    weighing the threshold or more): its language, postcode and hints presume nothing."""
    hedged_by: Filtered | None = None
    """Where a ``rebutted_by`` jurisdiction is found, wording that applies this law only
    conditionally ("soweit die DSGVO anwendbar ist"): then not even decisive evidence counts."""


class DateExample(NamedTuple):
    """A last-updated line written the way a language writes it (``last-updated: example:``).

    ``template`` has ``{day}``, ``{month}`` (a name from ``months``), ``{mm}`` (two
    digits) and ``{year}``; ``first_day`` replaces ``{day}`` on the 1st ("1er").
    """

    template: str
    months: tuple[str, ...] = ()
    first_day: str | None = None
    date: str = "{day} {month} {year}"
    """The date alone, without the label (PL103's example)."""

    def format(self, date: dt.date, template: str | None = None) -> str:
        """The example line for ``date`` (or ``template`` filled in, e.g. ``self.date``)."""
        day = self.first_day if date.day == 1 and self.first_day else str(date.day)
        month = self.months[date.month - 1] if len(self.months) == 12 else ""
        return (template or self.template).format(
            day=day, month=month, mm=f"{date.month:02}", year=date.year
        )


class AuthorityContext(NamedTuple):
    """Where the details given for an authority stop (``authority-context`` in the data),
    each compiled over every language's words, case-insensitive."""

    organisation: re.Pattern[str]
    """The organisation speaking: "us", "ons", "uns", "nous" (searched)."""
    next_clause: re.Pattern[str]
    """A clause joined on: ", or ", " en ", "; " (searched, ``finditer``)."""
    joint_capitalised: re.Pattern[str]
    """The joints of languages that capitalise every noun (``fullmatch`` on a joint)."""
    points_back: re.Pattern[str]
    """A next sentence opening on the authority: "Their ..." (``match`` at its start)."""
    refers_back: re.Pattern[str]
    """A next sentence that speaks of the authority just named (searched)."""


_NEVER = re.compile(r"(?!x)x")
NO_CONTEXT = AuthorityContext(_NEVER, _NEVER, _NEVER, _NEVER, _NEVER)


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
    third_party: Filtered
    """Words that give a postal address to a service provider ("Anbieter ist ...", "hosted
    by"), of every language (``contact: third-party``)."""
    evidence: Mapping[str, Evidence]
    threshold: int
    language_words: Mapping[str, frozenset[bytes]]
    """Language code -> its distinctive words, UTF-8 encoded (detection splits bytes)."""
    language_names: Mapping[str, str]
    """Language code -> its English name, for every language detection knows."""
    continuing_words: frozenset[str]
    """Lowercase words that cannot end a sentence, of every language (``languages:
    continuing-words``): a line ending in one runs on into the next."""
    dangling_words: frozenset[str]
    """Lowercase words that end neither a sentence nor a heading, of every language
    (``languages: dangling-words``: articles, determiners, conjunctions and the
    prepositions a language does not leave at the end): a long line ending in one is a
    sentence cut by the wrap, not a heading (``parse/headings``)."""
    sentence_openers: frozenset[str]
    """Lowercase words that commonly open a sentence, of every language
    (``languages: sentence-openers``)."""
    abbreviations: frozenset[str]
    """Lowercase abbreviations without their final dot, of every language
    (``languages: abbreviations``): a dot after one does not end a sentence."""
    date_examples: Mapping[str, DateExample] = MappingProxyType({})
    """Language code -> how PL101 suggests writing a last-updated date in it."""
    language_names_in: Mapping[str, Mapping[str, str]] = MappingProxyType({})
    """Language code -> its name in other languages' messages (``languages: names``)."""
    authority_context: AuthorityContext = NO_CONTEXT
    """Where an authority's details end in a sentence (``authority-context``)."""
    modified_keys: tuple[str, ...] = ()
    """Front matter keys that record when a notice last changed (``modified-keys``): a
    date fix moves them with the date it fixes."""
    modified_labels: Mapping[str, tuple[Filtered, ...]] = MappingProxyType({})
    """Language code -> the labels that say when a notice last changed
    (``modified-labels``): a front matter text they introduce a date in
    (``subtitle: Last updated on ...``) gives the notice's date, and a fix moves it."""
    weekdays: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    """Language code -> its weekday names, Monday first (``weekdays``)."""
    helpline_phrases: Mapping[str, str] = MappingProxyType({})
    """Language code -> how a helpline is added after an authority's name, with
    ``{number}`` (``helpline-phrase``; PL302's fix)."""
    contact_form_words: Filtered | None = None
    """Words just before a link that make it a contact form, of every language
    (``contact: form-words``)."""
    month_names: Mapping[str, Mapping[str, int]] = MappingProxyType({})
    """Language code -> its month names and abbreviations, lowercased, in the data's order
    -> month number 1-12 (``last-updated: months``). ``months`` is all of them in one
    table, for reading a date; writing one needs a language's own names."""

    @property
    def covered_languages(self) -> frozenset[str]:
        """Languages the built-in rules can read: those with "last updated" labels."""
        return frozenset(self.date_labels)
