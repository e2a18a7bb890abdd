r"""Built-in pack patterns run on ``re``; they must mean what they mean on RE2.

The packs are written (and validated) in RE2 syntax; ``packs/matchers``
runs the built-in ones on Python's ``re``, split at their top-level ``|``,
with ``\p{L}`` spelled out and a leading "not after a letter" turned into a
look-behind. These tests pin the rewriting down and compare both engines on
every built-in topic pattern over the text of our fixtures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policylint.base.prefilter import fold
from policylint.packs.builtin import builtin_topic_specs
from policylint.packs.matchers import (
    Alternatives,
    Joined,
    matcher,
    python_alternatives,
    split_top,
    to_python,
)
from policylint.packs.topics import Topic
from tests.conftest import FIXTURES, load_yaml, parse_file


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        ("a|b", ["a", "b"]),
        ("a(b|c)|d", ["a(b|c)", "d"]),
        ("[|]x|y", ["[|]x", "y"]),
        (r"\|x|y", [r"\|x", "y"]),
        ("[]|]x|y", ["[]|]x", "y"]),
        ("(?:a|b)", ["(?:a|b)"]),
    ],
)
def test_split_top_splits_only_outside_groups_and_classes(pattern: str, parts: list[str]) -> None:
    assert split_top(pattern) == parts


@pytest.mark.parametrize(
    ("pattern", "python", "matches", "misses"),
    [
        (r"\p{L}+", r"[^\W\d_]+", "été", "123"),
        (r"x\P{L}y", r"x[\W\d_]y", "x1y", "xéy"),
        (r"a[^\p{L}\n]b", r"a(?:(?![^\W\d_])[^\n])b", "a-b", "a\nb"),
        (r"[\p{L}0-9]+!", r"(?:[^\W\d_]|[0-9])+!", "é9!", "!"),
        (r"[^\P{L}x]", r"[^\W\d_x]", "é", "x"),
    ],
)
def test_to_python_spells_out_letters(pattern: str, python: str, matches: str, misses: str) -> None:
    assert to_python(pattern) == python
    compiled = re.compile(python)
    assert compiled.search(matches) and not compiled.fullmatch(misses)


def test_a_leading_non_letter_boundary_becomes_a_look_behind() -> None:
    assert python_alternatives([r"(?:^|\P{L})übermittlung|x"]) == [
        r"(?<![^\W\d_])übermittlung",
        "x",
    ]
    # The boundary of one branch only is left alone.
    assert python_alternatives([r"(?:^|\P{L})(?:a|b)"]) == [r"(?<![^\W\d_])(?:a|b)"]


def test_alternatives_find_the_leftmost_match_and_walk_forward() -> None:
    found = matcher(["beta", "alpha|gamma"], trusted=True)
    assert isinstance(found, Alternatives)
    text = "gamma beta alpha"
    first = found.search(text)
    assert first is not None and first.group(0) == "gamma"
    second = found.search(text, first.end())
    assert second is not None and second.group(0) == "beta"
    assert found.search(text, 0, 4) is None  # bounded: nothing ends before 4
    assert found.narrow("nothing here") is None
    assert [type(m) for m in found.each()] == [Alternatives] * 3


def test_a_walk_finds_a_match_inside_one_it_passed_over() -> None:
    # "x\nx...y": the first match runs into the next block and is cut back;
    # the match starting in that block must still be found, as RE2 finds it.
    for trusted in (True, False):
        found = matcher([r"x[^.]*y"], trusted)
        assert found is not None
        assert found.search("x\nxy") is not None
        match = found.search("x\nxy", 2)
        assert match is not None and match.span() == (2, 4)


WALK_PATTERNS = [
    r"\bdata\b[^.\n]{0,20}\bshared\b",
    r"(?:^|\P{L})über\p{L}*",
    r"\bx[^.]*y",
    r"shared|data",
]
WALK_PIECES = ["data ", "shared ", "über", "Überall ", "x ", " x", "y ", ". ", "\n", "metadata "]


@settings(max_examples=300, deadline=None)
@example(pieces=["x ", " x", "y "], steps=[0, 2])  # pos lands inside a match it passed
@given(
    pieces=st.lists(st.sampled_from(WALK_PIECES), max_size=30),
    steps=st.lists(st.integers(0, 6), min_size=1, max_size=16),
)
def test_a_walk_gives_what_a_fresh_search_gives_at_each_step(
    pieces: list[str], steps: list[int]
) -> None:
    """The walk reads on in each alternative's matches instead of searching again: at
    every ``pos`` (growing, as ``analyses.topics.sentences`` moves it, with bounded
    searches in between) it must give what a fresh search from ``pos`` gives."""
    text = "".join(pieces)
    lowered = fold(text)
    walk = matcher(WALK_PATTERNS, trusted=True)
    assert isinstance(walk, Alternatives)
    pos = 0
    for step in steps:
        pos = min(pos + step, len(text))
        fresh = matcher(WALK_PATTERNS, trusted=True)
        assert fresh is not None
        expected = fresh.search(text, pos, lowered=lowered)
        found = walk.search(text, pos, lowered=lowered)
        assert (found and found.span()) == (expected and expected.span()), (text, pos)
        if found is not None and step % 3 == 0:  # a match cut back to a bound, as for a block
            walk.search(text, found.start(), max(found.end() - 1, found.start()), lowered)


def test_user_patterns_stay_on_re2() -> None:
    assert isinstance(matcher(["a|b"], trusted=False), Joined)


def _fixture_texts() -> list[tuple[str, str]]:
    """The blocks of the fixtures written for the Article 13/14 topics (their wording
    and its traps), every language."""
    folders = ("art13", "controller", "lawful-basis", "recipients")
    paths = sorted(
        p for p in (FIXTURES / "kinds").glob("*/*.md") if p.parent.name.startswith(folders)
    )
    texts = [(b.text, b.lower) for path in paths for b in parse_file(Path(path)).blocks]
    return list(dict.fromkeys(texts))  # a block several fixtures share is tried once


def test_every_built_in_topic_pattern_means_the_same_on_re_and_re2() -> None:
    texts = _fixture_texts()
    assert len(texts) > 150
    checked, differ = 0, []
    for name, spec in builtin_topic_specs().items():
        topic = Topic(name, spec, trusted=True)
        for language in ("en", "nl", "de", "fr"):
            for key in ("headings", "sentences", "unless", "section-headings", "section-sentences"):
                patterns = topic.patterns(key, language)
                if not patterns:
                    continue
                on_re2, on_re = Joined(patterns), matcher(patterns, trusted=True)
                assert on_re is not None
                for text, lowered in texts:
                    checked += 1
                    narrowed = on_re.narrow(lowered)  # as analyses.topics runs it
                    found = narrowed is not None and narrowed.search(text, lowered=lowered)
                    if (on_re2.search(text) is None) == bool(found):
                        differ.append((name, language, key, text[:80]))
    assert checked > 10_000 and differ == []


def test_every_built_in_pack_pattern_is_valid_re2() -> None:
    """The built-in packs' patterns are not compiled when they load (the start-up cache
    rebuild would pay for it); a user copying one gets RE2, so each must compile
    there and must not match the empty string."""
    from policylint.packs.builtin import builtin_pack_files
    from policylint.packs.patterns import compile_user
    from policylint.packs.topics import pattern_lists

    count = 0
    for path in builtin_pack_files():
        pack = load_yaml(path.read_text(encoding="utf-8")) or {}
        values = [v for t in (pack.get("topics") or {}).values() for v in t.values()]
        for rule in pack.get("rules") or []:
            values += [rule.get(k) for k in ("require", "forbid", "unless", "section")]
            values += [c["pattern"] for c in rule.get("cites") or ()]
        for value in values:
            for patterns in (pattern_lists(value) or {}).values() if value else ():
                for pattern in patterns:
                    compiled = compile_user(pattern)
                    assert not any(m.start() == m.end() for m in compiled.finditer("a b. 1")), (
                        pattern
                    )
                    count += 1
    assert count > 500
