"""Messages in the reader's language: --message-language, the catalogues, the fallbacks."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from policylint.analyses import dates
from policylint.base import messages
from policylint.base.findings import Problem
from policylint.base.messages import Conjunction, Message, Words, render
from policylint.base.rule import Rule, Severity
from policylint.cli.fastpath import parse_argv
from policylint.engine import checking, linter, registry
from policylint.packs import builtin
from policylint.parse.source import Source
from policylint.rules import last_updated_invalid
from policylint.rules.context import RuleContext, Settings, document_location

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "policylint" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/policylint.po"))
# The Article 13/14 and outdated-law families (PL5xx, PL6xx) are tested in test_kinds and
# test_corpus; these tests are about the output, on notices written for the mission rules.
TODAY = ["--no-cache", "--today", "2026-11-22", "-q", "--ignore", "PL5,PL6"]
TODAY_DATE = dt.date(2026, 11, 22)

# Notices in our own words: between them every mission rule fires once.
UK = """# Privacy notice

Last updated: 31 February 2026

Hartley Garden Supplies Ltd sells seeds and tools from its shop in Leeds LS1 4AP.
We process personal data under the UK GDPR.

You can ask for a copy of the data we hold about you. A fee of £10 is payable for each request.

If you are unhappy, you can complain to the Information Commissioner's Office.
Their number is 0303 123 1110.
"""
STALE = """# Privacy notice

Last updated: 1 May 2019

Hartley Garden Supplies Ltd follows the UK GDPR. Write to privacy@hartley.example with questions.
You can complain to the Information Commissioner's Office (ICO).
"""
NL = """# Privacyverklaring

