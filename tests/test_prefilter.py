"""The prefilter may only skip work: the same matches with and without it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.base.prefilter import Filtered, compile_filtered, fold, literals_of
from policylint.packs.builtin import builtin
from tests.conftest import FIXTURES, load_yaml


def _all_patterns() -> list[Filtered]:
    k = builtin()
    found: list[Filtered] = [a.names for a in k.authorities]
    found += k.generic_authority.values()
    for table in (k.date_labels, k.generic_date_labels, k.weak_date_labels):
        for labels in table.values():
            found += labels
    for lexicon in k.fees.values():
        found += [*lexicon.words, lexicon.requests, lexicon.lawful, lexicon.denials]
        found += [lexicon.past, lexicon.other, lexicon.clause_breaks]
    for evidence in k.evidence.values():
        found += [pattern for pattern, _ in evidence.patterns]
    found += [k.law_context, *k.postcodes.values()]
    return found


PATTERNS = _all_patterns()
# Text made of the patterns' own literals (so that they do match), in every
# case, with the characters re.IGNORECASE and str.lower treat differently.
PIECES = sorted(
    {lit for p in PATTERNS for lit in (p.literals or frozenset()) | (p.prefixes or frozenset())}
    | {" ", "  ", "\n", ".", "'", "’", "-", "/", "ſ", "ı", "İ", "K", "2018", "UK", "ICO"}
    | {"SW1A 1AA", "1234 AB", "D02 X285", "NY 10001", "٣", "7", ", "}
)
texts = st.lists(
    st.sampled_from(PIECES).flatmap(
        lambda piece: st.sampled_from([piece, piece.upper(), piece.title()])
    ),
    max_size=30,
).map("".join)


def spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def test_most_pack_patterns_have_start_literals() -> None:
    """The fast path applies to the packs' patterns (else this file tests little)."""
    anchored = [p for p in PATTERNS if p.prefixes]
    assert len(anchored) >= len(PATTERNS) * 2 // 3


@settings(max_examples=300, deadline=None)
@given(text=texts, pos=st.integers(0, 40), span=st.integers(0, 400))
def test_anchored_search_finds_exactly_what_re_finds(text: str, pos: int, span: int) -> None:
    lowered = fold(text)
    endpos = pos + span
    for pattern in PATTERNS:
        expected = spans(pattern.regex.finditer(text, pos, endpos))
        assert spans(pattern.finditer(text, pos, endpos, lowered)) == expected, pattern
        first = pattern.search(text, pos, endpos, lowered)
        assert (first.span() if first else None) == (expected[0] if expected else None)
        if expected and pos == 0 and span >= len(text):
            assert pattern.may_match(lowered), pattern
        if pattern.digit:  # blocks without a digit are skipped for such patterns
            assert all(any(c.isdecimal() for c in text[a:b]) for a, b in expected), pattern


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"\bUK\s+GDPR\b", {"uk"}),
        (r"(?<!australian\s)information\s+commissioner|(?-i:ICO)\b", {"information", "ico"}),
        (r"(?:last\s+)?updated", None),  # the match may start with either word
        (r"[A-Z]{2}\d", None),
        (r"\+44\b", {"+44"}),
        (r"(?:on|op)\s+\d+", {"o"}),  # re factors out the common "o"
    ],
)
def test_start_literals(pattern: str, prefixes: set[str] | None) -> None:
    found = literals_of(pattern, re.IGNORECASE).prefixes
    assert (set(found) if found is not None else None) == prefixes


@pytest.mark.parametrize(
    ("pattern", "digit"),
    [
        (r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", True),
        (r"\b[1-9]\d{3}\s?[A-Z]{2}", True),
        (r"(?:^|,\s*)(?:[A-Z]{1,2}-)?\d{5}", True),
        (r"\d*[A-Z]+", False),
        (r"[A-Z0-9]{5}", False),
        (r"PO\s+Box|\d+", False),
    ],
)
def test_digit_requirement(pattern: str, digit: bool) -> None:
    assert literals_of(pattern).digit is digit


def test_folding_matches_ignorecase() -> None:
    """ "ſ" matches "s" under re.IGNORECASE although "ſ".lower() is "ſ"."""
    pattern = compile_filtered(r"\bstatement\b")
    text = "This ſtatement applies."
    assert pattern.regex.search(text)
    assert pattern.may_match(fold(text))
    assert spans(pattern.finditer(text, lowered=fold(text))) == [(5, 14)]


def test_a_dotted_capital_i_folds_to_one_character() -> None:
    """ "İ".lower() is two characters; ``re`` equates "İ" with "i", and so does ``fold``:
    offsets stay aligned and the literal test sees the word."""
    pattern = compile_filtered(r"\bICO\b")
    text = "İ the ICO."
    assert len(fold(text)) == len(text)
    assert spans(pattern.finditer(text, lowered=fold(text))) == [(6, 9)]
    commissioner = compile_filtered(r"information commissioner")
    shouted = "Contact the İNFORMATION COMMISSIONER."
    assert commissioner.may_match(fold(shouted))
    assert spans(commissioner.finditer(shouted, lowered=fold(shouted))) == [(12, 36)]


LITERALS = sorted({lit for p in PATTERNS for lit in p.literals or ()} | {"data protection", "a\tb"})


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.sampled_from(LITERALS), min_size=1, max_size=4))
def test_document_literal_test_agrees_with_searching_the_whole_text(
    text: str, literals: list[str]
) -> None:
    from policylint.base.prefilter import Literals
    from policylint.parse import tree
    from policylint.parse.source import decode

    doc = tree.parse(decode("p.md", text.encode("utf-8")))
    pattern = Filtered("x", 0, Literals(frozenset(literals), None))
    assert doc.may_hold(pattern) == any(literal in doc.lower for literal in literals)


