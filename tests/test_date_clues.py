"""Date shapes and the event-clause and history mechanisms of ``dates`` / ``date_clues``."""

from __future__ import annotations

import datetime as dt

import pytest

from policylint.analyses import date_values, dates
from policylint.analyses.profile import Profile
from policylint.base.positions import one_based
from policylint.packs.builtin import builtin
from policylint.parse.frontmatter import FrontMatter
from tests.conftest import parse_text

UK = Profile("en", frozenset({"UK"}))


@pytest.mark.parametrize(
    ("written", "month_first", "value", "precision"),
    [
        ("31/05/21", False, dt.date(2021, 5, 31), "day"),
        ("1-7-23", False, dt.date(2023, 7, 1), "day"),
        ("01.07.2023", False, dt.date(2023, 7, 1), "day"),
        ("25.5. 2018", False, dt.date(2018, 5, 25), "day"),
        ("3/4/2024", True, dt.date(2024, 3, 4), "day"),
        ("31/05/21", True, dt.date(2021, 5, 31), "day"),  # unambiguous: one reading only
        ("11/2020", False, dt.date(2020, 11, 30), "month"),
        ("2025-10", False, dt.date(2025, 10, 31), "month"),
        ("Sept 2017", False, dt.date(2017, 9, 30), "month"),
        ("Sept 19th 2017", False, dt.date(2017, 9, 19), "day"),
        ("1st of May 2024", False, dt.date(2024, 5, 1), "day"),
        ("2018-12-14T15:29:36+00:00", False, dt.date(2018, 12, 14), "day"),
    ],
)
def test_date_shapes(written: str, month_first: bool, value: dt.date, precision: str) -> None:
    parsed = date_values.parse_date(written, builtin(), month_first=month_first)
    assert parsed is not None and parsed[:2] == (value, precision)


@pytest.mark.parametrize("written", ["2019-2020", "13/2020", "2020-13"])
def test_ranges_and_impossible_months_are_no_month_dates(written: str) -> None:
    assert date_values.parse_date(written, builtin()) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("(Fassung 19.02.2024-112728390)", "19.02.2024"),  # a generator's number after it
        ("build 1.2.24.12345", None),  # a version number, not a date
        ("build 1-2-24-12345", None),
        ("build 1/2/24/12345", None),
        ("build 1.2.24.1234", None),  # not "2.24.1234" from its middle
    ],
)
def test_a_number_run_is_no_date_but_a_generator_stamp_is(text: str, found: str | None) -> None:
    match = date_values.date_pattern(builtin()).search(text)
    assert (match.group(0) if match else None) == found


def _found(text: str) -> list[tuple[int, str]]:
    """(line, text) of each date found; lines 1-based, as a finding shows them."""
    result = dates.last_updated(parse_text(text), builtin(), UK)
    return [(one_based(d.location.line), d.text) for d in result.dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# P\n\nUpdated on 2 May 2026\n", [(3, "2 May 2026")]),  # once HTML blocks are prose
        (
            "# P\n\nThis privacy policy was lasted reviewed on\n31/05/21. We review it often.\n",
            [(4, "31/05/21")],
        ),
        ("# P\n\nThis app was updated on 2 May 2026.\n", []),
        ("# P\n\nThe GDPR came into effect on 25 May 2018.\n", []),
        ("# P\n\nThis policy explains how the GDPR came into effect on 25 May 2018.\n", []),
        ("# P\n\nNext review: 1 May 2027\n", []),
        ("# P\n\n## Q\n\nWe first published this notice in 2019.\n", [(5, "2019")]),
        ("# P\n\n## Q\n\nEffective data protection since 2019 is our aim.\n", []),
        (
            "# P\n\n## Q\n\nWe review this policy every year, most recently on 3 May 2024.\n",
            [(5, "3 May 2024")],
        ),
        # a bold line ends the sentence before the next line: a name over its date
        ("# P\n\n**Acme Studio**\nEffective 2 November 2026\n\n## Q\n", [(4, "2 November 2026")]),
        ("# P\n\n__Acme Studio__\nRevised 2 November 2026\n\n## Q\n", [(4, "2 November 2026")]),
        # ... not a line that is bold only in part, nor a bold word inside a sentence
        ("# P\n\n**Acme** has a studio\nEffective 2 November 2026\n\n## Q\n", []),
        ("# P\n\nThe **Acme Studio** app, effective 2 November 2026, is free.\n\n## Q\n", []),
        ("# P\n\n**Note:** see **below**\nEffective 2 November 2026\n\n## Q\n", []),
        # a plain name line too, over a short label line; not a document's name, not a sentence
        ("# P\n\nAcme Studio\nEffective 2 November 2026\n\n## Q\n", [(4, "2 November 2026")]),
        ("# P\n\nGoogle Privacy Policy\nEffective 2 March 2019\n\n## Q\n", []),
        ("# P\n\nOur Partners\nUpdated their own terms in March 2019, as linked.\n\n## Q\n", []),
    ],
)
def test_event_clauses(text: str, expected: list[tuple[int, str]]) -> None:
    assert _found(text) == expected


