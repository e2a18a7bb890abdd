"""The literal index answers exactly what ``literal in text`` answers, however it got there."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.base import literal_index
from policylint.base.literal_index import LiteralIndex, TextMasks

WORDS = ["data", "dat", "verwerking", "données", "ß", "straße", "retention ", " of ", "é"]
texts = st.lists(st.sampled_from([*WORDS, " ", "\n", "x", "ata"]), max_size=40).map("".join)


def expected(literals: list[str], text: str) -> set[str]:
    return {literal for literal in literals if literal in text}


@settings(max_examples=200, deadline=None)
@given(
    first=st.lists(st.sampled_from(WORDS), min_size=1),
    later=st.lists(st.sampled_from(WORDS)),
    blocks=st.lists(texts, max_size=8),
)
def test_present_is_the_literals_some_text_contains(
    first: list[str], later: list[str], blocks: list[str]
) -> None:
    index = LiteralIndex()
    index.add(first)
    masks = TextMasks(index, blocks)
    assert masks.present() == expected(first, "\x00".join(blocks))
    index.add(later)  # added while the same texts are being read
    assert masks.present() == expected(first + later, "\x00".join(blocks))


def test_texts_with_none_of_them_and_no_texts() -> None:
    index = LiteralIndex()
    index.add(["privacy", "shield"])
    assert TextMasks(index, ["nothing here", ""]).present() == set()
    assert TextMasks(index, []).present() == set()
    assert TextMasks(index, ["the privacy", "shield"]).present() == {"privacy", "shield"}
    assert TextMasks(index, ["privacy shield"]).of([frozenset({"shield"})]) == 1


def test_a_failed_scan_falls_back_to_finding_each_literal() -> None:
    """RE2 answers nothing at all when it runs out of memory; that is not "no literal"."""

    class OutOfMemory:
        def Match(self, text: str) -> None:
            return None

    index = LiteralIndex()
    index.add(["privacy", "shield"])
    assert TextMasks(index, ["privacy first"]).present() == {"privacy"}
    index._set = OutOfMemory()
    assert TextMasks(index, ["the privacy", "shield"]).present() == {"privacy", "shield"}


@settings(max_examples=200, deadline=None)
@given(
    literals=st.lists(st.sampled_from(WORDS), min_size=1),
    blocks=st.lists(texts, max_size=8),
    sets=st.lists(st.frozensets(st.sampled_from(WORDS), min_size=1), max_size=3),
)
def test_text_masks_are_the_texts_holding_a_member_of_every_set(
    literals: list[str], blocks: list[str], sets: list[frozenset[str]]
) -> None:
    index = LiteralIndex()
    index.add(literals)
    index.add(x for s in sets for x in s)  # a pattern's sets are always known
    masks = literal_index.TextMasks(index, blocks)
    expected_mask = 0
    for i, text in enumerate(blocks):
        if all(any(x in text for x in s) for s in sets):
            expected_mask |= 1 << i
    assert masks.of(sets) == expected_mask
    assert literal_index.members(expected_mask) == [
        i for i in range(len(blocks)) if expected_mask >> i & 1
    ]


def test_text_masks_read_again_when_the_index_grows() -> None:
    index = LiteralIndex()
    index.add(["privacy"])
    masks = literal_index.TextMasks(index, ["privacy shield", "no", "shield"])
    assert masks.of([frozenset({"privacy"})]) == 0b001
    index.add(["shield"])  # a matcher compiled while the document is read
    assert masks.of([frozenset({"shield"})]) == 0b101
    assert masks.of([frozenset({"privacy"}), frozenset({"shield"})]) == 0b001
    assert masks.of([]) == masks.all == 0b111
