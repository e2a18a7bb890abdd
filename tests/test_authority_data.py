"""Authorities as checked data: every one has official sources, every listed number is
stated by one, and PL301-303 read the German, French and Belgian authorities.

PL301 is skipped on a notice in a language the packs do not cover yet (PL907), so the
fixtures in other languages are checked here rule by rule, whatever the language.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from policylint.analyses import authorities
from policylint.base.messages import render
from policylint.engine import config, registry, selection
from policylint.packs.builtin import builtin
from policylint.packs.knowledge import Authority
from policylint.rules import authority_helpline_missing, authority_helpline_wrong, authority_missing
from policylint.rules.context import RuleContext, Settings
from tests.conftest import FIXTURES, TODAY, parse_file, parse_text

KIND = FIXTURES / "kinds" / "authority"
RULES = {"PL301": authority_missing, "PL302": authority_helpline_missing}
RULES["PL303"] = authority_helpline_wrong


def findings(name: str, code: str, **options: Any) -> list[tuple[int, int]]:
    """1-based (line, column) of ``code``'s findings on a fixture, run directly (no language
    gate): as a finding shows them."""
    module = RULES[code]
    ctx = RuleContext({**module.OPTIONS, **options}, Settings(today=TODAY))
    doc = parse_file(KIND / name)
    return [p.location.one_based()[:2] for p in module.check(doc, ctx)]


def named(text: str) -> list[str]:
    """The ids of the authorities a text names."""
    knowledge = builtin()
    return [m.authority.id for m in authorities.mentions(parse_text(text), knowledge)]


def test_every_authority_has_sources_with_url_and_checked_date() -> None:
    for authority in builtin().authorities:
        assert authority.sources, authority.id
        for source in authority.sources:
            assert re.match(r"https?://[\w.-]+\.[a-z]{2,}/", source.url), (authority.id, source)
            assert dt.date.fromisoformat(source.checked) <= dt.date(2026, 11, 30)


def test_every_listed_number_is_stated_by_a_source() -> None:
    for authority in builtin().authorities:
        said = {state for source in authority.sources for state in source.states}
        if authority.helplines:
            assert "helplines" in said, authority.id
        if authority.other_numbers:
            assert "other-numbers" in said, authority.id
        if authority.complaint_page:
            assert "complaint-page" in said, authority.id


def test_helplines_are_expected_of_the_ico_and_the_ap_only() -> None:
    expected = {a.id for a in builtin().authorities if a.helpline_expected}
    assert expected == {"ico", "ap"}


def _by_id(ident: str) -> Authority:
    return next(a for a in builtin().authorities if a.id == ident)


def test_german_authorities_map_to_the_eu_and_germany_the_fdpic_to_switzerland() -> None:
    lands = [a for a in builtin().authorities if a.country == "DE"]
    assert len(lands) == 19  # the BfDI, 17 authorities of the 16 Länder, any Land's
    assert {a.jurisdiction for a in lands} == {"EU"}
    assert (_by_id("fdpic").jurisdiction, _by_id("fdpic").country) == ("CH", "CH")


@pytest.mark.parametrize(
    ("name", "code", "expected"),
    [
        ("de-land-zeilenumbruch.md", "PL301", []),
        ("de-nur-eigener-dsb.md", "PL301", [(1, 1)]),
        ("de-bayern-oeffentlich.md", "PL301", []),
        ("de-bayern-privat.md", "PL301", []),
        ("fr-cnil-sans-numero.md", "PL301", []),
        ("fr-cnil-sans-numero.md", "PL302", []),  # the CNIL: no helpline expected
        ("be-apd-plainte.md", "PL301", []),
        ("be-gba-klacht.md", "PL301", []),
        ("de-bfdi-falsche-nummer.md", "PL303", [(8, 42)]),
        ("de-bfdi-falsche-nummer.md", "PL302", []),
    ],
)
def test_authority_rules_on_german_french_and_belgian_notices(
    name: str, code: str, expected: list[tuple[int, int]]
) -> None:
    assert findings(name, code) == expected


def test_a_team_marking_an_authority_gets_pl302_for_it() -> None:
    found = findings("fr-cnil-sans-numero.md", "PL302", **{"helpline-expected": ["cnil"]})
    assert found == [(8, 77)]
    ctx = RuleContext({"helpline-expected": ["cnil"]}, Settings(today=TODAY))
    doc = parse_file(KIND / "fr-cnil-sans-numero.md")
    [problem] = authority_helpline_missing.check(doc, ctx)
    assert render(problem.message, "en") == "CNIL named without its helpline: add 01 53 73 22 22"


def test_the_team_option_is_checked_against_the_authorities(tmp_path: Path) -> None:
    rules = registry.builtin_rules()
    good = tmp_path / "good.toml"
    good.write_text('[authority-helpline-missing]\nhelpline-expected = ["cnil", "bfdi"]\n')
    [pl302] = [r for r in selection.apply(rules, config.load(good)) if r.code == "PL302"]
    assert pl302.options["helpline-expected"] == ["cnil", "bfdi"]
    bad = tmp_path / ".policylint.toml"
    bad.write_text('[authority-helpline-missing]\nhelpline-expected = ["cnli"]\n')
    with pytest.raises(config.ConfigError, match=r"unknown authority 'cnli' \(did you mean 'cnil'"):
        selection.apply(rules, config.load(bad))


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Fragen richten Sie an unseren Datenschutzbeauftragten.", []),
        ("Unser betrieblicher Datenschutzbeauftragter hilft Ihnen.", []),
        ("Beschwerde beim Landesbeauftragten für Datenschutz.", ["de-land"]),
        ("Der Landesdatenschutzbeauftragte ist zuständig.", ["de-land"]),
        ("Die Landesbeauftragte für den Datenschutz Niedersachsen.", ["lfd-ni", "de-land"]),
        ("beim Hamburgischen Beauftragten für Datenschutz und Informationsfreiheit", ["hmbbfdi"]),
        ("bei der Sächsischen Datenschutz- und Transparenzbeauftragten", ["sdtb"]),
        ("beim Sächsischen Datenschutzbeauftragten", ["sdtb"]),
        ("beim Unabhängigen Landeszentrum für Datenschutz (ULD)", ["uld", "uld"]),
        ("die Bundesdatenschutzbeauftragte", ["bfdi"]),
        ("beim Eidgenössischen Datenschutz- und Öffentlichkeitsbeauftragten (EDÖB)", ["fdpic"] * 2),
        ("auprès du Préposé fédéral à la protection des données et à la transparence", ["fdpic"]),
        ("une plainte auprès de la CNIL", ["cnil"]),
        ("les CNILs européennes et la CNILX", []),
        ("une plainte auprès de l'APD", ["gba"]),
        ("le format APD du fichier", []),
        ("klacht bij de GBA indienen", ["gba"]),
    ],
)
def test_names_are_precise(text: str, ids: list[str]) -> None:
    assert named(text) == ids
