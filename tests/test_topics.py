"""Topics in rule packs: require-topic, require-some, when-present, cites with history.

The Article 13/14 and outdated-law families are written with these keys; here
they are tested on a pack of our own, so that the mechanism is pinned down
apart from the built-in word lists.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policylint.base.messages import render
from policylint.engine import linter, session
from policylint.engine.config import ConfigError
from policylint.packs.loader import PackError

TODAY = dt.date(2026, 11, 22)

PACK = r"""
topics:
  keeping:
    label: {en: how long data is kept, nl: de bewaartermijn}
    headings: {en: 'how long we keep', nl: 'bewaartermijn'}
    sentences:
      en: ['\bkeep\b.{0,40}\bfor \d+ (?:days|years)']
      nl: ['\bbewaren\b.{0,40}\b\d+ (?:dagen|jaar)']
    unless: {en: '\bif we\b'}
  access:
    label: {en: access}
    sentences: {en: 'copy of your data'}
  erasure:
    label: {en: erasure}
    sentences: {en: '\bdelete\b'}
  objection:
    label: {en: objection}
    sentences: {en: '\bobject\b'}
  newsletter:
    sentences: {en: 'newsletter'}
  unsubscribe:
    sentences: {en: 'unsubscribe'}
  past:
    sentences: {en: ['\bwas (?:replaced|repealed)\b', '\bformerly\b']}
  officer:
    headings: {en: 'officer'}
    sentences: {en: 'officer'}
  officer-contact:
    sentences: {en: 'officer\b.{0,40}@'}
    section-headings: {en: ['officer', 'reach (?:our )?officer:$']}
    section-sentences: {en: '@|\btel\b'}
rules:
  - code: T1
    name: keeping-missing
    message: {en: "Say {missing}", nl: "Vermeld {missing}"}
    require-topic: keeping
    when: {jurisdiction: [GDPR]}
  - code: T2
    name: rights-short
    message: "Missing rights: {missing}"
    require-topic: access
    require-some: {at-least: 2, of: [erasure, objection]}
    when: {jurisdiction: GDPR}
  - code: T3
    name: unsubscribe-missing
    message: "Say how to unsubscribe"
    require-topic: unsubscribe
    when-present: newsletter
  - code: T5
    name: officer-contact-missing
    message: "Say how to reach the officer"
    require-topic: officer-contact
    when-present: officer
  - code: T4
    name: old-act
    message: "{name} ended on {ended}: cite {replaced_by} ({source})"
    cites:
      - pattern: {en: 'old act 1998'}
        name: the Old Act 1998
        ended: 2018-05-25
        replaced-by: the New Act 2018
        source: https://law.example/new-act
    history: past
