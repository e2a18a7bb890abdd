"""Which language a notice is written in and which law it answers to.

Rules are language-aware (they read the phrases of the notice's language) and
some apply only under a jurisdiction (a US-only notice needs no supervisory
authority). Both are decided once per document (``Facts``), from the
settings first, then front matter, then evidence in the text weighed as the
jurisdictions pack says.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from policylint.base.prefilter import Filtered
from policylint.packs.jurisdictions import GDPR_STYLE, normalise_jurisdiction
from policylint.packs.knowledge import Knowledge, language_code
from policylint.parse.document import Document

# For detection, UTF-8 bytes: ASCII non-letters become spaces, other bytes stay (letters
# with accents); splitting bytes is 10x faster than a regex on text with accents. Digits
# stay, so a postcode or a reference ("5AF", "sk9") is no word.
_BYTE_NON_LETTERS = bytes(b if chr(b).isalnum() or b >= 128 else 32 for b in range(256))
_SAMPLE = 3_000  # characters read at a time: one is enough to tell most notices
_MAX_SAMPLES = 5  # read on, a sample at a time, while the evidence is unclear
_CLEAR = 8  # distinctive words, and twice the runner-up's, settle it before the end
_MIN_EVIDENCE = 2  # distinctive words a language other than English needs to win ...
_MIN_WORDS = 6  # ... or one and no English word, in a text this long (a sentence, not a name)
# Addresses are names, not language: "https://support.example.com/?hl=en", "info@example.nl".
_ADDRESS = re.compile(r"\S*(?:://|@|www\.)\S*")


class Profile(NamedTuple):
    """A document's language and the jurisdictions that apply to it."""

    language: str
    jurisdictions: frozenset[str]

    @property
    def gdpr_style(self) -> bool:
        """UK, Dutch or other EU/EEA law applies."""
        return bool(self.jurisdictions & GDPR_STYLE)

    @property
    def regions(self) -> tuple[str, ...]:
        """Phone-number regions to try for national numbers, most likely first."""
        order = [
            {"UK": "GB", "NL": "NL", "US": "US"}.get(j, "") for j in sorted(self.jurisdictions)
        ]
        fallback = ["NL", "GB"] if self.language == "nl" else ["GB", "NL"]
        if self.language == "fr":  # French and Belgian national numbers ("01 44 55 66 77")
            fallback = ["FR", "BE", *fallback]
        return tuple(dict.fromkeys(r for r in [*order, *fallback] if r))


def of(
    doc: Document,
    language: str,
    knowledge: Knowledge,
    jurisdictions: frozenset[str] | None = None,
) -> Profile:
    """The profile of ``doc``, written in ``language`` (``language_of``).

    Its jurisdictions are ``jurisdictions`` (the ``--jurisdiction`` setting)
    when given, else the front matter's, else those detected in the text.
    """
    found = jurisdictions or _front_matter_jurisdictions(doc)
    if found is None:
        found = detect_jurisdictions(doc, language, knowledge)
    return Profile(language, frozenset(found))


def language_of(doc: Document, knowledge: Knowledge, language: str | None = None) -> str:
    """The document's language code: ``language`` (``--language``), else front matter,
    else the text."""
    return (
        language or _front_matter_language(doc, knowledge) or detect_language(doc.lower, knowledge)
    )


def detect_language(text: str, knowledge: Knowledge) -> str:
    """The language with the most distinct distinctive words in ``text``; English when unclear.

    ``text`` is lowercased (``Document.lower``). Only words listed for one
    language count (``Knowledge.language_words``), so German is not read as
    Dutch for sharing "die" and "de"; web and email addresses do not count.
    The text is read a sample at a time, up to ``_MAX_SAMPLES`` samples of
    ``_SAMPLE`` characters, until one language clearly leads, so a notice
    that opens with English boilerplate or a list of names is read on; a
    huge file costs no more than that.

    A language other than English needs two such words (one in a text of
    ``_MIN_WORDS`` words or more without any English word) and more of them
    than English has: an English notice quoting a Dutch address stays
    English, and a one-sentence Dutch notice is Dutch.
    """
    lists = knowledge.language_words
    present: set[bytes] = set()
    scores = dict.fromkeys(lists, 0) or {"en": 0}
    words = 0
    for start in range(0, min(len(text), _SAMPLE * _MAX_SAMPLES), _SAMPLE):
        sample = text[start : start + _SAMPLE].replace("\u2019", " ").replace("\xa0", " ")
        if "@" in sample or "/" in sample:
            sample = _ADDRESS.sub(" ", sample)
        pieces = sample.encode().translate(_BYTE_NON_LETTERS).split()  # l’, d’: two words
        words += len(pieces)
        present.update(pieces)
        scores = {lang: len(present & listed) for lang, listed in lists.items()}
        first, second = sorted([*scores.values(), 0, 0], reverse=True)[:2]
        if first >= _CLEAR and first >= 2 * second:
            break
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best, count = ranked[0], scores[ranked[0]]
    if len(ranked) > 1 and scores[ranked[1]] == count:
        return "en"  # a tie is no evidence
    if count == 1:  # one word decides only in a sentence without English, and not a letter
        alone = scores.get("en", 0) == 0 and words >= _MIN_WORDS
        return best if alone and all(len(w) > 1 for w in present & lists[best]) else "en"
    return best if count >= _MIN_EVIDENCE and count > scores.get("en", 0) else "en"


