"""PL506-PL509 beyond the fixtures: every topic speaks the four languages, and the
rights the notice leaves out are named in the reader's language."""

from __future__ import annotations

import pytest

from policylint.analyses.topics import first_mention
from policylint.engine import linter
from policylint.packs.builtin import builtin_topic_specs
from policylint.packs.topics import build_all
from policylint.rules.context import Settings, document_facts
from tests.conftest import FIXTURES, TODAY, every_builtin_rule, parse_text

TOPICS = (
    "transfers retention right-of-access right-to-rectification right-to-erasure "
    "right-to-restriction right-to-object right-to-portability consent-relied consent-withdrawal"
).split()
FOLDER = FIXTURES / "kinds" / "art13-transfers-rights"


@pytest.mark.parametrize("name", TOPICS)
def test_topic_speaks_every_language(name: str) -> None:
    topic = build_all(builtin_topic_specs())[name]
    assert {"en", "nl", "de", "fr"} <= topic.languages()
    assert {"en", "nl", "de", "fr"} <= set(topic.label)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the right to rectification, the right to erasure"),
        ("nl", "het recht op rectificatie, het recht op gegevenswissing"),
        ("de", "das Recht auf Berichtigung, das Recht auf Löschung"),
        ("fr", "le droit de rectification, le droit à l'effacement"),
    ],
)
def test_missing_rights_named_in_the_readers_language(language: str, expected: str) -> None:
    settings = Settings(today=TODAY, message_language=language)
    found = linter.lint_file(str(FOLDER / "de-fehlt.md"), every_builtin_rule(), settings)
    (message,) = [f.message for f in found if f.code == "PL508"]
    assert expected in message
    assert "Auskunft" not in message and "access" not in message  # access is given


