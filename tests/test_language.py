"""Which language a notice is in, and what happens when the rules do not cover it (PL907)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policylint.analyses import profile
from policylint.base.rule import Rule
from policylint.engine import linter, registry, session
from policylint.engine.config import ConfigError, check_language
from policylint.packs.builtin import builtin
from policylint.packs.compiling import distinctive_words
from policylint.packs.knowledge import language_code
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, TODAY, parse_text

LANGUAGE = FIXTURES / "kinds" / "language"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We only keep your order details for as long as the law requires us to.", "en"),
        ("Wij bewaren uw bestelgegevens niet langer dan de wet van ons vraagt.", "nl"),
        # Shares "die", "de" and "in" with Dutch, and is still German.
        (
            "Die Daten werden in der Regel nach einem Jahr gelöscht, wenn Sie nicht widersprechen.",
            "de",
        ),
        ("Nous conservons vos données pendant la durée de votre abonnement et pas au-delà.", "fr"),
        ("Guardamos sus datos personales solo mientras usted tenga una cuenta con nosotros.", "es"),
        ("Conserviamo i dati personali solo per il tempo necessario al servizio richiesto.", "it"),
        ("Guardamos os seus dados pessoais apenas enquanto você for nosso cliente.", "pt"),
        ("Vi gemmer dine oplysninger, så længe du har en konto hos os, og ikke længere.", "da"),
        ("Vi sparar dina personuppgifter så länge du har ett konto och inte längre.", "sv"),
        ("Przechowujemy dane osobowe tylko przez okres niezbędny do realizacji umowy.", "pl"),
        # Nothing to go on (an address, a heading): English, the default.
        ("Keizersgracht 12, 1015 AB Amsterdam", "en"),
        ("", "en"),
        # One distinctive word is not enough to leave English.
        ("Stichting Het Anker", "en"),
    ],
)
def test_language_of_one_sentence(text: str, expected: str) -> None:
    assert profile.detect_language(text.lower(), builtin()) == expected


def test_english_quoting_a_dutch_name_and_address_stays_english() -> None:
    text = (LANGUAGE / "english-with-dutch-address.md").read_text(encoding="utf-8")
    assert profile.detect_language(parse_text(text).lower, builtin()) == "en"


def test_words_shared_by_languages_are_evidence_for_none() -> None:
    found = distinctive_words({"de": ["die", "und"], "nl": ["Die", "het"], "fr": ["et"]})
    assert found == {"de": {"und"}, "nl": {"het"}, "fr": {"et"}}


def test_the_packs_keep_the_overlapping_words_out() -> None:
    words = builtin().language_words
    every = frozenset().union(*words.values())
    assert not {b"die", b"de", b"en"} & every
    assert {b"und", "über".encode()} <= words["de"] and b"het" in words["nl"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("de-DE", "de"), ("nl_NL", "nl"), ("FR", "fr"), ("pt-BR", "pt"), ("German", "de"),
     ("markdown", None), ("", None)],
)  # fmt: skip
def test_language_tags_and_names(value: str, expected: str | None) -> None:
    assert profile.normalise_language(value, builtin()) == expected


def test_config_and_flag_take_tags_and_refuse_words() -> None:
    assert check_language("de-AT", "--language") == "de"
    assert language_code("en_GB") == "en"
    with pytest.raises(ConfigError, match="--language"):
        check_language("english", "--language")


def _settings(**extra: object) -> Settings:
    return Settings(today=TODAY, **extra)  # type: ignore[arg-type]


def test_settings_beat_front_matter_beat_the_text() -> None:
    doc = parse_text("---\nlang: en\n---\n\nWir speichern Ihre Daten nur für die Bestellung.\n")
    knowledge = builtin()
    assert profile.language_of(doc, knowledge) == "en"
    doc = parse_text("---\nlang: en\n---\n\nWir speichern Ihre Daten nur für die Bestellung.\n")
    assert profile.language_of(doc, knowledge, "fr") == "fr"


def test_only_wording_rules_are_language_specific() -> None:
    specific = {r.code for r in registry.builtin_rules() if r.language_specific}
    assert specific == {"PL101", "PL102", "PL103", "PL104", "PL201", "PL301", "PL401"}


def _lint(name: str, settings: Settings, rules: list[Rule] | None = None) -> list[str]:
    every = rules if rules is not None else registry.builtin_rules()
    return [
        f"{f.code} {f.message}" for f in linter.lint_file(str(LANGUAGE / name), every, settings)
    ]


def test_pl907_names_the_language_and_the_skipped_rules() -> None:
    assert _lint("spanish-notice.md", _settings()) == [
        "PL907 Notice is in Spanish (es), which the built-in rules do not cover yet: "
        "skipped PL101-PL104, PL201, PL301, PL401"
    ]


def test_pl907_names_the_pack_rules_it_skipped_as_ranges() -> None:
    found = _lint("spanish-notice.md", _settings(), registry.load_all(plugins=False))
    assert found == [
        "PL907 Notice is in Spanish (es), which the built-in rules do not cover yet: "
        "skipped PL101-PL104, PL201, PL301, PL401, PL501-PL513"
    ]


def test_pl907_lists_only_the_rules_that_would_have_run() -> None:
    rules = [r for r in registry.builtin_rules() if r.code in {"PL907", "PL101", "PL302"}]
    found = _lint("spanish-notice.md", _settings(), rules)
    assert found == [
        "PL907 Notice is in Spanish (es), which the built-in rules do not cover yet: skipped PL101"
    ]


def test_turning_pl907_off_still_skips_the_wording_rules() -> None:
    rules = [r for r in registry.builtin_rules() if r.code != "PL907"]
    assert _lint("spanish-notice.md", _settings(), rules) == []


def test_language_flag_overrides_detection() -> None:
    found = _lint("german-notice.md", _settings(language="nl"))
    assert [f.split()[0] for f in found] == ["PL101", "PL201", "PL301"]  # read as Dutch
    assert "Laatst bijgewerkt" in found[0]


def test_a_german_notice_is_not_under_dutch_law() -> None:
    doc = parse_text((LANGUAGE / "german-notice.md").read_text(encoding="utf-8"))
    knowledge = builtin()
    language = profile.language_of(doc, knowledge)
    assert language == "de"
    assert profile.detect_jurisdictions(doc, language, knowledge) == {"EU"}


def test_your_own_pack_rules_still_run(tmp_path: Path) -> None:
    pack = tmp_path / "shop.yaml"
    pack.write_text(
        "rules:\n  - {code: SHOP1, name: no-pedido, message: m, forbid: {es: 'pedido'}}\n"
    )
    run = session.prepare(packs=[pack], plugins=False, today=TODAY)
    found = linter.lint_file(str(LANGUAGE / "spanish-notice.md"), run.rules, run.settings)
    assert [f.code for f in found] == ["PL907", "SHOP1"]


def test_silencing_a_skipped_rule_is_not_an_unused_suppression() -> None:
    text = "<!-- policylint-disable PL101 -->\n\n" + (LANGUAGE / "spanish-notice.md").read_text(
        encoding="utf-8"
    )
    found = linter.lint_source(parse_text(text).source, registry.builtin_rules(), _settings())
    assert [f.code for f in found] == ["PL907"]