def language_name(code: str, knowledge: Knowledge) -> str:
    """``"de"`` -> ``"German"``; a code the packs do not name is returned as it is."""
    return knowledge.language_names.get(code, code)


def normalise_language(value: str, knowledge: Knowledge) -> str | None:
    """``"de-DE"``, ``"nl_NL"``, ``"German"`` -> the language code; None when not a language."""
    text = value.strip().lower()
    by_name = {name.lower(): code for code, name in knowledge.language_names.items()}
    return by_name.get(text) or language_code(text)


def detect_jurisdictions(doc: Document, language: str, knowledge: Knowledge) -> frozenset[str]:
    """Jurisdictions whose weighed evidence reaches the threshold.

    Cheap evidence (language) counts first and patterns run heaviest first,
    so a notice that says "UK GDPR" is settled at once. The search stops as
    soon as the evidence left could not reach the threshold: a postcode
    shape, which runs on every block with a digit, is only looked for when
    it could decide. Each pattern runs only on the blocks that hold its
    literals.

    A jurisdiction whose ``rebutted_by`` ones are found counts only its
    decisive patterns (each weighing the threshold): German is spoken in
    Switzerland too, so a Swiss notice answers to the GDPR only when it cites
    it, and not when it applies it only "where applicable" (``hedged_by``).
    Those jurisdictions are weighed first.
    """
    found: set[str] = set()
    threshold = knowledge.threshold
    ordered = sorted(knowledge.evidence.items(), key=lambda item: bool(item[1].rebutted_by))
    for name, evidence in ordered:
        rebutted = any(other in found for other in evidence.rebutted_by)
        hedge = evidence.hedged_by
        if rebutted and hedge is not None and doc.may_hold(hedge) and _occurs(doc, hedge):
            continue  # the notice applies this law only "where applicable"
        score = 0 if rebutted else evidence.language.get(language, 0)
        postcode = None if rebutted else knowledge.postcodes.get(name)
        weighed = sorted(
            (item for item in evidence.patterns if not rebutted or item[1] >= threshold),
            key=lambda item: -item[1],
        )
        if postcode is not None and evidence.postcode:
            weighed.append((postcode, evidence.postcode))
        left = sum(max(weight, 0) for _, weight in weighed)  # what could still be added
        for pattern, weight in weighed:
            if score >= threshold or score + left < threshold:
                break
            left -= max(weight, 0)
            if doc.may_hold(pattern) and _occurs(doc, pattern):
                score += weight
        if score >= threshold:
            found.add(name)
    return frozenset(found)


def _occurs(doc: Document, pattern: Filtered) -> bool:
    return any(
        pattern.search(block.text, lowered=block.lower) for block in doc.blocks_with(pattern)
    )


def _front_matter_language(doc: Document, knowledge: Knowledge) -> str | None:
    values = doc.front_matter.values if doc.front_matter else {}
    lang = values.get("lang") or values.get("language")
    return normalise_language(lang, knowledge) if isinstance(lang, str) else None


def _front_matter_jurisdictions(doc: Document) -> frozenset[str] | None:
    values = doc.front_matter.values if doc.front_matter else {}
    raw = values.get("jurisdiction", values.get("jurisdictions"))
    if raw is None:
        return None
    items = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    return frozenset(normalise_jurisdiction(str(item)) for item in items)
