"""Telling neighbouring languages apart: whole notices and one-paragraph texts.

The paragraphs are in our own words. The hard ones share words across
languages ("die", "de", "van"), quote names and addresses from another
language, or name English products. ``bench/languages.py`` measures the same
on the real notices of ../shared/corpus.
"""

from __future__ import annotations

import json

import pytest

from policylint.analyses import profile
from policylint.engine import linter, registry
from policylint.packs.builtin import builtin
from policylint.rules.context import Settings
from tests.conftest import ROOT, TODAY, parse_text

CORPUS = ROOT.parent / "shared" / "corpus"

PARAGRAPHS = {
    "en": [
        "Our office is at Keizersgracht 12, 1015 AB Amsterdam, and you can write to us there.",
        "We share order details with Müller Logistik GmbH, which delivers our parcels in Austria.",
        "The app Van Dijk & De Vries Notes keeps your notes on your own device and nowhere else.",
        "If you live in France, you may also contact the Commission nationale de l'informatique "
        "et des libertés.",
        "We do not sell your data.",
        "Questions? Write to privacy@example.org or call us on weekdays.",
    ],
    "nl": [
        "Wij delen uw gegevens nooit met derden, tenzij de wet ons daartoe verplicht.",
        # "die" and "de" are German too.
        "Gegevens die wij niet meer nodig hebben, verwijderen wij binnen een maand.",
        "Voor het versturen van de nieuwsbrief gebruiken wij Mailchimp en Google Analytics.",
        "U kunt altijd bezwaar maken.",
        "De app herkent andere telefoons via Bluetooth en slaat niets op een server op.",
    ],
    "de": [
        # "die", "de" (in the address) and "in" are Dutch too.
        "Die Daten, die Sie uns über das Formular auf www.beispiel.de senden, speichern wir nur "
        "für die Bearbeitung Ihrer Anfrage.",
        "Sie haben das Recht, Auskunft über Ihre gespeicherten Daten zu verlangen.",
        "Wir geben Ihre Daten nicht an Dritte weiter, es sei denn, wir sind dazu verpflichtet.",
        "Unsere Website nutzt Google Fonts und Cloudflare, um Inhalte schneller auszuliefern.",
        "Beschwerden richten Sie bitte an die Datenschutzbehörde in Wien.",
    ],
    "fr": [
        "Nous utilisons Google Analytics et Microsoft Teams pour améliorer nos services.",
        "Vous pouvez retirer votre consentement à tout moment en nous écrivant.",
        "Les données sont conservées pendant trois ans après votre dernière commande.",
        "Vous avez le droit d'introduire une réclamation auprès de l'Autorité de protection "
        "des données.",
        "Ce site n'utilise aucun cookie.",
        "La société De Vries BV traite vos données pour livrer vos commandes.",
    ],
    # Languages the rules do not cover: named (PL907), never read as a covered one.
    "es": ["Usted puede solicitar en cualquier momento la supresión de sus datos personales."],
    "it": ["Il titolare del trattamento dei dati è la società indicata in questa pagina."],
    "pt": ["Você pode pedir a eliminação dos seus dados pessoais a qualquer momento."],
    "da": ["Du kan altid bede os om at slette de oplysninger, vi har om dig."],
    "sv": ["Du kan när som helst begära att vi raderar dina personuppgifter."],
    "pl": ["Masz prawo do usunięcia swoich danych osobowych w każdej chwili."],
}


@pytest.mark.parametrize(
    ("expected", "text"),
    [(lang, text) for lang, texts in PARAGRAPHS.items() for text in texts],
)
def test_one_paragraph_is_enough(expected: str, text: str) -> None:
    assert profile.language_of(parse_text(text + "\n"), builtin()) == expected


def test_a_notice_opening_with_names_and_addresses_is_read_on() -> None:
    # Over 3,000 characters of a list without language, then the German text.
    names = "".join(f"- Muster {n} GmbH, Hauptstraße {n}, 10115 Berlin\n" for n in range(80))
    text = names + "\nWir speichern Ihre Daten nur so lange, wie es für die Bestellung nötig ist.\n"
    assert len(names) > 3_000
    assert profile.language_of(parse_text(text), builtin()) == "de"


def test_addresses_are_not_words() -> None:
    # "hl=de", "kontakt@" and a postcode "5AF" hold words of other languages.
    text = (
        "See https://support.example.com/answer?hl=de&ref=kontakt or write to "
        "kontakt@example.de, Water Lane, SK9 5AF, and we will reply within a week.\n"
    )
    assert profile.language_of(parse_text(text), builtin()) == "en"


@pytest.mark.parametrize(
    ("tag", "expected"), [("de-DE", "de"), ("fr", "fr"), ("nl-BE", "nl"), ("en-GB", "en")]
)
def test_front_matter_lang_wins_over_the_text(tag: str, expected: str) -> None:
    other = "We keep your data for one year." if expected != "en" else "Wij bewaren uw gegevens."
    doc = parse_text(f"---\nlang: {tag}\n---\n\n{other}\n")
    assert profile.language_of(doc, builtin()) == expected


def _labelled() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    found = []
    for labels in sorted(CORPUS.glob("*/labels.json")):
        for label in json.loads(labels.read_text(encoding="utf-8")):
            found.append((str(labels.parent / f"{label['id']}.md"), label["language"]))
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize(("path", "expected"), _labelled())
def test_every_corpus_notice_is_read_in_its_labelled_language(path: str, expected: str) -> None:
    with open(path, encoding="utf-8", errors="replace") as file:
        doc = parse_text(file.read(), path)
    assert profile.language_of(doc, builtin()) == expected


@pytest.mark.parametrize("lang", ["es", "it", "pt", "da", "sv", "pl"])
def test_pl907_names_a_one_paragraph_notice_s_language(lang: str) -> None:
    doc = parse_text(PARAGRAPHS[lang][0] + "\n")
    found = linter.lint_source(doc.source, registry.builtin_rules(), Settings(today=TODAY))
    name = profile.language_name(lang, builtin())
    assert [f"{f.code} {f.message}" for f in found if f.code == "PL907"] == [
        f"PL907 Notice is in {name} ({lang}), which the built-in rules do not cover yet: "
        "skipped PL101-PL104, PL201, PL301, PL401"
    ]
