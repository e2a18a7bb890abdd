r"""Topics: what a notice says, named by a heading or stated in a sentence, per language.

A pack's ``topics:`` mapping defines them; rules refer to them by name
(``require-topic``, ``require-some``, ``when-present``, ``unless-present``,
``history``). One topic::

    retention:
      label: {en: how long data is kept, nl: hoe lang gegevens bewaard worden}
      headings:                       # a section heading naming it
        en: ['how long', 'retention', 'keep(?:ing)? your (?:data|information)']
      sentences:                      # a sentence stating it
        en: ['(?:keep|retain|store)\w* .{0,60}(?:for|until|no longer than)']
      unless:                         # ... unless its sentence says this
        en: ['\bif we\b']
      section-headings:               # or, in a section headed like this ...
        en: ['data protection officer']
      section-sentences:              # ... a sentence like this (its own words need not name it)
        en: ['@', '\bphone\b']

Every pattern value is one pattern, a list (any of them), or a mapping from
language to either, with ``default`` for the other languages. Patterns are
RE2, case-insensitive, matched against folded prose (``packs/patterns``).
A topic is present in a notice when a heading matches ``headings`` or a
sentence of a paragraph, list item or table matches ``sentences`` without
matching ``unless``, or when a sentence in the first two blocks of a section
whose heading matches ``section-headings`` (not its sub-sections', unless their
own headings match) matches ``section-sentences`` without matching ``unless`` (a DPO's address given
under a "Data protection officer" heading, in lines that do not name the
DPO again); ``^`` and ``$`` are the start and end of that paragraph,
list item or table. ``label`` names the topic in messages
(``{missing}``), per language; its English form is required.

The shape is plain data (cached between runs); ``compiled`` builds the
matchers of one language on first use (``packs/matchers``: RE2 for user
packs, ``re`` with a literal prefilter for the built-in ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from policylint.packs.matchers import FLAGS, Matcher, matcher, python_alternatives

PATTERN_KEYS = ("headings", "sentences", "unless", "section-headings", "section-sentences")
TOPIC_KEYS = ("label", *PATTERN_KEYS, "description")
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def pattern_lists(value: Any) -> dict[str, list[str]] | None:
    """``value`` (a pattern, a list, or a mapping of language to either) as
    language -> patterns (``default`` for all others); None when it has no such shape."""
    if isinstance(value, str):
        return {"default": [value]}
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return {"default": list(value)}
    if isinstance(value, Mapping) and value:
        result: dict[str, list[str]] = {}
        for lang, item in value.items():
            inner = pattern_lists(item)
            if inner is None or set(inner) != {"default"}:
                return None
            result[str(lang)] = inner["default"]
        return result
    return None


def texts(value: Any) -> dict[str, str] | None:
    """A text or a mapping of language to text, as language -> text (``en`` for a plain text)."""
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, Mapping) and value and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    return None


class Topic:
    """One topic: its name, its label per language and its patterns per language."""

    def __init__(self, name: str, spec: Mapping[str, Any], trusted: bool = False) -> None:
        self.name = name
        self.trusted = trusted  # a built-in topic: runs on ``re`` (``packs/matchers``)
        self.label: Mapping[str, str] = texts(spec.get("label")) or {"en": name.replace("-", " ")}
        self._lists = {key: pattern_lists(spec.get(key)) or {} for key in PATTERN_KEYS}
        self._compiled: dict[str, dict[str, Matcher | None]] = {}
        self.family: Mapping[str, Topic] = {}  # the topics built with it (``build_all``)

    def __repr__(self) -> str:
        return f"Topic({self.name!r})"

    def languages(self) -> frozenset[str]:
        """The languages with patterns of their own (``default`` not included)."""
        return frozenset(lang for lists in self._lists.values() for lang in lists) - {"default"}

    def patterns(self, key: str, language: str) -> list[str]:
        """The ``key`` patterns (one of ``PATTERN_KEYS``) for ``language``."""
        lists = self._lists[key]
        return list(lists.get(language) or lists.get("default") or ())

    def compiled(self, language: str) -> Mapping[str, Matcher | None]:
        """Each of ``PATTERN_KEYS`` for ``language``, a
        ``Matcher`` (``packs/matchers``) or None when the topic gives none."""
        found = self._compiled.get(language)
        if found is None:
            # A built-in topic compiles its family with it: a notice is judged on nearly
            # all of them, and their literals then join the literal index at once.
            for topic in self.family.values() if self.trusted else ():
                topic._compile(language)
            found = self._compile(language)
        return found

    def _compile(self, language: str) -> dict[str, Matcher | None]:
        found = self._compiled.get(language)
        if found is None:
            found = self._compiled[language] = {
                key: matcher(self.patterns(key, language), self.trusted) for key in PATTERN_KEYS
            }
        return found


def build_all(specs: Mapping[str, Mapping[str, Any]], trusted: bool = False) -> dict[str, Topic]:
    """Topic objects from validated topic specs, by name (``trusted``: the built-in packs')."""
    family = {name: Topic(name, spec, trusted) for name, spec in specs.items()}
    for topic in family.values():
        topic.family = family
    return family


def analyse(specs: Iterable[Mapping[str, Any]]) -> None:
    """Work out the prefilter literals of every built-in alternative these topic and
    citation specs run as (``matchers.python_alternatives``), so that the start-up
    cache keeps them (``packs/builtin``) and no run parses them again."""
    from policylint.base.prefilter import literals_of

    for spec in specs:
        for key in (*PATTERN_KEYS, "pattern"):
            for patterns in (pattern_lists(spec.get(key)) or {}).values():
                for alternative in python_alternatives(patterns):
                    literals_of(alternative, FLAGS)
