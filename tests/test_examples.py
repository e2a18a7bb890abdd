"""The examples in the rules' documentation run as tests, so `explain` never shows a wrong one.

A built-in Python rule's docstring gives its examples as lines
``Fires on: TEXT`` and ``Does not fire: TEXT``; a rule in a pack (built-in or
fixture) gives them as ``examples: {fires: TEXT, passes: TEXT}``. Each TEXT is
linted on its own as a whole notice, judged on 2026-11-22, and the rule must
report it (fires) or not (passes).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from policylint import rules as builtin
from policylint.base.rule import Rule
from policylint.engine import linter, registry
from policylint.packs import builtin as builtin_packs
from policylint.parse.source import decode
from policylint.rules.context import Settings
from tests.conftest import FIXTURES, load_yaml

TODAY = dt.date(2026, 11, 22)
EXAMPLE = re.compile(r"^(Fires on|Does not fire):[ \t]+(\S.*)$", re.MULTILINE)
PACKS = [*builtin_packs.builtin_pack_files(), *sorted((FIXTURES / "packs").glob("*.yaml"))]


BASE = re.compile(r"^Base:[ \t]+(\S.*)$", re.MULTILINE)


def docstring_examples() -> list[tuple[str, str, bool]]:
    """(rule code, example text, fires?) from every built-in rule module's docstring."""
    return [
        (module.CODE, text.strip(), label == "Fires on")
        for module in builtin.modules()
        for label, text in EXAMPLE.findall(module.__doc__ or "")
    ]


def base_of(code: str) -> str | None:
    """The ``Base:`` text of a rule that compares with a base version (PL104), if any."""
    module = next(m for m in builtin.modules() if code == m.CODE)
    found = BASE.search(module.__doc__ or "")
    return found.group(1).strip() if found else None


def pack_examples() -> list[tuple[Path, str, str, bool]]:
    """(pack, rule code, example text, fires?) from every pack rule with ``examples:``."""
    found = []
    for pack in PACKS:
        data = load_yaml(pack.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            for kind, text in (rule.get("examples") or {}).items():
                found.append((pack, rule["code"], str(text).strip(), kind == "fires"))
    return found


def codes(text: str, rules: Sequence[Rule], base: str | None = None) -> set[str]:
    """The codes of the findings for ``text`` linted as a whole notice (compared with
    ``base`` as its version at HEAD when given)."""
    source = decode("example.md", text.encode("utf-8"))
    settings = Settings(today=TODAY)
    if base is not None:
        settings = settings._replace(diff_base="HEAD", base_texts={"example.md": base.encode()})
    return {f.code for f in linter.lint_source(source, rules, settings)}


def test_every_built_in_rule_documents_an_example_of_each_kind() -> None:
    found = {(code, fires) for code, _, fires in docstring_examples()}
    every = {module.CODE for module in builtin.modules()}
    assert found == {(code, fires) for code in every for fires in (True, False)}


def test_the_fixture_packs_carry_examples() -> None:
    # The pack test below must not pass by having nothing to check.
    assert {code for _, code, _, _ in pack_examples()} >= {
        "ACME001",
        "ACME002",
        "ACME010",
        "ACME012",
    }


@pytest.mark.parametrize(("code", "text", "fires"), docstring_examples())
def test_docstring_example(code: str, text: str, fires: bool) -> None:
    assert (code in codes(text, registry.builtin_rules(), base_of(code))) is fires


@pytest.mark.parametrize(
    ("pack", "code", "text", "fires"),
    pack_examples(),
    ids=lambda value: value.name if isinstance(value, Path) else None,
)
def test_pack_example(pack: Path, code: str, text: str, fires: bool) -> None:
    packs = [] if pack in builtin_packs.builtin_pack_files() else [pack]
    rules = registry.load_all(packs, plugins=False)
    assert (code in codes(text, rules)) is fires
