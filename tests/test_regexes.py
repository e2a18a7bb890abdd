"""Regexes rebuilt from kept programs are the ones ``re.compile`` builds."""

from __future__ import annotations

import re

import pytest

from policylint.base import cache, regexes
from policylint.packs import builtin
from policylint.packs.topics import build_all

SAMPLES = [
    "We keep your data for 6 years. Contact dpo@example.com or call 020 7946 0000.",
    "Wij bewaren uw gegevens niet langer dan nodig. De Autoriteit Persoonsgegevens.",
    "Ihre Daten werden ausschließlich in Deutschland verarbeitet (Art. 6 Abs. 1 DSGVO).",
    "Vous pouvez retirer votre consentement à tout moment auprès de la CNIL.",
]


def _builtin_patterns() -> list[tuple[str, int]]:
    topics = build_all(builtin.builtin_topic_specs(), trusted=True)
    found = []
    for language in ("en", "nl", "de", "fr"):
        for topic in topics.values():
            for matcher in topic.compiled(language).values():
                found += [(p.pattern, p.flags) for p in getattr(matcher, "patterns", ())]
    return list(dict.fromkeys(found))


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty store in an empty cache directory."""
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_known", None)
    monkeypatch.setattr(regexes, "_added", {})
    monkeypatch.setattr(regexes, "_usable", True)
    return tmp_path


def test_every_builtin_pattern_is_rebuilt_as_re_compiles_it(fresh, monkeypatch) -> None:
    patterns = _builtin_patterns()
    assert len(patterns) > 500
    for pattern, flags in patterns:
        regexes.compile(pattern, flags)
    regexes.save()
    regexes._known = None  # a later run: everything from the kept programs

    def not_kept(pattern: str, flags: int) -> regexes.Program:
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(regexes, "_program", not_kept)
    for pattern, flags in patterns:
        ours, theirs = regexes.compile(pattern, flags), re.compile(pattern, flags)
        assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
            theirs.pattern,
            theirs.flags,
            theirs.groups,
            theirs.groupindex,
        )
        for text in SAMPLES:
            assert [m.span() for m in ours.finditer(text)] == [
                m.span() for m in theirs.finditer(text)
            ]
    assert not regexes._added  # nothing compiled the slow way the second time
    assert regexes._usable  # and no kept program failed (which would fall back to re)


def test_named_groups_survive(fresh) -> None:
    pattern = r"(?P<day>\d{1,2}) (?P<month>[a-z]+)"
    regexes.compile(pattern, re.IGNORECASE)
    regexes.save()
    regexes._known = None
    assert (pattern, int(re.IGNORECASE)) in regexes._programs()  # rebuilt from the kept one
    match = regexes.compile(pattern, re.IGNORECASE).search("on 3 May")
    assert match is not None and match.group("month") == "May" and match.groupdict()["day"] == "3"
    assert regexes._usable


def test_a_damaged_program_falls_back_to_re_compile(fresh) -> None:
    pattern = r"privacy\s+shield"
    key = (pattern, int(re.IGNORECASE))
    cache.store_marshal("regexes", regexes._key(), {key: (32, [1, 2, 3], 0, {}, ())})
    regex = regexes.compile(pattern, re.IGNORECASE)
    assert regex.search("EU-US Privacy  Shield") is not None
    assert regexes._usable is False  # and the rest of the run uses re.compile


def test_an_invalid_pattern_raises_re_error(fresh) -> None:
    with pytest.raises(re.error):
        regexes.compile("(unclosed", 0)
    assert regexes._usable is True


def test_a_corrupt_entry_is_ignored(fresh) -> None:
    (fresh / "regexes.marshal").write_bytes(b"\x00not marshal")
    assert regexes.compile("a+", 0).fullmatch("aaa")
