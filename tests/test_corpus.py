"""The labelled real notices of ../shared/corpus, scored as bench/accuracy.py scores them.

Every mission rule must stay at precision and recall 0.97 or better and
put its finding within a line of the labelled one 95% of the time, over
the languages the packs cover, and at 0.95 or better in each covered
language on its own (German has only eight notices: one miss would be
hidden in the total). The Article 13/14 and outdated-law rules are gated over
all languages (ITEM_LIMITS; why, below). A notice in a language they do not cover yet gets
exactly one finding from the language-specific rules' side: PL907 naming
its language.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import ROOT, TODAY

CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))
import accuracy  # noqa: E402


@pytest.fixture(scope="module")
def scored() -> tuple[dict[str, accuracy.Score], list[str]]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    scores, misses, _, count = accuracy.score([CORPUS], TODAY)
    assert count >= 40  # the English and Dutch notices at least
    per_rule: dict[str, accuracy.Score] = {}
    for (code, _), score in scores.items():
        per_rule.setdefault(code, accuracy.Score()).add(score)
    return per_rule, misses


MISSION = ("PL1", "PL2", "PL3", "PL4")
# The Article 13/14 items and outdated citations (issue 16): the corpus misses left
# are three UK/Irish notices that name no law at all (E01, E16, E21: the rules apply
# only where UK or EU/EEA law is evident) and one US notice read as GDPR (E27).
ITEM_LIMITS = (0.90, 0.85)  # precision, recall
# PL512: the Dutch, German and French labels leave `art14_na` unset on notices that
# never say any data comes from others (the README's definition sets it there, as the
# English labels do), so recall is not gated; the rule must not fire where they are silent.
NOT_RECALL_GATED = frozenset({"PL512"})


@pytest.mark.parametrize(
    "rule", [r.code for r in accuracy.rules(TODAY)] + list(accuracy.OUTDATED_NAMES)
)
def test_rule_is_right_on_real_notices(
    scored: tuple[dict[str, accuracy.Score], list[str]], rule: str
) -> None:
    per_rule, misses = scored
    score = per_rule[rule]
    mine = [m for m in misses if f" {rule} " in m]
    assert score.tp + score.fp + score.fn > 0 or rule == "PL303", f"{rule} never scored"
    precision, recall = (0.97, 0.97) if rule.startswith(MISSION) else ITEM_LIMITS
    if rule in NOT_RECALL_GATED:
        recall = 0.0
    for value, limit in (
        (score.precision, precision),
        (score.recall, recall),
        (score.line_accuracy, 0.95),
    ):
        assert value is None or value >= limit, mine


def test_each_covered_language_is_right_on_its_own() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    scores, misses, _, _ = accuracy.score([CORPUS], TODAY)
    covered = accuracy.covered_languages()
    assert {"en", "nl", "de", "fr"} <= covered
    for (code, language), score in scores.items():
        if language not in covered or not code.startswith(MISSION):
            continue  # the items are few per language: gated over all languages above
        for value in (score.precision, score.recall):
            assert value is None or value >= 0.95, (code, language, misses)


def test_every_language_of_the_corpus_is_covered() -> None:
    """English, Dutch, German and French are all scored (a notice in another language
    gets one PL907: tests/test_language.py and fixtures/kinds/language)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    languages = {
        label["language"]
        for folder in accuracy.labelled_folders([CORPUS])
        for label in json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    }
    assert languages == {"en", "nl", "de", "fr"} <= accuracy.covered_languages()