"""


def lint(
    tmp_path: Path, text: str, *, language: str = "en", **kw: object
) -> list[tuple[str, int, int, str]]:
    pack = tmp_path / "topics.yaml"
    pack.write_text(PACK)
    notice = tmp_path / "notice.md"
    notice.write_text(text)
    run = session.prepare(packs=[pack], today=TODAY, plugins=False, select=["T"], **kw)  # type: ignore[arg-type]
    found = linter.lint_file(str(notice), run.rules, run.settings)
    return [(f.code, f.line, f.column, f.message) for f in found]


UK = "# Privacy\n\nAcme Ltd follows the UK GDPR.\n\n"


def test_a_missing_topic_is_reported_at_the_title_with_its_label(tmp_path: Path) -> None:
    found = lint(tmp_path, UK + "You can get a copy of your data, delete it or object.\n")
    assert found == [("T1", 1, 1, "Say how long data is kept")]


@pytest.mark.parametrize(
    "text",
    [
        "## How we keep your data\n\nAs the law says.\n",  # a heading is not enough ...
        "We keep invoices for 7 years.\n",  # ... a sentence states it
    ],
)
def test_a_heading_or_a_sentence_gives_the_topic(tmp_path: Path, text: str) -> None:
    found = lint(tmp_path, UK + text + "\nGet a copy of your data; delete it; object.\n")
    codes = [code for code, *_ in found]
    assert codes == (["T1"] if "As the law" in text else [])


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("| Data | How long we keep it |\n| --- | --- |\n| Name | 2 years |\n", []),
        ("| Data | How long we keep it |\n| --- | --- |\n", ["T1"]),  # a head and no rows
        ("| Data | Why |\n| --- | --- |\n| Name | Orders |\n", ["T1"]),  # no such column
        # a table of cookies: their lifetimes, not how long the data is kept
        ("| Cookie | How long we keep it |\n| --- | --- |\n| _ga | 2 years |\n", ["T1"]),
        # a header the topic's unless matches gives nothing either
        ("| Data | How long we keep it if we must |\n| --- | --- |\n| Name | 2 years |\n", ["T1"]),
    ],
)
def test_a_table_column_whose_head_names_the_topic_gives_it(
    tmp_path: Path, table: str, expected: list[str]
) -> None:
    found = lint(tmp_path, UK + table + "\nGet a copy of your data; delete it; object.\n")
    assert [code for code, *_ in found] == expected


def test_how_long_we_keep_heading_gives_the_topic(tmp_path: Path) -> None:
    text = UK + "## How long we keep your data\n\nAs the law says.\n"
    assert "T1" not in [code for code, *_ in lint(tmp_path, text)]


def test_unless_in_the_same_sentence_takes_the_statement_back(tmp_path: Path) -> None:
    found = lint(tmp_path, UK + "We keep logs for 30 days if we must.\n")
    assert ("T1", 1, 1, "Say how long data is kept") in found


def test_require_some_lists_every_topic_not_named(tmp_path: Path) -> None:
    found = lint(tmp_path, UK + "We keep logs for 30 days. You can delete your account.\n")
    assert ("T2", 1, 1, "Missing rights: access and objection") in found
    found = lint(tmp_path, UK + "We keep logs for 30 days. Ask for a copy of your data.\n")
    assert ("T2", 1, 1, "Missing rights: erasure and objection") in found


def test_when_present_makes_a_rule_conditional(tmp_path: Path) -> None:
    assert [c for c, *_ in lint(tmp_path, UK + "We keep logs for 30 days.\n")].count("T3") == 0
    found = lint(tmp_path, UK + "We keep logs for 30 days. Get our newsletter.\n")
    assert ("T3", 1, 1, "Say how to unsubscribe") in found


def test_gdpr_rules_skip_a_notice_under_other_law(tmp_path: Path) -> None:
    us = "# Privacy\n\nAcme Inc. follows the CCPA.\n"
    assert lint(tmp_path, us) == []


def test_a_citation_fires_where_it_is_unless_its_sentence_is_history(tmp_path: Path) -> None:
    text = (
        UK + "We keep logs for 30 days. Get a copy of your data, delete it, object.\n\n"
        "We comply with the Old Act 1998.\n\n"
        "The Old Act 1998 was replaced in 2018.\n"
    )
    found = lint(tmp_path, text)
    assert found == [
        (
            "T4",
            7,
            20,
            "The Old Act 1998 ended on 2018-05-25: cite the New Act 2018 "
            "(https://law.example/new-act)",
        )
    ]


def test_a_citation_named_only_in_a_heading_is_reported_there(tmp_path: Path) -> None:
    body = UK + "We keep logs for 30 days. Get a copy of your data, delete it, object.\n\n"
    found = lint(tmp_path, body + "## The Old Act 1998\n\nWe comply with it.\n")
    assert [(code, line, column) for code, line, column, _ in found] == [("T4", 7, 8)]
    # where the section names it again, its text decides: here, history
    history = "## The Old Act 1998\n\nThe Old Act 1998 was replaced in 2018.\n"
    assert lint(tmp_path, body + history) == []


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("## Our officer\n\nJane Roe\nTel 0161 496 0000\n", []),  # the section's lines give it
        ("## Our officer\n\nJane Roe\n\n## Other\n\nTel 0161 496 0000\n", ["T5"]),
        # only the opening blocks of the section are read
        ("## Our officer\n\nJane Roe.\n\nShe is new.\n\nOur tel is 0161 496 0000\n", ["T5"]),
        ("## Contact\n\nOur officer is Jane Roe.\nTel 0161 496 0000\n", ["T5"]),  # not about it
        # a bold line standing as a heading opens such a section too; plain bold text does not
        ("**Our officer**\n\nJane Roe\nTel 0161 496 0000\n", []),
        ("**Our officer** is Jane Roe.\n\nTel 0161 496 0000\n", ["T5"]),
        # ... and its section ends at the next heading
        ("**Our officer**\n\n## Cookies\n\nTel 0161 496 0000\n", ["T5"]),
        ("**Our officer**\n\n**Cookies**\n\nTel 0161 496 0000\n", ["T5"]),  # a bold line too
        # a lead-in heads the list right under it, every item, when a pattern takes its colon
        ("To reach our officer:\n\n- Jane Roe\n- Room 4\n- Tel 0161 496 0000\n", []),
        ("He is new. To reach our officer:\n\n- Tel 0161 496 0000\n", []),  # its last sentence
        ("To reach our officer:\n\nTel 0161 496 0000\n", ["T5"]),  # a paragraph, not a list
        ("Our officer is new.\n\n- Jane Roe\n- Tel 0161 496 0000\n", ["T5"]),  # no lead-in
        ("Our officer:\n\n- Tel 0161 496 0000\n", ["T5"]),  # "officer" does not take the colon
        ("To reach our officer, see below. Then:\n\n- Tel 0161 496 0000\n", ["T5"]),
    ],
)
def test_a_section_heading_and_its_lines_give_a_topic(
    tmp_path: Path, section: str, expected: list[str]
) -> None:
    found = lint(tmp_path, UK + section + "\nWe keep logs for 30 days. Get a copy of your data.\n")
    assert [code for code, *_ in found if code == "T5"] == expected


def test_messages_and_labels_in_the_readers_language(tmp_path: Path) -> None:
    dutch = "# Privacy\n\nAcme B.V. volgt de AVG. Wij verwerken uw gegevens zorgvuldig.\n"
    found = lint(tmp_path, dutch, message_language="auto")
    assert found == [("T1", 1, 1, "Vermeld de bewaartermijn")]


def test_a_rule_is_skipped_in_a_language_its_topics_do_not_speak(tmp_path: Path) -> None:
    german = "# Datenschutz\n\nDie Acme GmbH verarbeitet Ihre Daten nach der DSGVO.\n"
    assert lint(tmp_path, german) == []


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "rules:\n  - {code: X1, name: x, message: m, require-topic: nothing}\n",
            2,
            "unknown topic 'nothing' in 'require-topic'",
        ),
        (
            "topics:\n  a: {sentences: a}\n  b: {sentences: b}\nrules:\n"
            "  - code: X1\n    name: x\n    message: m\n"
            "    require-some: {at-least: 3, of: [a, b]}\n",
            8,
            "'at-least' must be 1 to 2, not 3",
        ),
        (
            "topics:\n  a: {label: A}\n",
            2,
            "topic 'a' needs 'headings', 'sentences' or 'section-headings'",
        ),
        ("topics:\n  Bad_Name: {sentences: x}\n", 2, "must be kebab-case"),
        ("topics:\n  a: {sentences: x, lable: y}\n", 2, "unknown key 'lable' in topic 'a'"),
        (
            "topics:\n  retention: {sentences: x}\n",
            2,
            "duplicate topic 'retention' (also a built-in topic)",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    forbid: a\n"
            "    history: retention\n",
            6,
            "'history' only goes with 'cites'",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    cites:\n      - pattern: a\n",
            6,
            "citation needs 'name'",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    cites:\n"
            "      - {pattern: a, name: n, ended: last year}\n",
            6,
            "'ended' must be a date, YYYY-MM-DD",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: {nl: m}\n    require: a\n",
            4,
            "a mapping of language to text with 'en'",
        ),
        (
            "rules:\n  - {code: X1, name: x, message: m, require-topic: retention, section: a}\n",
            2,
            "'section' does not go with topics or citations",
        ),
        (
            "rules:\n  - {code: X1, name: x, message: m, require: a, require-topic: retention}\n",
            2,
            "needs exactly one of",
        ),
        (
            "topics:\n  dpo:\n    sentences: a\n    section-headings: b\n",
            2,
            "'section-headings' and 'section-sentences' go together",
        ),
    ],
)
def test_broken_topic_packs_name_file_line_and_problem(
    tmp_path: Path, text: str, where: int, message: str
) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(text)
    with pytest.raises(PackError) as caught:
        session.prepare(packs=[pack], plugins=False)
    assert (caught.value.line, message in caught.value.message) == (where, True), caught.value


def test_a_user_pack_may_require_a_built_in_topic(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("rules:\n  - {code: MY1, name: mine, message: m, require-topic: retention}\n")
    run = session.prepare(packs=[pack], plugins=False, select=["MY1"])
    assert "MY1" in [r.code for r in run.rules]


def test_not_applicable_in_config_switches_an_item_off(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.policylint]\nnot-applicable = ["automated-decisions-missing"]\n')
    run = session.prepare(config_file=config, plugins=False)
    codes = {r.code for r in run.rules}
    assert "PL511" not in codes and "PL510" in codes
    config.write_text('[tool.policylint]\nnot-applicable = ["automated-decision-missing"]\n')
    with pytest.raises(ConfigError) as caught:
        session.prepare(config_file=config, plugins=False)
    assert "[tool.policylint] not-applicable: unknown rule 'automated-decision-missing'" in str(
        caught.value
    )  # the key the mistake is under, not "ignore"


def test_a_file_level_suppression_declares_an_item_not_applicable(tmp_path: Path) -> None:
    notice = tmp_path / "notice.md"
    body = "# Privacy\n\nAcme Ltd follows the UK GDPR.\n"
    run = session.prepare(today=TODAY, plugins=False, select=["PL511", "PL904"])
    notice.write_text(body)
    assert [f.code for f in linter.lint_file(str(notice), run.rules, run.settings)] == ["PL511"]
    notice.write_text("<!-- policylint-disable-file automated-decisions-missing -->\n" + body)
    assert linter.lint_file(str(notice), run.rules, run.settings) == []


def test_a_pack_message_keeps_its_own_braces() -> None:
    from policylint.base.messages import PackMessage

    message = PackMessage({"en": "Use {name} {not a placeholder}"}, name="X")
    assert render(message, "en") == "Use X {not a placeholder}"
    assert render(message, "de") == "Use X {not a placeholder}"
