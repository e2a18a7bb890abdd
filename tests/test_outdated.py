"""Outdated law, bodies, terms and contacts (PL601-PL605, ``rules/outdated.yaml``).

``fixtures/outdated/expected.yaml`` lists the PL6xx and PL303 findings of each
fixture (other rules' findings are not compared: the fixtures are short and
miss most Article 13 items on purpose).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policylint.engine import linter, registry
from policylint.packs.loader import PackError
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, ROOT, TODAY, expectations, load_yaml

OUTDATED = FIXTURES / "outdated"
COMPARED = re.compile(r"PL6\d\d|PL303")


def _lint(path: Path) -> list[tuple[str, int, int]]:
    rules = registry.load_all(plugins=False)
    found = linter.lint_file(str(path), rules, Settings(today=TODAY))
    return [(f.code, f.line, f.column) for f in found if COMPARED.fullmatch(f.code)]


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in OUTDATED.glob("*.md")} == set(expectations(OUTDATED))


@pytest.mark.parametrize(("name", "expected"), sorted(expectations(OUTDATED).items()))
def test_outdated_fixture(name: str, expected: list[tuple[str, int, int]]) -> None:
    assert _lint(OUTDATED / name) == expected


def test_every_retired_authority_number_is_a_citation() -> None:
    """Each ``obsolete-numbers`` entry of authorities.yaml is reported by PL605, in the
    forms notices write it (spaces, none, hyphens, the international form)."""
    from policylint.packs.patterns import compile_user

    data = load_yaml((ROOT / "rules" / "authorities.yaml").read_text(encoding="utf-8"))
    pack = load_yaml((ROOT / "rules" / "outdated.yaml").read_text(encoding="utf-8"))
    (pl605,) = [r for r in pack["rules"] if r["code"] == "PL605"]
    patterns = [compile_user(p) for c in pl605["cites"] for p in c["pattern"]["default"]]
    codes = {"GB": "44", "NL": "31"}
    for authority in data["data"]["authorities"]:
        for number in authority.get("obsolete-numbers", []):
            digits = re.sub(r"\D", "", number)
            forms = [number, digits, "-".join(number.split()),
                     f"+{codes[authority['country']]} {digits[1:]}",
                     f"+{codes[authority['country']]} (0){digits[1:]}"]  # fmt: skip
            for form in forms:
                assert any(p.search(f"call {form} today") for p in patterns), form


def test_a_citation_names_topics_that_exist(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "rules:\n  - code: X601\n    name: x\n    message: m\n    cites:\n"
        "      - {pattern: old law, name: the old law, unless-present: no-such-topic}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="unknown topic 'no-such-topic'"):
        registry.load_all([pack], plugins=False)


@pytest.mark.parametrize(("name", "language"), [("de-aktuell.md", "de"), ("fr-loi-seule.md", "fr")])
def test_a_translated_citation_message_names_the_law_in_that_language(
    name: str, language: str
) -> None:
    """The law's name and its replacement are given per language in outdated.yaml:
    a German or French PL602 message has no English words left in it."""
    rules = registry.load_all(plugins=False)
    settings = Settings(today=TODAY, message_language=language)
    texts = [f.message for f in linter.lint_file(str(OUTDATED / name), rules, settings)
             if f.code == "PL602"]  # fmt: skip
    assert texts
    for text in texts:
        assert not re.search(r"\b(?:the|and|or|of|cite|cited|without)\b", text, re.I), text
