"""``date_writing.rewrite``: a written date showing a new date in the notice's own format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policylint.analyses import date_values
from policylint.analyses.date_writing import rewrite
from policylint.packs import builtin as builtin_packs
from policylint.packs.builtin import builtin
from policylint.packs.compiling import compile_knowledge

D = dt.date(2026, 11, 22)
MARCH_5 = dt.date(2026, 3, 5)

ENGLISH = [
    ("1 October 2026", D, "22 November 2026"),
    ("October 1, 2026", D, "November 22, 2026"),
    ("Oct 1, 2026", D, "Nov 22, 2026"),
    ("Oct. 1, 2026", dt.date(2026, 5, 3), "May 3, 2026"),  # no abbreviation: full, no dot
    ("Sept. 3, 2025", dt.date(2026, 10, 1), "Oct. 1, 2026"),
    ("Jan 3, 2026", dt.date(2026, 9, 1), "Sep 1, 2026"),  # "sep", not "sept": as long
    ("Sept 19th 2017", D, "Nov 22nd 2026"),
    ("1st of May 2024", D, "22nd of November 2026"),
    ("1 October, 2026", D, "22 November, 2026"),
    ("03 May 2024", MARCH_5, "05 March 2026"),
    ("3 April 2025", dt.date(2026, 5, 22), "22 May 2026"),  # capitalised, no day dot
    ("April 2025", dt.date(2026, 9, 1), "September 2026"),  # English and German agree
    ("1 October 2026", dt.date(2026, 10, 9), "9 October 2026"),
]

ORDINALS = [
    (1, "1st"),
    (2, "2nd"),
    (3, "3rd"),
    (4, "4th"),
    (11, "11th"),
    (12, "12th"),
    (13, "13th"),
    (21, "21st"),
    (22, "22nd"),
    (23, "23rd"),
    (31, "31st"),
]

CASES = [
    ("OCTOBER 1, 2026", D, "NOVEMBER 22, 2026"),
    ("1ST OCTOBER 2026", D, "22ND NOVEMBER 2026"),
    ("3 APRIL 2025", D, "22 NOVEMBER 2026"),  # English and Dutch agree
    ("MÄRZ 2025", D, "NOVEMBER 2026"),
    ("3 december 2025", MARCH_5, "5 maart 2026"),  # lower case: Dutch
    ("3 December 2025", MARCH_5, "5 March 2026"),  # capitalised: English
    ("1ER OCTOBRE 2026", D, "22 NOVEMBRE 2026"),
    ("3 OCTOBRE 2026", dt.date(2026, 11, 1), "1ER NOVEMBRE 2026"),
]

DUTCH = [
    ("3 maart 2025", D, "22 november 2026"),
    ("3 mrt. 2025", D, "22 november 2026"),  # no Dutch "nov": the full name, no dot
    ("3 mrt. 2025", dt.date(2026, 10, 22), "22 okt. 2026"),
    ("3 mrt. 2025", dt.date(2026, 3, 22), "22 mrt. 2026"),
    ("3 april 2025", dt.date(2026, 5, 22), "22 mei 2026"),
    ("juni 2025", dt.date(2026, 3, 1), "maart 2026"),
    ("1ste oktober 2025", D, "22ste november 2026"),
    ("1ste oktober 2025", dt.date(2026, 11, 5), "5de november 2026"),
    ("3de oktober 2025", dt.date(2026, 11, 8), "8ste november 2026"),
    ("3de oktober 2025", dt.date(2026, 11, 19), "19de november 2026"),
    ("3de oktober 2025", dt.date(2026, 11, 20), "20ste november 2026"),
    ("3e oktober 2025", D, "22e november 2026"),
    ("3e oktober 2025", dt.date(2026, 11, 1), "1e november 2026"),
]

GERMAN = [
    ("1. Oktober 2026", D, "22. November 2026"),
    ("1. Oktober 2026", MARCH_5, "5. März 2026"),
    ("Oktober 2026", D, "November 2026"),
    ("1. Jänner 2025", dt.date(2026, 1, 22), "22. Jänner 2026"),
    ("1. Jänner 2025", dt.date(2026, 2, 22), "22. Februar 2026"),
    ("3. Feber 2025", dt.date(2026, 3, 1), "1. März 2026"),
    ("3. Jan. 2026", MARCH_5, "5. Mär. 2026"),  # "mär" and "mrz": the first listed
    ("3. Dez. 2025", dt.date(2026, 5, 1), "1. Mai 2026"),
    ("3. Mai 2025", D, "22. November 2026"),
]

FRENCH = [
    ("1er octobre 2026", D, "22 novembre 2026"),
    ("1er octobre 2026", dt.date(2026, 10, 1), "1er octobre 2026"),
    ("3 octobre 2026", dt.date(2026, 11, 1), "1er novembre 2026"),
    ("3 mai 2025", D, "22 novembre 2026"),  # lower case: French, not German
    ("3 février 2025", dt.date(2026, 8, 5), "5 août 2026"),
    ("3 fevrier 2025", dt.date(2026, 8, 5), "5 aout 2026"),
    ("3 fevrier 2025", dt.date(2026, 12, 5), "5 decembre 2026"),
    ("3 fevrier 2025", MARCH_5, "5 mars 2026"),
    ("3 fevrier 2025", dt.date(2026, 2, 5), "5 fevrier 2026"),
    ("3 févr. 2025", dt.date(2027, 1, 3), "3 janv. 2027"),
    ("3 fevr. 2025", dt.date(2027, 2, 3), "3 fevr. 2027"),
    ("3 fevr. 2025", dt.date(2026, 12, 12), "12 dec. 2026"),  # unaccented, as written
    ("3 oct. 2026", dt.date(2026, 11, 22), "22 nov. 2026"),  # French abbreviations
    ("3 févr. 2025", dt.date(2026, 8, 21), "21 août 2026"),
]

NUMERIC = [
    ("2024-07-23", False, D, "2026-11-22"),
    ("2024-07-23", False, MARCH_5, "2026-03-05"),
    ("2024/7/3", False, MARCH_5, "2026/3/5"),
    ("2024/7/3", False, D, "2026/11/22"),
    ("2024-7-23", False, MARCH_5, "2026-3-5"),  # "23" pads as "7" does
    ("2024.07.23", False, MARCH_5, "2026.03.05"),
    ("23.07.2024", False, D, "22.11.2026"),
    ("23.07.2024", False, MARCH_5, "05.03.2026"),
    ("03-07-2025", False, MARCH_5, "05-03-2026"),
    ("3-7-2025", False, MARCH_5, "5-3-2026"),
    ("03-7-2025", False, MARCH_5, "05-3-2026"),
    ("12.10.2025", False, MARCH_5, "05.03.2026"),  # nothing shows: padded
    ("25.5. 2018", False, MARCH_5, "5.3. 2026"),
    ("31/05/21", False, D, "22/11/26"),
    ("31/05/21", False, MARCH_5, "05/03/26"),
    ("1-7-23", False, MARCH_5, "5-3-26"),
    ("07/23/2024", False, D, "11/22/2026"),  # month first: 23 is no month
    ("07/23/2024", True, MARCH_5, "03/05/2026"),
    ("3/4/2024", True, D, "11/22/2026"),
    ("3/4/2024", True, MARCH_5, "3/5/2026"),
    ("3/4/2024", False, MARCH_5, "5/3/2026"),
]

PRECISION = [
    ("May 2018", D, "November 2026"),
    ("Sept 2017", dt.date(2026, 11, 5), "Nov 2026"),  # English and German agree
    ("11/2020", MARCH_5, "03/2026"),
    ("3/2020", dt.date(2026, 11, 5), "11/2026"),
    ("2025-10", MARCH_5, "2026-03"),
    ("2025-3", D, "2026-11"),
    ("2024", D, "2026"),
]

FRONT_MATTER = [
    ("2024-07-23T10:00:00+02:00", D, "2026-11-22T10:00:00+02:00"),
    ("2018-12-14T15:29:36Z", MARCH_5, "2026-03-05T15:29:36Z"),
    ("2024-07-23 10:00:00", MARCH_5, "2026-03-05 10:00:00"),
    ("2024-07-23T10:00:00.123+0200", MARCH_5, "2026-03-05T10:00:00.123+0200"),
    ('"2024-07-23"', D, '"2026-11-22"'),
    ("'3 May 2024'", D, "'22 November 2026'"),
    (" 3 May 2024\n", D, " 22 November 2026\n"),
    ("2024-07-23", dt.datetime(2026, 11, 22, 9, 30), "2026-11-22"),
]

NONE = [
    ("mAY 3, 2024", D),  # mixed case
    ("3 May 2024.", D),  # more than a date
    ("Monday, 3 May 2024", D),  # a weekday would be wrong
    ("2024-07-23 and later", D),
    ("31/02/2024", D),  # no real date
    ("", D),
    ("soon", D),
    ("2019-2020", D),
    ("13/2020", D),
    ("'2024-07-23\"", D),
    ("3rd oktober 2025", D),  # an English ordinal on a Dutch or German name
    ("3 Mai 2025", D),  # German without its day dot, or French capitalised
    ("1 Oktober 2026", D),  # German without its day dot, or Dutch capitalised
    ("1. oktober 2026", D),  # a German day dot on a lower-case name
    ("Oktober 1, 2026", D),  # only English puts the day after the month
    ("3 october 2026", D),  # English capitalises month names
    ("April 2025", dt.date(2026, 5, 1)),  # English "May", German "Mai"
    ("3 APRIL 2025", dt.date(2026, 5, 1)),  # English "MAY", Dutch "MEI"
    ("Sept 2017", dt.date(2026, 10, 1)),  # English "Oct", German "Okt"
    ("31/05/21", dt.date(2075, 11, 22)),  # "75" reads as 1975
    ("2024", dt.date(2175, 1, 1)),
    ("May 2018", dt.date(999, 5, 1)),
]


def _check(written: str, new: dt.date, expected: str | None, month_first: bool = False) -> None:
    assert rewrite(written, new, builtin(), month_first=month_first) == expected


@pytest.mark.parametrize(("written", "new", "expected"), ENGLISH)
def test_english(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("day", "expected"), ORDINALS)
def test_english_ordinals_are_recomputed(day: int, expected: str) -> None:
    _check("1st October 2026", dt.date(2026, 10, day), f"{expected} October 2026")
    _check("October 3rd, 2026", dt.date(2026, 12, day), f"December {expected}, 2026")


@pytest.mark.parametrize(("written", "new", "expected"), CASES)
def test_the_case_of_month_names_is_kept(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "new", "expected"), DUTCH)
def test_dutch(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "new", "expected"), GERMAN)
def test_german(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "new", "expected"), FRENCH)
def test_french(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "month_first", "new", "expected"), NUMERIC)
def test_iso_and_numeric(written: str, month_first: bool, new: dt.date, expected: str) -> None:
    _check(written, new, expected, month_first)


@pytest.mark.parametrize(("written", "new", "expected"), PRECISION)
def test_month_and_year_precision(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "new", "expected"), FRONT_MATTER)
def test_front_matter_values(written: str, new: dt.date, expected: str) -> None:
    _check(written, new, expected)


@pytest.mark.parametrize(("written", "new"), NONE)
def test_what_cannot_be_rewritten_faithfully_is_none(written: str, new: dt.date) -> None:
    _check(written, new, None)


def test_a_day_first_date_under_month_first_cannot_show_a_day_of_12_or_less() -> None:
    _check("23.07.2024", MARCH_5, None, month_first=True)  # "05.03.2026" would be 3 May
    _check("23.07.2024", D, "22.11.2026", month_first=True)


# Every shape ``parse_date`` reads, with the ``month_first`` it is read with.
FORMS = [
    ("2024-07-23", False),
    ("2024/7/3", False),
    ("2024.07.23", False),
    ("23.07.2024", False),
    ("3-7-2025", False),
    ("12.10.2025", False),
    ("25.5. 2018", False),
    ("31/05/21", False),
    ("3/4/2024", True),
    ("11/2020", False),
    ("2025-10", False),
    ("2024", False),
    ("1 October 2026", False),
    ("October 1, 2026", False),
    ("Oct. 1, 2026", False),
    ("Sept 19th 2017", False),
    ("1st of May 2024", False),
    ("OCTOBER 1, 2026", False),
    ("May 2018", False),
    ("3 april 2025", False),
    ("3 mrt. 2025", False),
    ("1ste oktober 2025", False),
    ("3e oktober 2025", False),
    ("1. Oktober 2026", False),
    ("3. Jan. 2026", False),
    ("1. Jänner 2025", False),
    ("Oktober 2026", False),
    ("1er octobre 2026", False),
    ("3 fevrier 2025", False),
    ("3 févr. 2025", False),
    ("2024-07-23T10:00:00+02:00", False),
    ('"2024-07-23"', False),
]
# Those whose form no new date loses, rewritten back to their own date, come back as they
# were. Not: unpadded numbers ("22/11" shows no padding), abbreviations a month lacks ("mrt."
# -> "november"), "Jänner" (-> "Februar"), unaccented names (-> "mars"), and a month alone
# ("May 2018" -> "April 2028": English or German).
KEEPS_ITS_FORM = {
    "2024-07-23", "2024.07.23", "23.07.2024", "12.10.2025", "31/05/21", "11/2020", "2025-10",
    "2024", "1 October 2026", "October 1, 2026", "1st of May 2024", "OCTOBER 1, 2026",
    "3 april 2025", "1ste oktober 2025", "3e oktober 2025", "1. Oktober 2026", "1er octobre 2026",
    "2024-07-23T10:00:00+02:00", '"2024-07-23"',
}  # fmt: skip
LEAP_YEAR = [dt.date(2028, 1, 1) + dt.timedelta(days=n) for n in range(366)]


def _shown(value: dt.date, precision: str) -> tuple[int, ...]:
    return (value.year, value.month, value.day)[: {"year": 1, "month": 2, "day": 3}[precision]]


@pytest.mark.parametrize(("written", "month_first"), FORMS)
def test_every_day_of_a_year_reads_back(written: str, month_first: bool) -> None:
    knowledge = builtin()
    bare = written.strip("\"'")
    old = date_values.parse_date(bare, knowledge, month_first=month_first)
    assert old is not None
    old_date, precision, _ = old
    for day in LEAP_YEAR:
        shown = rewrite(written, day, knowledge, month_first=month_first)
        assert shown is not None, day
        parsed = date_values.parse_date(shown.strip("\"'"), knowledge, month_first=month_first)
        assert parsed is not None and parsed[1] == precision, (day, shown)
        assert _shown(parsed[0], precision) == _shown(day, precision), (day, shown)
        if written in KEEPS_ITS_FORM:
            assert rewrite(shown, old_date, knowledge, month_first=month_first) == written


def test_month_first_only_by_its_day_is_kept_where_it_reads_back() -> None:
    """ "07/23/2024" is month first only because 23 is no month: a new day of 12 or
    less, other than the month, would read day first."""
    knowledge = builtin()
    for day in LEAP_YEAR:
        shown = rewrite("07/23/2024", day, knowledge)
        if day.day <= 12 and day.day != day.month:
            assert shown is None, day
        else:
            assert shown == f"{day.month:02}/{day.day:02}/{day.year}"


def test_month_names_are_kept_per_language_in_the_data_order() -> None:
    names = builtin().month_names
    assert list(names) == ["en", "nl", "de", "fr"]
    assert list(names["nl"].items())[:4] == [
        ("januari", 1),
        ("februari", 2),
        ("maart", 3),
        ("mrt", 3),
    ]
    assert names["de"]["jänner"] == 1 and "jänner" not in names["en"]
    merged = {name: month for table in names.values() for name, month in table.items()}
    assert merged == dict(builtin().months)


def test_the_start_up_cache_keeps_the_month_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("POLICYLINT_NO_CACHE", raising=False)
    fresh = builtin_packs._builtin_entry.__wrapped__()  # read from the packs, then stored
    assert (tmp_path / "knowledge.marshal").exists()

    def unread(*_: object) -> None:
        raise AssertionError("the packs were read again")

    monkeypatch.setattr(builtin_packs, "load_data", unread)
    cached = builtin_packs._builtin_entry.__wrapped__()
    from_cache = compile_knowledge(cached["data"], cached["words"]).month_names
    from_packs = compile_knowledge(fresh["data"], fresh["words"]).month_names
    assert [list(t.items()) for t in from_cache.values()] == [
        list(t.items()) for t in from_packs.values()
    ]
    assert list(from_cache) == list(from_packs) == list(builtin().month_names)