def test_toml_style_front_matter_values_are_read() -> None:
    """Values as a TOML reader gives them: quoted timestamps, dates, offsets after '='."""
    doc = parse_text("# P\n\nNo date here.\n")
    doc.front_matter = FrontMatter(
        {"date": "2018-12-14T15:29:36+00:00", "lastmod": dt.date(2023, 12, 21)},
        {"date": 1, "lastmod": 2},  # 0-based lines
    )
    found = dates.last_updated(doc, builtin(), UK)
    assert sorted(str(d.value) for d in found.dates) == ["2018-12-14", "2023-12-21"]
    assert not found.invalid


def test_template_is_quoted_whole() -> None:
    doc = parse_text('# P\n\nLast updated: {{ page.date | date: "%d %B %Y" }}\n')
    (bad,) = dates.last_updated(doc, builtin(), UK).invalid
    assert bad.text == '{{ page.date | date: "%d %B %Y" }}' and "template" in bad.reason


def test_equal_dates_report_the_stronger_label() -> None:
    text = "# P\n\nThis policy was agreed by the board on 4 July 2025.\n\nDate: 4 July 2025\n"
    assert _found(text)[0] == (3, "4 July 2025")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # a labelled date in a front matter text under a key we do not list
        ("subtitle: Last updated on 3 May 2024.\n", [(3, "3 May 2024")]),
        ("lead: 'Last updated: 15 September 2026'\n", [(3, "15 September 2026")]),
        # no label, or a date the text does not introduce: not the notice's date
        ("description: Our club was founded on 3 May 2024.\n", []),
        # a listed key wins: the text is not read (a fix still moves it when it says the
        # same day: tests/test_fixes.py)
        ("lead: Last updated on 3 May 2024.\nlast_updated: 2025-01-02\n", [(4, "2025-01-02")]),
        # a version's or an issue's date is no last-changed label
        ("description: Version 1.0 was issued on 3 May 2024.\n", []),
    ],
)
def test_a_labelled_date_in_a_front_matter_text(
    front: str, expected: list[tuple[int, str]]
) -> None:
    assert _found(f"---\ntitle: P\n{front}---\n\n# P\n\nNo date here.\n") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a label alone on its paragraph: its date opens the next one
        ("de", "# P\n\nStand dieser Datenschutzerklärung:\n\nMai 2026\n", [(5, "Mai 2026")]),
        # "12. Mai 2024" is an ordered list item to Markdown: read from its line, day and all
        ("de", "# P\n\nStand:\n\n12. Mai 2024\n", [(5, "12. Mai 2024")]),
        ("de", "# P\n\nStand der Datenschutzerklärung:\n\n- 12. Mai 2024\n", [(5, "12. Mai 2024")]),
        ("en", "# P\n\nLast updated:\n\nMay 2026\n\n## Q\n", [(5, "May 2026")]),
        # ... not a date deep in the next paragraph, nor a bare year opening a sentence
        ("en", "# P\n\nLast updated:\n\nWe change it as our services change, in May 2026.\n", []),
        ("en", "# P\n\nLast updated:\n\n2019 was the year we started the club.\n", []),
    ],
)
def test_a_label_alone_takes_the_date_that_opens_the_next_paragraph(
    language: str, text: str, expected: list[tuple[int, str]]
) -> None:
    profile = Profile(language, frozenset({"DE" if language == "de" else "UK"}))
    result = dates.last_updated(parse_text(text), builtin(), profile)
    assert [(one_based(d.location.line), d.text) for d in result.dates] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "opgesteld" (drawn up) names the notice's own date, as "vastgesteld" does
        ("# P\n\nDeze verklaring is opgesteld op: 18 november 2020.\n", [(3, "18 november 2020")]),
        # ... not another document's
        ("# P\n\nHet contract is opgesteld op 18 november 2025 door de notaris.\n", []),
    ],
)
def test_dutch_event_clauses(text: str, expected: list[tuple[int, str]]) -> None:
    result = dates.last_updated(parse_text(text), builtin(), Profile("nl", frozenset({"NL"})))
    assert [(one_based(d.location.line), d.text) for d in result.dates] == expected
