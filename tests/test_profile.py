"""Language and jurisdiction detection: evidence weighed against the pack's threshold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policylint.analyses import profile
from policylint.packs.builtin import builtin
from tests.conftest import parse_text

BODY = "We collect the data you give us when you order from our shop.\n\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This notice follows the UK GDPR.", {"UK"}),
        # Two weak signs add up; either alone is not enough.
        ("Our customers live in the Netherlands. Write to 1015 AB Amsterdam.", {"NL"}),
        ("Our customers live in the Netherlands.", set()),
        ("Write to us at 1015 AB Amsterdam.", set()),
        ("We process your data under the GDPR.", {"EU"}),
        ("We follow the CCPA.", {"US"}),
        ("", set()),
    ],
)
def test_jurisdictions_from_weighed_evidence(text: str, expected: set[str]) -> None:
    doc = parse_text(BODY + text + "\n")
    assert profile.detect_jurisdictions(doc, "en", builtin()) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Wir bearbeiten Personendaten nach dem revDSG und der DSGVO.", "de", {"CH", "EU"}),
        # the GDPR applied only "where applicable": Swiss law alone
        ("Wir bearbeiten Personendaten nach dem revDSG und, soweit anwendbar, der DSGVO.", "de",
         {"CH"}),
        ("We follow the FADP and, where the GDPR applies, the GDPR.", "en", {"CH"}),
        ("Nous appliquons la nLPD et, dans la mesure où le RGPD est applicable, le RGPD.", "fr",
         {"CH"}),
        # applied outright, with "gegebenenfalls" elsewhere (processors): still the GDPR
        ("Wir bearbeiten Daten nach dem revDSG und der DSGVO, da wir Kunden in der EU beliefern. "
         "Auftragsverarbeiter verpflichten wir gegebenenfalls nach der DSGVO.", "de", {"CH", "EU"}),
        # the hedge only matters against Swiss law: an EU notice stays under the GDPR
        ("Wir verarbeiten Daten nach dem BDSG und, soweit anwendbar, der DSGVO.", "de", {"EU"}),
    ],
)  # fmt: skip
def test_a_swiss_notice_that_hedges_the_gdpr_answers_to_swiss_law(
    text: str, language: str, expected: set[str]
) -> None:
    doc = parse_text(text + "\n")
    assert profile.detect_jurisdictions(doc, language, builtin()) == expected


def test_dutch_counts_towards_the_netherlands() -> None:
    text = "Wij verwerken uw gegevens als u een bestelling plaatst bij onze winkel.\n"
    doc = parse_text(text)
    knowledge = builtin()
    language = profile.detect_language(doc.lower, knowledge)
    assert language == "nl"
    assert profile.detect_jurisdictions(doc, language, knowledge) == {"NL"}


@given(st.text(max_size=200))
def test_any_text_has_a_known_language(text: str) -> None:
    knowledge = builtin()
    assert profile.detect_language(text.lower(), knowledge) in knowledge.language_names


def test_evidence_against_does_not_stop_the_search_early() -> None:
    from policylint.base.prefilter import compile_filtered
    from policylint.packs.knowledge import Evidence

    knowledge = builtin()
    evidence = Evidence(
        patterns=((compile_filtered(r"\bshop\b"), 2), (compile_filtered(r"\bcookies\b"), -1)),
        postcode=0,
        language={},
    )
    doc = parse_text(BODY)
    test = knowledge._replace(evidence={"XX": evidence})
    assert profile.detect_jurisdictions(doc, "en", test) == {"XX"}
