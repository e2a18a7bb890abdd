"""The literal index answers exactly what ``literal in text`` answers, however it got there."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.base import literal_index
from policylint.base.literal_index import LiteralIndex

WORDS = ["data", "dat", "verwerking", "données", "ß", "straße", "retention ", " of ", "é"]
texts = st.lists(st.sampled_from([*WORDS, " ", "\n", "x", "ata"]), max_size=40).map("".join)


def expected(literals: list[str], text: str) -> set[str]:
    return {literal for literal in literals if literal in text}


@settings(max_examples=200, deadline=None)
@given(
    first=st.lists(st.sampled_from(WORDS), min_size=1),
    later=st.lists(st.sampled_from(WORDS)),
    text=texts,
    other=texts,
)
def test_present_is_the_literals_the_text_contains(
    first: list[str], later: list[str], text: str, other: str
) -> None:
    index = LiteralIndex()
    index.add(first)
    assert index.present(text) == expected(first, text)
    index.add(later)  # added while the same text is being read
    assert index.present(text) == expected(first + later, text)
    assert index.present(other) == expected(first + later, other)


def test_a_text_with_none_of_them_and_an_empty_text() -> None:
    index = LiteralIndex()
    index.add(["privacy", "shield"])
    assert index.present("nothing here") == set()
    assert index.present("") == set()
    assert index.present("the privacy shield") == {"privacy", "shield"}


def test_literals_added_during_a_long_text_are_found_by_scanning_again(monkeypatch) -> None:
    monkeypatch.setattr(literal_index, "_FIND_LIMIT", 10)
    index = LiteralIndex()
    index.add(["alpha"])
    text = "alpha beta gamma " * 10
    assert index.present(text) == {"alpha"}
    index.add(["gamma", "delta"])
    assert index.present(text) == {"alpha", "gamma"}
    assert len(index) == 3


def test_a_failed_scan_falls_back_to_finding_each_literal() -> None:
    """RE2 answers nothing at all when it runs out of memory; that is not "no literal"."""

    class OutOfMemory:
        def Match(self, text: str) -> None:
            return None

    index = LiteralIndex()
    index.add(["privacy", "shield"])
    assert index.present("privacy first") == {"privacy"}
    index._set = OutOfMemory()
    assert index.present("the privacy shield") == {"privacy", "shield"}
