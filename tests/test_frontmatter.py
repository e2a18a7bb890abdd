"""Flat front matter is read without PyYAML, with exactly PyYAML's result."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.parse import frontmatter

KEYS = ["title", "last_updated", "lang", "date", "yes", "On", "null", "a-b", "x_1", "naïve"]
VALUES = [
    "Privacy notice", "2024-02-29", "2023-02-29", "2024-2-9", "2024-02-29 10:00:00",
    "nl", "yes", "No", "TRUE", "off", "null", "~", "", "0", "7", "012", "1_000", "3.5",
    "0x1F", "1:20", ".inf", '"quoted: yes"', "'single'", "'it''s'", '"a \\" b"',
    "Acme's notice", "a # comment", "https://example.com", "[UK, NL]", "{a: 1}",
    "- item", "&anchor value", "*ref", "!!str 5", "UK, NL", "value  ", "tab\there",
]  # fmt: skip
lines = st.one_of(
    st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.sampled_from(["", "# a comment", "  indented: value", "- listed", "key:value", "\t"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(lines, max_size=6).map("\n".join))
def test_flat_reader_agrees_with_pyyaml(text: str) -> None:
    flat = frontmatter._flat(text)
    if flat is None:
        return  # PyYAML reads it
    expected = frontmatter.read_yaml(text) or {}
    assert flat == {str(k): v for k, v in expected.items()}
    if "02-29" not in text:  # read_yaml keeps impossible dates as text; PyYAML raises
        assert (yaml.load(text, Loader=yaml.SafeLoader) or {}) == expected
    assert [type(v) for v in flat.values()] == [type(v) for v in expected.values()]


def test_typical_front_matter_is_read_without_yaml() -> None:
    text = "title: Privacy notice\nlast_updated: 2024-03-01\nlang: en\nweight: 10\n"
    assert frontmatter._flat(text) == {
        "title": "Privacy notice",
        "last_updated": dt.date(2024, 3, 1),
        "lang": "en",
        "weight": 10,
    }


def test_anything_else_goes_to_yaml() -> None:
    for text in ("updated: yes", "tags:\n  - a", "url: https://x.org", "n: 012"):
        assert frontmatter._flat(text) is None, text


def test_an_impossible_date_is_kept_as_text_by_both_readers() -> None:
    """PyYAML raises a bare ValueError on it; that once stopped the whole run."""
    for text in ("date: 2023-02-29\n", "date: 2023-02-29\ntags:\n  - a\n"):
        matter, _ = frontmatter.split(f"---\n{text}---\nBody\n")
        assert matter is not None and matter.error is None
        assert matter.values["date"] == "2023-02-29"


def test_toml_front_matter_lands_in_the_same_values_as_yaml() -> None:
    text = '+++\ntitle = "Notice"\nlastmod = 2026-10-01\n[params]\n  lastmod = "x"\n+++\nBody\n'
    matter, body = frontmatter.split(text)
    assert matter is not None and matter.error is None
    assert matter.values["lastmod"] == dt.date(2026, 10, 1)
    assert matter.values["params"] == {"lastmod": "x"}
    assert matter.key_lines == {"title": 1, "lastmod": 2}  # 0-based; not the keys of [params]
    assert body == "\n" * 5 + "\nBody\n"


def test_broken_toml_is_reported_at_its_line_in_the_file() -> None:
    matter, body = frontmatter.split('+++\nok = 1\nbad = "open\n+++\nBody\n')
    assert matter is not None
    assert (matter.values, matter.error_line) == ({}, 2)  # 0-based: the file's line 3
    assert str(matter.error).startswith("front matter is not valid TOML")
    assert "(at line" not in str(matter.error)  # the finding gives the file's line instead
    assert body.endswith("\nBody\n")


def test_plus_fence_must_close_with_plus() -> None:
    matter, body = frontmatter.split("+++\na = 1\n---\nBody\n")
    assert matter is None and body.startswith("+++")


def test_a_quoted_toml_timestamp_is_the_date_it_names() -> None:
    matter, _ = frontmatter.split(
        '+++\ndate = "2018-12-14T15:29:36+00:00"\nbad = "2018-02-30T10:00"\n+++\n'
    )
    assert matter is not None
    assert matter.values["date"] == dt.datetime(2018, 12, 14, 15, 29, 36, tzinfo=dt.UTC)
    assert matter.values["bad"] == "2018-02-30T10:00"