def test_a_literal_with_a_space_is_looked_for_in_the_running_text() -> None:
    from policylint.base.prefilter import Literals
    from policylint.parse import tree
    from policylint.parse.source import decode

    words = " ".join(f"word{i}" for i in range(30))
    doc = tree.parse(decode("p.md", f"We have a data protection officer, and {words}.\n".encode()))

    def holds(literal: str) -> bool:
        return doc.may_hold(Filtered("x", 0, Literals(frozenset([literal]), None)))

    assert holds("data protection")
    assert not holds("protection data")
    assert not holds("word1 word0")


@pytest.mark.parametrize(
    ("pattern", "text", "word_start"),
    [
        (r"\bif you\b", "notify you, and if you ask", True),  # "if" inside "notify" is skipped
        (r"(?<![^\W\d_])übermittl\w*", "vorübermittlung; übermittlung", True),
        (r"\bTMG\b|telemediengesetz", "das telemediengesetz gilt", False),  # one branch only
        (r"\b\+44 ?20", "tel+44 20 7946", False),  # starts with a non-letter
        (
            r"\b(?:data|information)\b[^.\n]{0,40}\bprovided\b",
            "metadata we hold; data you provided",
            True,
        ),
    ],
)
def test_places_after_a_letter_are_skipped_only_where_no_match_can_start(
    pattern: str, text: str, word_start: bool
) -> None:
    found = compile_filtered(pattern, re.IGNORECASE)
    assert literals_of(pattern, re.IGNORECASE).word_start is word_start
    expected = spans(found.regex.finditer(text))
    assert expected
    assert spans(found.finditer(text, lowered=fold(text))) == expected


def _topic_alternatives() -> list[Filtered]:
    """Every built-in topic and citation pattern, as the ``re`` alternatives it runs as."""
    from policylint.packs.builtin import builtin_pack_files
    from policylint.packs.matchers import FLAGS, python_alternatives
    from policylint.packs.topics import pattern_lists

    specs: list[Any] = []
    for path in builtin_pack_files():
        pack = load_yaml(path.read_text(encoding="utf-8")) or {}
        specs += (pack.get("topics") or {}).values()
        specs += [c for rule in pack.get("rules") or () for c in rule.get("cites") or ()]
    keys = ("headings", "sentences", "unless", "pattern")
    patterns = {
        alternative
        for spec in specs
        for key in keys
        for items in (pattern_lists(spec.get(key)) or {}).values()
        for alternative in python_alternatives(items)
    }
    return [compile_filtered(p, FLAGS) for p in sorted(patterns)]


TOPIC_PATTERNS = _topic_alternatives()
# Sentences of the topic fixtures, as written and shouted: the wording the topics match.
SENTENCES = sorted(
    {
        line.strip()
        for path in (FIXTURES / "kinds").glob("art13*/*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 20
    }
)
sentence_texts = st.lists(
    st.sampled_from(SENTENCES).flatmap(
        lambda s: st.sampled_from([s, s.upper(), "İ" + s, s.replace(" ", " (", 3), "x" + s])
    ),
    min_size=1,
    max_size=4,
).map("\n".join)


def test_the_topic_patterns_are_many_and_mostly_anchored() -> None:
    assert len(TOPIC_PATTERNS) > 1000 and len(SENTENCES) > 100
    assert sum(1 for p in TOPIC_PATTERNS if p.prefixes) > len(TOPIC_PATTERNS) // 2


@settings(max_examples=40, deadline=None)
@given(text=sentence_texts, pos=st.integers(0, 30))
def test_topic_alternatives_find_exactly_what_re_finds(text: str, pos: int) -> None:
    """The fast paths (literal sets, widths, starting a word) on the packs' own
    wording: each alternative whose literal sets the text holds finds what ``re``
    finds, and an alternative ruled out finds nothing."""
    lowered = fold(text)
    for pattern in TOPIC_PATTERNS:
        expected = spans(pattern.regex.finditer(text, pos))
        holds = all(any(x in lowered for x in literals) for literals in pattern.sets)
        if not holds:
            assert expected == [], pattern
            continue
        assert spans(pattern.finditer(text, pos, lowered=lowered)) == expected, pattern


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAsSſıİiKkµΣσςΐΰϐϵϑϰϖϱϕẛﬆßé “x” \n"))))
def test_fold_translates_only_when_a_folded_character_is_there(text: str) -> None:
    """``fold`` skips ``translate`` on text without any of the characters its table maps;
    the answer is the table's either way."""
    from policylint.base.literals import _fold_table

    lowered = text.replace("\u0130", "i").lower() if "\u0130" in text else text.lower()
    assert fold(text) == lowered.translate(_fold_table())