Bakkerij Van Dijk B.V. verwerkt persoonsgegevens volgens de AVG. Wij bewaren gegevens kort.
Heeft u vragen over uw gegevens, dan kunt u ons bereiken via ons klantenportaal.
"""


@pytest.fixture
def notices(tmp_path: Path) -> dict[str, str]:
    paths = {}
    for name, text in (("uk", UK), ("stale", STALE), ("nl", NL)):
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    return paths


def main(argv: list[str]) -> int:
    """``policylint check ...`` (``argv[0]`` is "check") -> its exit status."""
    options = parse_argv(argv[1:])
    assert options is not None
    return checking.run(options)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    """``policylint check`` -> {code: message} of its findings."""
    main(["check", *TODAY, *args])
    found = {}
    for line in capsys.readouterr().out.splitlines():
        match = re.match(
            r".*?: (?:error|warning|info): (PL\d+)(?: \[\*\])? (.*) \[[a-z-]+\]$", line
        )
        assert match, line
        found[match.group(1)] = match.group(2)
    return found


GERMAN = {
    "PL101": "Kein Datum der letzten Änderung: Ergänzen Sie eines am Anfang, z. B. "
    "„Laatst bijgewerkt: 22-11-2026“, oder last_updated im Front Matter",
    "PL102": "Zuletzt aktualisiert „1 May 2019“, 2762 Tage vor dem 2026-11-22 "
    "(höchstens 365 Tage): Überprüfen Sie die Datenschutzerklärung und aktualisieren Sie ihr Datum",
    "PL103": "Das Datum der letzten Änderung „31 February 2026“ gibt es nicht: "
    "Schreiben Sie es z. B. als „3 March 2025“",
    "PL201": "Keine Kontaktmöglichkeit zur Organisation: Ergänzen Sie eine E-Mail-Adresse, "
    "Telefonnummer, Postanschrift oder einen Link zu einem Kontaktformular",
    "PL301": "Keine Aufsichtsbehörde genannt, obwohl das anwendbare Recht (NL) es verlangt: "
    "Weisen Sie auf das Recht hin, sich bei der Aufsichtsbehörde Autoriteit "
    "Persoonsgegevens (088 - 1805 250) zu beschweren",
    "PL302": "Aufsichtsbehörde ICO ohne Telefonnummer genannt: Ergänzen Sie 0303 123 1113",
    "PL303": "0303 123 1110 ist keine Nummer der Aufsichtsbehörde ICO: "
    "Die Behörde ist unter 0303 123 1113 erreichbar",
    "PL401": "Gebühr für einen Antrag verlangt („A fee of £10“): Nach der UK GDPR sind "
    "Auskunftsersuchen und andere Anträge betroffener Personen unentgeltlich; streichen Sie "
    "die Gebühr oder beschränken Sie sie auf offenkundig unbegründete oder exzessive Anträge "
    "und weitere Kopien",
}


def test_message_language_de_prints_each_mission_rule_in_german(
    capsys: pytest.CaptureFixture[str], notices: dict[str, str]
) -> None:
    found = run(capsys, "--message-language", "de", *notices.values())
    assert found == GERMAN


def test_french_and_dutch_catalogues_are_used(
    capsys: pytest.CaptureFixture[str], notices: dict[str, str]
) -> None:
    french = run(capsys, "--message-language", "fr", notices["uk"])
    assert french["PL303"] == (
        "0303 123 1110 n'est pas un numéro de l'autorité ICO : son numéro est le 0303 123 1113"
    )
    dutch = run(capsys, "--message-language", "nl", notices["uk"])
    assert dutch["PL401"].startswith(
        'Kosten gevraagd voor een verzoek ("A fee of £10"): volgens de'
    )


def test_auto_gives_each_notice_its_own_language(
    capsys: pytest.CaptureFixture[str], notices: dict[str, str]
) -> None:
    dutch = run(capsys, "--message-language", "auto", notices["nl"])
    assert dutch["PL201"].startswith("Geen manier om contact op te nemen met de organisatie")
    english = run(capsys, "--message-language", "auto", notices["stale"])
    assert english["PL302"] == "ICO named without its helpline: add 0303 123 1113"


def test_default_and_en_are_the_english_templates(
    capsys: pytest.CaptureFixture[str], notices: dict[str, str]
) -> None:
    default = run(capsys, *notices.values())
    assert run(capsys, "--message-language", "en", *notices.values()) == default
    assert default["PL102"] == (
        'Last updated "1 May 2019", 2762 days before 2026-11-22 (limit 365): '
        "review the notice and update its date"
    )
    assert default["PL301"] == (
        "No supervisory authority named although NL law applies: tell readers they can "
        "complain to the Autoriteit Persoonsgegevens (088 - 1805 250)"
    )


def test_the_config_key_sets_the_language_and_the_results_cache_keeps_them_apart(
    capsys: pytest.CaptureFixture[str],
    notices: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / ".policylint.toml").write_text('message-language = "nl"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cached = ["check", "--today", "2026-11-22", "-q", notices["stale"]]
    main(cached)
    assert "Laatst bijgewerkt" in capsys.readouterr().out
    main([*cached, "--message-language", "en"])  # same file, cache on: must not reuse Dutch
    assert 'Last updated "1 May 2019"' in capsys.readouterr().out


def test_an_unknown_message_language_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], notices: dict[str, str]
) -> None:
    assert main(["check", "--message-language", "xx", notices["uk"]]) == 2
    assert "unknown message language 'xx' (known: auto, de, en, fr, nl)" in capsys.readouterr().err


def test_a_plugin_message_given_as_plain_text_is_shown_as_written() -> None:
    def check(doc: object, ctx: RuleContext) -> Iterator[Problem]:
        yield Problem(document_location(doc), "Name the data protection officer")  # type: ignore[arg-type]

    rule = Rule("EXT001", "dpo-named", Severity.WARNING, "Needs a DPO.", check)
    source = Source.from_text("a.md", "# Privacy\n\nWe sell bread.\n")
    found = linter.lint_source(source, [rule], Settings(TODAY_DATE, message_language="de"))
    assert [f.message for f in found] == ["Name the data protection officer"]


def test_render_values_nested_messages_words_and_conjunctions() -> None:
    law = Words("the GDPR", {"de": "der DSGVO"})
    laws = Conjunction(("EU", "NL", "UK"))
    message = Message(
        "{laws} / {law} / {inner}",
        laws=laws,
        law=law,
        inner=Message("{left} and {right}", left=1, right=2),
    )
    assert render(message, "en") == "EU, NL and UK / the GDPR / 1 and 2"
    assert str(message) == render(message, "en")
    assert (
        render(message, "de") == "EU, NL und UK / der DSGVO / 1 und 2"
    )  # the outer template has no translation; its values still do
    assert render(Message("{left} and {right}", left="EU", right="UK"), "de") == "EU und UK"
    assert render(Message("{left} and {right}", left="EU", right="UK"), "xx") == "EU and UK"


def test_the_english_path_imports_no_gettext_and_reads_no_catalogue(tmp_path: Path) -> None:
    notice = tmp_path / "n.md"
    notice.write_text(STALE, encoding="utf-8")
    code = (
        "import sys; from policylint.cli import fastpath; from policylint.engine import checking; "
        f"checking.run(fastpath.parse_argv(['--no-cache', '-q', {str(notice)!r}])); "
        "print('GETTEXT' if 'gettext' in sys.modules else 'NONE')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.splitlines()[-1] == "NONE"


# The catalogues ---------------------------------------------------------------


def code_templates() -> set[str]:
    """Every template in the code, found as ``pybabel extract`` finds them (babel.cfg)."""
    keywords = {"Message": None, "translatable": None}
    found = extract_from_dir(str(ROOT / "policylint"), [("**.py", "python")], keywords=keywords)
    return {message for _, _, message, _, _ in found}


def catalogue(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        po = read_po(handle)
    assert not po.obsolete, f"{path}: obsolete entries (run pybabel update --ignore-obsolete)"
    entries = {}
    for entry in po:
        if entry.id:
            assert not entry.fuzzy, f"{path}: fuzzy {entry.id!r}"
            assert entry.string, f"{path}: untranslated {entry.id!r}"
            entries[str(entry.id)] = str(entry.string)
    return entries


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_there_are_catalogues_for_dutch_german_and_french() -> None:
    assert {p.parent.parent.name for p in CATALOGUES} == {"nl", "de", "fr"}
    assert messages.languages() == ("de", "en", "fr", "nl")


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_every_template_is_translated_with_the_same_placeholders(po: Path) -> None:
    entries = catalogue(po)
    assert set(entries) == code_templates()
    for template, translated in entries.items():
        assert placeholders(translated) == placeholders(template), template


def test_the_template_file_lists_the_templates_of_the_code() -> None:
    with (LOCALE / "policylint.pot").open("rb") as handle:
        assert {str(m.id) for m in read_po(handle) if m.id} == code_templates()


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_each_committed_mo_is_its_po_compiled(po: Path) -> None:
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    mo = {k: v for k, v in compiled._catalog.items() if k}  # type: ignore[attr-defined]
    assert mo == catalogue(po), "run: pybabel compile -D policylint -d policylint/locale"


def test_every_law_a_fee_finding_names_has_its_name_in_each_catalogue_language() -> None:
    laws = builtin.builtin().fee_laws
    english = {law for _, law in laws.order} | {laws.default}
    for language in set(messages.languages()) - {"en"}:
        assert set(laws.in_messages.get(language, {})) >= english, language


def test_every_reason_the_date_analysis_gives_has_its_own_message() -> None:
    code = Path(dates.__file__).read_text(encoding="utf-8")
    given = set(re.findall(r'BadDate\([^()]*?, "([^"]+)", ', code))
    given |= {getattr(dates, name) for name in re.findall(r"BadDate\([^()]*?, ([A-Z_]+), ", code)}
    assert given and given == set(last_updated_invalid._INVALID)


def test_core_findings_are_translated_too(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"ab\x00cd")
    settings = Settings(TODAY_DATE, message_language="fr")
    rules = list(registry.CORE_RULES)
    found = [f.message for p in (empty, binary) for f in linter.lint_file(str(p), rules, settings)]
    assert found == [
        "le fichier est vide : rien à vérifier",
        "fichier binaire (octet NUL à la position 2), pas du texte",
    ]


def test_an_uncovered_language_is_named_in_the_readers_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notice = tmp_path / "aviso.md"
    notice.write_text(
        "# Política de privacidad\n\nTratamos sus datos personales para gestionar los pedidos "
        "y responder a sus consultas. Puede ejercer sus derechos de acceso y supresión.\n",
        encoding="utf-8",
    )
    german = run(capsys, "--message-language", "de", str(notice))
    assert german["PL907"].startswith("Sprache der Datenschutzerklärung: Spanisch (es);")
    french = run(capsys, "--message-language", "fr", str(notice))
    assert french["PL907"].startswith("Langue de la politique de confidentialité : espagnol (es)")
