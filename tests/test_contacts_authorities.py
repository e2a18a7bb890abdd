"""Who a detail belongs to, where an authority is offered for complaints, and link routes."""

from __future__ import annotations

import pytest

from policylint.analyses import authority_numbers, phones, profile
from policylint.analyses.facts import Facts
from policylint.base.positions import one_based
from policylint.packs.builtin import builtin
from policylint.parse.source import decode
from policylint.rules.context import Settings
from tests.conftest import TODAY, parse_text

K = builtin()
UK = "# T\n\nWe follow the UK GDPR.\n\n"


def _profile(text: str) -> profile.Profile:
    return Facts(parse_text(text), K).profile


def _contacts(body: str) -> list[tuple[str, str]]:
    found = Facts(parse_text(UK + body), K).organisation_contacts()
    return [(c.kind, c.text) for c in found]


def _complaint_lines(body: str) -> list[int]:
    """The line of each complaint mention: 1-based, as a finding shows it."""
    doc = parse_text(UK + body)
    return [one_based(m.location.line) for m in Facts(doc, K).complaint_mentions]


def _given(body: str) -> list[str]:
    return [g.phone.text for g in Facts(parse_text(UK + body), K).authority_phones]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Ask [here](/contact/).\n", [("form", "/contact/")]),
        ("Ask [here](../contact.html).\n", [("form", "../contact.html")]),
        ("Ask [here](contact.html).\n", [("form", "contact.html")]),
        ("Ask at the till /help desk.\n", []),  # a word after a slash, not a link
        ("Use our contact forms.\n", []),
        (
            "Ask [here][c].\n\n[c]: https://x.example/contact\n",
            [("form", "https://x.example/contact")],
        ),
        ("Nothing linked.\n\n[c]: https://x.example/contact\n", []),  # never used
        ("Mail [us][m].\n\n[m]: mailto:a@x.example\n", [("email", "a@x.example")]),
        ("Write to a[@]x.example.\n", [("email", "a[@]x.example")]),
        ("Write to a (at) x (dot) example.\n", [("email", "a (at) x (dot) example")]),
        ("Write to a [at] x [dot] co [dot] uk.\n", [("email", "a [at] x [dot] co [dot] uk")]),
        ("Look at x dot example.\n", []),  # a plain "at" starts no address
    ],
)
def test_links_and_addresses_that_reach_the_organisation(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert _contacts(body) == expected


def test_an_address_the_sentence_gives_as_ours_stays_ours_near_the_authority() -> None:
    body = "Contact us before you go to the ICO: write to a@x.example and we will help.\n"
    assert _contacts(body) == [("email", "a@x.example")]
    # The authority's own details stay its own, in the same kind of sentence.
    body = "Contact us before you go to the ICO: casework@ico.org.uk, SK9 5AF.\n"
    assert _contacts(body) == []
    # Without a directive to us, a detail after the authority's name is its.
    assert _contacts("Complain to the ICO at a@x.example.\n") == []


def test_complaint_mentions_need_complaint_words_near_the_name() -> None:
    assert _complaint_lines("We are registered with the ICO.\n") == []
    assert _complaint_lines("We report breaches to the ICO.\n") == []
    assert _complaint_lines("You can complain to the ICO.\n") == [5]
    assert _complaint_lines("The ICO regulates us. You can raise a concern with them.\n") == [5]
    assert _complaint_lines("The ICO regulates us. Complaints go to our office.\n") == []
    assert _complaint_lines("## Complaints\n\nWrite to the ICO.\n") == [7]
    assert _complaint_lines("You may complain to:\n\n**The ICO**\n") == [7]
    assert _complaint_lines("U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.\n") == [
        5
    ]


def test_numbers_given_for_the_authority() -> None:
    assert _given("Complain to the ICO on 0303 123 1114.\n") == ["0303 123 1114"]
    assert _given("Complain to the ICO on 0303 123 1113, or call Age UK on 0800 678 1602.\n") == [
        "0303 123 1113"
    ]
    assert _given("Complain to the ICO or ask Citizens Advice on 0800 144 8848.\n") == []
    assert _given("Call the ICO on 0303 123 1113 or 0303 123 1114.\n") == [
        "0303 123 1113",
        "0303 123 1114",
    ]
    # An obsolete number is the authority's wherever it stands.
    assert _given("Our old leaflet gave 01625 545745.\n") == ["01625 545745"]


def test_obsolete_numbers_are_the_authoritys_but_not_current() -> None:
    ico = next(a for a in K.authorities if a.id == "ico")
    regions = _profile(UK).regions
    old = phones.quick_key("01625 545 745", regions)
    assert old in authority_numbers.obsolete_keys(ico, regions)
    assert old not in authority_numbers.number_keys(ico, regions)
    assert authority_numbers.owner_by_data(K, "01625 545745", old, regions) == ico


def test_irish_acts_make_an_eu_notice() -> None:
    text = "# T\n\nWe follow the Data Protection Acts 1988 and 2003.\n"
    assert _profile(text).jurisdictions == frozenset({"EU"})
    assert "EU" not in _profile("# T\n\nWe are in Northern Ireland.\n").jurisdictions


def _messages(body: str, code: str) -> list[str]:
    from policylint.engine import linter, registry

    found = linter.lint_source(
        decode("t.md", (UK + body).encode()), registry.builtin_rules(), Settings(today=TODAY)
    )
    return [f.message for f in found if f.code == code]


def test_authority_missing_says_what_is_wrong_and_suggests_the_ico() -> None:
    (cited,) = _messages("We are registered with the ICO.\n", "PL301")
    assert "ICO is named, but not as the place to complain" in cited
    assert "Information Commissioner's Office (ICO, 0303 123 1113)" in cited
    (generic,) = _messages("You may complain to a supervisory authority.\n", "PL301")
    assert "No supervisory authority named although UK law applies" in generic
    assert "Information Commissioner's Office" in generic
    assert _messages("You may complain to the ICO on 0303 123 1113.\n", "PL301") == []