# "@topic language" opens a group; each line below is a sentence in our own words that states
# the topic, or with "!" one that must not (a trap).
PHRASES = """
@transfers en
Your data may be transferred to, and processed in, countries outside the European Economic Area.
Where we transfer data internationally we use the Commission's standard contractual clauses.
We do not transfer personal data outside the UK.
All data is hosted in the EU.
Our servers are located in Germany and Ireland, within the European Union.
Some of our suppliers are based outside the UK.
Personal data is stored on servers in the United States.
We rely on adequacy regulations made by the UK government.
Transfers to the US rely on the EU-US Data Privacy Framework.
!We never share your data with outside parties.
!Our office is located in London.
!We process your data in accordance with EU law.
!Google LLC is an American company.
@transfers nl
Wij geven geen persoonsgegevens door naar landen buiten de Europese Economische Ruimte.
Uw gegevens worden uitsluitend op servers binnen de EU opgeslagen.
Voor doorgifte naar de Verenigde Staten maken wij gebruik van modelcontractbepalingen.
Mailchimp slaat gegevens op in de Verenigde Staten.
!Wij delen uw gegevens niet met derden.
@transfers de
Eine Übermittlung Ihrer Daten in Drittländer findet nicht statt.
Die Daten werden an Server von Google in den USA übertragen.
Für die Übermittlung in die USA nutzen wir EU-Standardvertragsklauseln.
Wir übermitteln keine personenbezogenen Daten an Empfänger außerhalb des EWR.
!Wir geben Ihre Daten nicht an Dritte weiter.
@transfers fr
Vos données ne sont pas transférées en dehors de l'Union européenne.
Les données sont hébergées en France, au sein de l'Union européenne.
Les transferts vers les États-Unis sont encadrés par des clauses contractuelles types.
Aucun transfert hors UE n'est effectué.
!Nous ne transmettons pas vos données à des tiers.
@retention en
We retain your personal data for as long as your account is active.
Records are kept for 7 years for tax purposes.
We will hold your information until you ask us to delete it.
Data is retained for no longer than necessary.
CCTV footage is automatically overwritten after 30 days.
We delete applications six months after the recruitment process closes.
Retention periods are set out in our retention schedule.
!We keep your data safe and secure.
!We store your information on secure servers.
!Cookies remain on your device for up to two years.
@controller-identity en
We are Example Widgets Ltd, a company registered in London.
!We are a small team that loves bread.
@statutory-requirement en
Your email is required to invoice you.
We need your address to deliver your order.
!We need to keep our servers secure.
@statutory-requirement de
Die Anschrift ist für die Lieferung erforderlich.
@statutory-requirement fr
L'adresse est nécessaire pour la livraison.
@lawful-basis en
We use your address on the basis of our contract with you.
We keep your order history because we have a contract with you.
@recipients nl
Wij delen uw adres alleen met onze bezorger.
@retention nl
Wij bewaren uw gegevens maximaal 2 jaar na het einde van de overeenkomst.
Uw gegevens worden niet langer bewaard dan nodig is.
Facturen bewaren wij 7 jaar in verband met de fiscale bewaarplicht.
Sollicitatiegegevens worden vier weken na afloop van de procedure verwijderd.
!Wij bewaren uw gegevens zorgvuldig en veilig.
@retention de
Wir speichern Ihre Daten nur so lange, wie es für die Zwecke erforderlich ist.
Die Daten werden nach Ablauf der gesetzlichen Aufbewahrungsfristen gelöscht.
Server-Logfiles werden nach sieben Tagen automatisch gelöscht.
Ihre Daten werden für die Dauer der Mitgliedschaft gespeichert.
!Wir speichern Ihre Daten auf sicheren Servern.
@retention fr
Vos données sont conservées pendant trois ans à compter du dernier contact.
Nous conservons vos données le temps nécessaire à la gestion de votre compte.
Les données sont supprimées à l'issue d'un délai de 13 mois.
Les données ne sont pas conservées au-delà de la durée nécessaire.
!Nous conservons vos données en toute sécurité.
@right-of-access en
You can ask us for a copy of the personal information we hold about you.
You have the right to request access to your personal data.
To make a subject access request, email us.
!Only authorised staff have access to your data.
@right-to-erasure en
You can ask us to delete your personal data.
You have the right to have your data erased in certain circumstances.
!Data is securely deleted after five years.
@right-to-restriction en
You may ask us to restrict the processing of your data.
You can ask us to suspend the use of your data while we check its accuracy.
@right-to-portability en
You can ask us to transfer your data to another organisation.
You have the right to receive your data in a structured, commonly used and machine-readable format.
!If our business is sold, your data may be transferred to the new owner.
@right-of-access nl
U heeft het recht om uw persoonsgegevens in te zien.
U kunt een kopie opvragen van de gegevens die wij van u hebben.
@right-of-access de
Sie haben das Recht, Auskunft über Ihre gespeicherten Daten zu erhalten.
@right-of-access fr
Vous pouvez demander une copie de vos données.
Vous disposez d'un droit d'accès à vos données.
@consent-relied en
We will only send you marketing emails if you have given us your consent.
By ticking the box you agree to receive our newsletter.
We use analytics cookies only if you accept them in our cookie banner.
!We do not rely on consent to process your data.
@consent-withdrawal en
You can withdraw your consent at any time.
You can unsubscribe at any time by clicking the link in our emails.
You can change your cookie preferences at any time.
@consent-withdrawal nl
U kunt uw toestemming op ieder moment intrekken.
U kunt zich altijd afmelden via de link in de nieuwsbrief.
@consent-withdrawal de
Sie können Ihre Einwilligung jederzeit widerrufen.
Sie können sich jederzeit vom Newsletter abmelden.
@consent-withdrawal fr
Vous pouvez retirer votre consentement à tout moment.
Vous pouvez vous désinscrire à tout moment via le lien présent dans chaque e-mail.
@right-to-erasure nl
U kunt ons vragen uw gegevens te laten verwijderen.
U heeft het recht op vergetelheid.
!Wij verwijderen uw gegevens na twee jaar.
@right-to-rectification nl
Onjuiste gegevens kunt u laten aanpassen.
@right-to-restriction nl
U kunt ons vragen de verwerking van uw gegevens te beperken.
!Beperking van aansprakelijkheid
@right-to-object nl
U kunt bezwaar maken tegen het gebruik van uw gegevens voor direct marketing.
@right-to-portability nl
U kunt ons vragen uw gegevens over te dragen aan een andere partij.
@right-to-erasure de
Sie können die Löschung Ihrer Daten verlangen.
Sie haben das Recht, die Löschung Ihrer personenbezogenen Daten zu verlangen.
!Ihre Daten werden nach Ablauf der Frist gelöscht.
@right-to-restriction de
Sie können die Einschränkung der Verarbeitung verlangen.
!Wir übernehmen keine Haftung; Einschränkungen gelten.
@right-to-portability de
Sie erhalten Ihre Daten auf Wunsch in einem gängigen, maschinenlesbaren Format.
@right-to-object de
Sie können der Verarbeitung jederzeit widersprechen.
@right-to-rectification de
Sie können die Berichtigung unrichtiger Daten verlangen.
@right-to-erasure fr
Vous pouvez demander l'effacement de vos données.
Vous pouvez demander la suppression de vos données.
!Les données sont supprimées après trois ans.
@right-to-restriction fr
Vous pouvez demander la limitation du traitement de vos données.
!Limitation de responsabilité
@right-to-object fr
Vous pouvez vous opposer au traitement de vos données.
@right-to-portability fr
Vous disposez d'un droit à la portabilité de vos données.
@right-to-rectification fr
Vous pouvez faire rectifier vos données inexactes.
@right-of-access de
Sie können jederzeit Auskunft über die zu Ihrer Person gespeicherten Daten verlangen.
@consent-relied nl
Als u zich aanmeldt voor onze nieuwsbrief, gebruiken wij uw e-mailadres.
Wij plaatsen analytische cookies alleen met uw toestemming.
@consent-relied de
Die Verarbeitung erfolgt auf Grundlage Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).
@consent-relied fr
Le traitement repose sur votre consentement.
@retention en
Your information will be kept for the duration of your membership.
We will keep your details on file for 12 months after your last order.
We keep invoices for eleven years, as tax law requires.
Your account data is kept for eighteen months after you close it.
@retention nl
Wij bewaren uw gegevens zolang u lid bent.
@retention de
Wir löschen Ihre Daten, sobald sie für den Zweck nicht mehr erforderlich sind.
@retention fr
Vos données sont conservées jusqu'à la fin de votre abonnement.
"""


def _phrases() -> list[tuple[str, str, str, bool]]:
    found, name, language = [], "", ""
    for line in PHRASES.strip().splitlines():
        if line.startswith("@"):
            name, language = line[1:].split()
        else:
            found.append((name, language, line.lstrip("!"), not line.startswith("!")))
    return found


@pytest.mark.parametrize(("name", "language", "text", "states"), _phrases())
def test_phrase(name: str, language: str, text: str, states: bool) -> None:
    doc = parse_text(f"# Notice\n\n{text}\n")
    facts = document_facts(doc, Settings(today=TODAY))
    topic = build_all(builtin_topic_specs())[name]
    assert (first_mention(doc, topic, language, facts.prose_text) is not None) is states
