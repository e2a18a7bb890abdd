"""YAML rule packs: the rule shapes, their scoping, and validation errors with file:line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policylint.engine import linter, session
from policylint.packs.loader import PackError
from tests.conftest import FIXTURES

PACKS = FIXTURES / "packs"
TODAY = dt.date(2026, 11, 22)


def lint(policy: Path, *packs: Path, **kw: object) -> list[tuple[str, int, int]]:
    run = session.prepare(packs=packs, today=TODAY, plugins=False, **kw)  # type: ignore[arg-type]
    # The built-in Article 13/14 and outdated-law packs are judged in test_kinds/test_corpus.
    found = linter.lint_file(str(policy), run.rules, run.settings)
    return [(f.code, f.line, f.column) for f in found if not f.code.startswith(("PL5", "PL6"))]


def test_require_and_forbid_unless_from_the_issue() -> None:
    found = lint(PACKS / "acme-policy.md", PACKS / "acme.yaml")
    # ACME001 is missing from the whole document; ACME002 fires where "Privacy
    # Shield" is split over lines 6-7 and not in the sentence that says it is
    # no longer valid; the suppressed PL401 is gone.
    assert found == [("ACME001", 1, 1), ("ACME002", 6, 44)]


def test_section_scope_language_patterns_require_section_and_when() -> None:
    found = lint(PACKS / "scoped-policy.md", PACKS / "scoped.yaml")
    # The retention section gives no period; there is no cookies section; the
    # first "sell" is a finding, the second is excused by "not" in its sentence.
    assert found == [("ACME010", 1, 1), ("ACME011", 1, 1), ("ACME012", 5, 68)]
    # `when: jurisdiction: [UK]` keeps ACME011 off a US notice.
    us = lint(PACKS / "scoped-policy.md", PACKS / "scoped.yaml", jurisdiction=["US"])
    assert ("ACME011", 1, 1) not in us


def test_a_regex_bomb_runs_in_linear_time(tmp_path: Path) -> None:
    pack = tmp_path / "bomb.yaml"
    pack.write_text("rules:\n  - {code: X1, name: bomb, message: m, forbid: '(a+)+$'}\n")
    policy = tmp_path / "long.md"
    policy.write_text("# T\n\n" + "a" * 100_000 + "b\n")
    # With a backtracking engine this would not finish; RE2 answers at once.
    assert lint(policy, pack, select=["X1"]) == []


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("rules:\n  - code: X1\n    name: [broken\n", 3, "invalid YAML"),
        ("rules:\n  - code: X1\n   name: bad\n", 3, "invalid YAML"),
        (
            "rules:\n  - {code: X1, name: x, message: m, require: a, severity: fatal}\n",
            2,
            "severity must be error, warning or info, not 'fatal'",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    forbidd: a\n",
            5,
            "unknown key 'forbidd' in rule (did you mean 'forbid'?)",
        ),
        (
            "rules:\n  - {code: PL101, name: x, message: m, forbid: a}\n",
            2,
            "duplicate rule code 'PL101' (also built-in rule PL101 last-updated-missing)",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    forbid: '(?<=a)b'\n",
            5,
            "invalid pattern in 'forbid'",
        ),
        ("rules:\n  - {code: x1, name: x, message: m, forbid: a}\n", 2, "code 'x1' must be"),
        ("rules:\n  - {code: X1, name: Bad_Name, message: m, forbid: a}\n", 2, "kebab-case"),
        ("rules:\n  - {code: X1, name: x, message: m}\n", 2, "needs exactly one of"),
        (
            "rules:\n  - {code: X1, name: x, message: m, require: a, unless: b}\n",
            2,
            "'unless' only goes with 'forbid'",
        ),
        (
            "rules:\n  - {code: X1, name: x, message: m, require: a}\n  - {code: X1, name: y, "
            "message: m, require: a}\n",
            3,
            "duplicate rule code 'X1'",
        ),
        ("rules: {}\n", 1, "'rules:' must be a list"),
        ("data:\n  x: 1\n", 1, "'data:' is read only from the built-in packs"),
        ("rulez: []\n", 1, "unknown key 'rulez' in rule pack (did you mean 'rules'?)"),
        ("rules:\n  - code: X1\n    code: X2\n", 3, "duplicate key 'code'"),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    forbid: 'fee|'\n",
            5,
            "pattern in 'forbid' can match the empty string: 'fee|'",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    require: '\\b'\n",
            5,
            "can match the empty string",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    require:\n"
            "      en: a\n      english: b\n",
            7,
            "unknown language 'english' in 'require' (da, de, en, ",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    require: a\n"
            "    when:\n      language: [en]\n      jurisdiction: UK GDRP\n",
            8,
            "unknown jurisdiction 'GDRP'",
        ),
        (
            "rules:\n  - code: X1\n    name: x\n    message: m\n    require: a\n"
            "    when:\n      language: [fr-ish]\n",
            7,
            "unknown language 'fr-ish' (known: da, de, en, ",
        ),
    ],
)
def test_broken_packs_name_file_line_and_problem(
    tmp_path: Path, text: str, where: int, message: str
) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(text)
    with pytest.raises(PackError) as caught:
        session.prepare(packs=[pack], plugins=False)
    assert caught.value.line == where
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{pack}:{where}: ")


def test_a_folder_of_packs_loads_each_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rules:\n  - {code: AA1, name: a, message: m, forbid: x}\n")
    (tmp_path / "b.yml").write_text("rules:\n  - {code: BB1, name: b, message: m, forbid: x}\n")
    run = session.prepare(packs=[tmp_path], plugins=False)
    assert {"AA1", "BB1"} <= {r.code for r in run.rules}


def test_a_section_scope_matching_a_heading_and_its_sub_heading_reports_once(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "dp.yaml"
    pack.write_text(
        "rules:\n"
        "  - code: X20\n"
        "    name: no-sharing-with-brokers\n"
        "    message: Do not say we share data with data brokers\n"
        "    forbid: 'data brokers?'\n"
        "    section: 'data protection'\n"
    )
    policy = tmp_path / "notice.md"
    policy.write_text(
        "# Privacy notice\n\n"
        "Last updated: 1 October 2026. Questions: privacy@example.org.\n\n"
        "## Data protection\n\n"
        "We look after the personal data you give us.\n\n"
        "### Data protection officer\n\n"
        "Our officer checks that we never pass records to data brokers.\n"
    )
    # Both headings match the scope; the sub-section is searched once, not once per match.
    assert lint(policy, pack, select=["X20"]) == [("X20", 11, 50)]
