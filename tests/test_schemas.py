"""The JSON Schemas in schemas/ agree with our own validation of configs and rule packs.

Editors validate with the schemas; policylint validates with config.py and
packs.py. Every example we ship (fixtures, built-in packs, README) must pass
both, and each mistake below must be rejected by both.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from policylint.base.rule import CODE_PATTERN, NAME_PATTERN
from policylint.engine import config, registry, selection, session
from policylint.engine.config import ConfigError
from policylint.packs import loader as packs
from policylint.packs import rule_specs
from policylint.packs.builtin import languages
from policylint.packs.loader import PackError
from tests.conftest import FIXTURES, ROOT, load_yaml

SCHEMAS = ROOT / "schemas"


def schema(name: str) -> jsonschema.Draft202012Validator:
    data = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return jsonschema.Draft202012Validator(data)


CONFIG = schema("policylint-config.schema.json")
PYPROJECT = schema("pyproject.schema.json")
PACK = schema("rule-pack.schema.json")


def readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


PACK_FILES = sorted([*(FIXTURES / "packs").glob("*.yaml"), *(ROOT / "rules").glob("*.yaml")])


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.name)
def test_every_pack_we_ship_validates(path: Path) -> None:
    data = load_yaml(path.read_text(encoding="utf-8"))
    # As an editor sees YAML: a date (`ended: 2020-07-16`) is a string.
    assert errors(PACK, json.loads(json.dumps(data, default=str))) == []


def test_readme_examples_validate(tmp_path: Path) -> None:
    pack_examples = [b for b in readme_blocks("yaml") if b.startswith(("rules:", "topics:"))]
    configs = [b for b in readme_blocks("toml") if "[tool.policylint]" in b]
    assert pack_examples and configs
    for block in pack_examples:
        assert errors(PACK, json.loads(json.dumps(load_yaml(block), default=str))) == []
        (tmp_path / "pack.yaml").write_text(block)
        assert packs.load([tmp_path / "pack.yaml"], {}, languages()).specs  # our loader agrees
    for block in configs:
        data = tomllib.loads(block)
        assert errors(PYPROJECT, data) == []
        assert errors(CONFIG, data["tool"]["policylint"]) == []
        (tmp_path / "pyproject.toml").write_text(block)
        acme = (FIXTURES / "packs" / "acme.yaml",)  # the README selects its ACME rules
        loaded = config.load(tmp_path / "pyproject.toml")._replace(rules=acme)
        assert selection.apply(registry.load_all(acme, plugins=False), loaded)


def test_pyproject_schema_embeds_the_config_schema() -> None:
    main = dict(CONFIG.schema)
    embedded = PYPROJECT.schema["properties"]["tool"]["properties"]["policylint"]
    assert embedded == {k: v for k, v in main.items() if k not in ("$schema", "$id", "title")}


def test_schema_knows_every_built_in_rule_option_and_the_code_shapes() -> None:
    for rule in registry.load_all(plugins=False):
        for key, default in rule.options.items():
            declared = CONFIG.schema["properties"][rule.name]["properties"][key]
            assert declared["type"] == {
                int: "integer",
                bool: "boolean",
                str: "string",
                list: "array",
            }.get(type(default), "number")
    fields = PACK.schema["$defs"]["rule"]["properties"]
    assert fields["code"]["pattern"] == f"^{CODE_PATTERN.pattern}$"
    assert fields["name"]["pattern"].replace("(-", "(?:-") == f"^{NAME_PATTERN.pattern}$"
    assert set(fields) == set(rule_specs.RULE_KEYS)
    options = {"last-updated-stale", "authority-helpline-missing"}
    assert set(CONFIG.schema["properties"]) - options == set(config.KEYS)


BAD_PACKS = [
    "rules:\n  - {code: x1, name: lower-code, message: m, require: a}\n",
    "rules:\n  - {code: X1, name: Bad_Name, message: m, require: a}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, severity: fatal}\n",
    "rules:\n  - {code: X1, name: x, message: m}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, forbid: b}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, unless: b}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, colour: red}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: {english: a}}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, when: {country: UK}}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, when: {jurisdiction: [4]}}\n",
    "rules:\n  - {code: X1, name: x, message: m, require: a, when: {language: English}}\n",
    "rules:\n  - {code: X1, name: x, message: m, forbid: ''}\n",
    "data: {}\nrules: []\n",
    "rule:\n  - {code: X1, name: x, message: m, require: a}\n",
]


@pytest.mark.parametrize("text", BAD_PACKS)
def test_what_the_loader_rejects_the_schema_rejects(text: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(PackError):
        packs.load([path], {}, languages())
    if not text.startswith("data:"):  # data: is allowed in the built-in packs only
        assert errors(PACK, load_yaml(text)) != []


BAD_CONFIGS = [
    "ignroe = ['PL101']\n",
    "fail-on = 'never'\n",
    "severity = { PL101 = 'fatal' }\n",
    "select = [1]\n",
    "language = 'English'\n",
    "jurisdiction = ['4']\n",
    "max-file-size = 'big'\n",
    "force-exclude = 'yes'\n",
    "per-file-ignores = ['PL101']\n",
    "baseline = ['a.json']\n",
]


@pytest.mark.parametrize("text", BAD_CONFIGS)
def test_what_config_loading_rejects_the_schema_rejects(text: str, tmp_path: Path) -> None:
    path = tmp_path / ".policylint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError):
        session.prepare(config_file=path, plugins=False)
    assert errors(CONFIG, tomllib.loads(text)) != []
