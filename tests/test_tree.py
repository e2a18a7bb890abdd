"""The section tree: Markdown headings, inferred headings, nesting, exclusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from policylint.base.positions import one_based
from tests.conftest import FIXTURES, headings, parse_file, parse_text, seed

PARSER = FIXTURES / "parser"


def test_markdown_headings_front_matter_and_exclusions() -> None:
    doc = parse_file(PARSER / "markdown_headings.md")
    assert headings(doc) == [
        (7, 1, "Privacy policy"),
        (11, 2, "Who we are"),
        (18, 2, "What we collect"),
        (32, 2, "Setext section"),
        (37, 3, "Your rights"),
    ]
    assert doc.front_matter is not None
    assert str(doc.front_matter.values["last_updated"]) == "2026-03-01"
    assert doc.front_matter.key_lines["last_updated"] == 2  # 0-based: the file's line 3
    prose = " ".join(b.text for b in doc.blocks)
    # Front matter, HTML comments and code are never prose.
    assert "1999" not in prose and "2002" not in prose and "lang: en" not in prose
    kinds = [(b.kind, b.line, b.end_line) for b in doc.blocks]  # 0-based, end exclusive
    assert ("table", 19, 23) in kinds and ("list_item", 24, 25) in kinds
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.text == "Data Why Name To send orders Email To send receipts"


def test_nesting_follows_levels() -> None:
    doc = parse_file(PARSER / "markdown_headings.md")
    (top,) = doc.root.children
    assert [c.title for c in top.children] == ["Who we are", "What we collect", "Setext section"]
    assert [c.title for c in top.children[2].children] == ["Your rights"]


def test_numbered_headings_skip_contents_lists_and_nest_clauses() -> None:
    doc = parse_file(PARSER / "numbered_headings.md")
    assert headings(doc) == [
        (1, 1, "Acme Privacy Notice"),
        (9, 1, "1. Introduction"),
        (13, 1, "2. Your rights"),
        (14, 2, "2.1. Access"),
        (18, 2, "2.2 Erasure"),
        (25, 2, "2.3"),
        (28, 1, "3. Contact"),
    ]
    rights = doc.root.children[2]
    assert [c.number for c in rights.children] == ["2.1", "2.2", "2.3"]
    # A clause keeps its sentence as body prose, without the number.
    clause = rights.children[2]
    assert clause.kind == "clause"
    assert (
        clause.blocks[0].text
        == "We may refuse a request that is manifestly unfounded or excessive."
    )


def test_plain_line_headings_stop_at_addresses_and_labels() -> None:
    doc = parse_file(PARSER / "plain_headings.md")
    assert headings(doc) == [
        (1, 1, "Privacy Notice"),
        (5, 1, "Who we are"),
        (9, 1, "What we collect"),
        (15, 1, "How long do we keep it?"),
    ]
    bullets = [b.text for b in doc.blocks if b.line == 10]
    assert bullets == [
        "We collect your name, your address and your order history. "
        "Names and contact details Order history"
    ]


def test_a_number_broken_by_the_wrap_does_not_make_a_heading() -> None:
    # "Their helpline is 0303" is short and capitalised, but its number goes on below.
    doc = parse_file(PARSER / "wrapped_before_digits.md")
    assert headings(doc) == [(1, 1, "Privacy notice of Larkspur Gardens")]
    assert doc.blocks[-1].text == (
        "You can complain to the Information Commissioner's Office. "
        "Their helpline is 0303 123 1113, or write to us first."
    )


def test_hard_wrapped_document_in_one_paragraph() -> None:
    doc = parse_file(PARSER / "hard_wrapped.md")
    assert headings(doc) == [
        (1, 1, "Privacy Policy"),
        (6, 1, "Who we are"),
        (13, 1, "1. How we use your information"),
        (14, 2, "1.1"),
        (16, 2, "1.2 Sending marketing"),
        (18, 1, "2. Complaints"),
        (21, 2, "What is a complaint?"),
    ]
    complaints = next(s for s in doc.sections() if s.number == "2")
    text = complaints.blocks[0].text
    assert text == "You can complain to the Information Commissioners Office on 0303 123 1113."
    start = text.index("Information Commissioners")
    loc = complaints.blocks[0].prose.location(
        start, start + len("Information Commissioners Office")
    )
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (18, 24, 19, 20)


@pytest.mark.parametrize("name", ["crlf.md", "bom.md"])
def test_crlf_and_bom_files_keep_lines_and_columns(name: str) -> None:
    doc = parse_file(PARSER / name)
    contact = next(s for s in doc.sections() if s.title == "Contact us")
    block = contact.blocks[0]
    start = block.text.index("privacy@")
    loc = block.prose.location(start, start + len("privacy@acme.example"))
    assert (loc.line, loc.column) == ((6, 6) if name == "crlf.md" else (4, 6))


@pytest.mark.parametrize(
    ("line", "after"),
    [
        (
            "Die Kontaktdaten unseres Beauftragten finden Sie im Abschnitt „Kontakt“ in dieser",
            "Erklärung unter der Adresse des Vereins.",
        ),
        ("Alle Angaben zu den Fristen stehen im Abschnitt über die", "Speicherdauer weiter unten."),
        ("Details of how we keep records are in the section on the", "Retention Schedule below."),
        (
            "Wie lang wij gegevens bewaren staat in het overzicht van de",
            "Bewaartermijnen hieronder.",
        ),
        ("Les durées de conservation figurent dans le tableau sur les", "Délais ci-dessous."),
    ],
)
def test_a_line_that_stops_mid_sentence_is_no_heading(line: str, after: str) -> None:
    # Short and capitalised, and the next line looks like body text, but the line ends in
    # a word no sentence ends with ("dieser", "die", "the"): the wrap cut a sentence.
    doc = parse_text(f"Datenschutz\n\nWir sind ein Verein.\n\n{line}\n{after}\n")
    assert [t for _, _, t in headings(doc)] == ["Datenschutz"]
    assert doc.blocks[-1].text == f"{line} {after}"


def test_the_line_after_a_cut_one_is_no_heading_either() -> None:
    text = (
        "Datenschutz\n\nWir sind ein Verein.\n\n"
        "Die Kontaktdaten unseres Beauftragten finden Sie im Abschnitt unten in dieser\n"
        "Erklärung\n\nWir speichern nichts.\n"
    )
    assert [t for _, _, t in headings(parse_text(text))] == ["Datenschutz"]


@pytest.mark.parametrize(
    "title",
    [
        "Who we share it with",
        "What we use your data for",
        "Wer wir sind",
        "Who I am",
        "How to log in",
        "Appendix A",
        "Wie setzen wir auf unserer Website Cookies und ähnliche Techniken ein",
        "Waar gebruiken wij de gegevens van onze leden en bezoekers voor",
    ],
)
def test_a_heading_may_end_in_a_preposition_or_a_verb(title: str) -> None:
    doc = parse_text(f"Privacy\n\nWe are a shop.\n\n{title}\nOur couriers see your address.\n")
    assert [t for _, _, t in headings(doc)] == ["Privacy", title]


def test_markdown_headings_turn_inference_off() -> None:
    doc = parse_text("# Policy\n\n## Data\n\nWho we are\n\nWe are a shop. We sell things.\n")
    assert headings(doc) == [(1, 1, "Policy"), (3, 2, "Data")]


def test_a_bulleted_line_is_never_a_heading() -> None:
    doc = parse_text(
        "Title\n\nIntro text here.\n\n• Names and details\n\nMore text follows here.\n"
    )
    assert [t for _, _, t in headings(doc)] == ["Title"]


# The headings named in the foundation issue, on the real notices (1-based, as editors number).
SEED_HEADINGS = {
    "000": [
        (7, "Collection of Personal Information"),
        (35, "What we do with it"),
        (81, "Website Cookies"),
    ],
    "001": [(7, "Welke persoonsgegevens verwerken wij?"), (71, "Contact"), (83, "Versie")],
    "002": [
        (n, f"{i}.")
        for i, n in enumerate([94, 153, 160, 190, 235, 251, 262, 283, 303, 309, 326], start=1)
    ]
    + [(11, "Who we are and what we do"), (55, "About this policy")],
    "003": [(n, f"{i}.") for i, n in enumerate([3, 9, 19, 25, 42, 48, 58, 68, 92, 98], start=1)],
    "004": [(6, "Contact details"), (92, "How to complain")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_HEADINGS))
def test_seed_headings_are_found_at_their_lines(seeds: Path, prefix: str) -> None:
    found = {(one_based(s.line), s.title) for s in parse_file(seed(seeds, prefix)).sections()}
    for line, title in SEED_HEADINGS[prefix]:
        assert any(n == line and t.startswith(title) for n, t in found), (line, title)


def test_seed_002_clauses_nest_under_their_section(seeds: Path) -> None:
    doc = parse_file(seed(seeds, "002"))
    section1 = next(s for s in doc.sections() if s.number == "1")
    assert [c.number for c in section1.children] == ["1.1", "1.2", "1.3", "1.3a", "1.4"]
    cookies = next(s for s in doc.sections() if s.number == "8")
    assert [c.title for c in cookies.children] == [
        "What is a cookie?",
        "How do I stop using cookies?",
    ]


def test_seed_004_has_no_address_lines_as_headings(seeds: Path) -> None:
    lines = {s.line for s in parse_file(seed(seeds, "004")).sections()}
    assert lines.isdisjoint(range(94, 103))  # the file's lines 95-103


def test_an_indented_block_of_plain_lines_is_read_as_text_and_code_stays_code() -> None:
    doc = parse_text(
        "# Contact\n\n    Name: Friends of the Park\n    E-mail: friends@park.example\n\n"
        "    Helpline: 0303 123 1113\n\nThe app keeps one setting:\n\n"
        '    {"theme": "dark"}\n\n```\n    Name: in a fence\n```\n'
    )
    texts = [(b.kind, b.line, b.text) for b in doc.blocks]
    assert ("paragraph", 2, "Name: Friends of the Park E-mail: friends@park.example") in texts
    assert ("paragraph", 5, "Helpline: 0303 123 1113") in texts
    assert [b.text for b in doc.code] == ['{"theme": "dark"}', "Name: in a fence"]


def test_a_fence_in_a_list_item_stays_code_and_a_first_line_indent_is_text() -> None:
    doc = parse_text("- ```\n      Name: in a fence\n  ```\n")
    assert [b.text for b in doc.code] == ["Name: in a fence"]
    doc = parse_text("    Name: Friends of the Park\n\nText.\n")
    assert [b.text for b in doc.blocks] == ["Name: Friends of the Park", "Text."]
