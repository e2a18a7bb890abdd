"""The built-in packs' data: validated like rules (file:line), in the one regex dialect (RE2)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policylint.packs import builtin, loader, shape
from policylint.packs.builtin import load_data
from policylint.packs.compiling import source
from policylint.packs.loader import PackError
from policylint.packs.patterns import compile_user
from tests.conftest import ROOT, load_yaml

RULES = ROOT / "rules"


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of rules/ with the first ``old`` of ``name`` replaced; the 1-based line of it."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    text = (target / name).read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    (target / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return target, line


def error(folder: Path) -> str:
    with pytest.raises(PackError) as caught:
        load_data(sorted(folder.glob("*.yaml")))
    return str(caught.value)


def test_a_renamed_key_names_the_file_the_line_and_the_key_meant(tmp_path: Path) -> None:
    folder, line = copy_with(tmp_path, "authorities.yaml", "  helplines:", "  helpline:")
    assert error(folder) == (
        f"{folder / 'authorities.yaml'}:{line}: unknown key 'helpline' in authority"
        " (did you mean 'helplines'?)"
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        # A missing key is reported at the mapping that lacks it.
        ("authorities.yaml", "      names: ['\\bAEPD\\b',", "      # names: ['\\bAEPD\\b',",
         "missing key 'names' in authority"),
        ("fees.yaml", "    default: the GDPR", "    # default: the GDPR",
         "missing key 'default' in fee-laws"),
        ("jurisdictions.yaml", "language: {nl: 2}", "language: [nl, 2]",
         "'language' must be a mapping"),
        ("dates.yaml", "        - 'versiedatum'", "        - 2024",
         "'labels: nl' must hold patterns (non-empty strings), not 2024"),
        ("authorities.yaml", "  complaint-words:\n    en:", "  complaint-words:\n    xx:",
         "unknown language 'xx' in 'complaint-words' (known: da, de, en, es, fr, it, nl, pl,"
         " pt, sv)"),
        ("dates.yaml", "        - 'versiedatum'", "        - '(?<!x)versiedatum'",
         "invalid pattern in 'labels: nl': invalid perl operator: (?<! (RE2 syntax: no"
         " look-around, no backreferences)"),
        ("dates.yaml", "    label-reach: 60", "    label-reach: sixty",
         "'label-reach' must be a whole number, not 'sixty'"),
        ("languages.yaml", "by, 'on', us", "by, on, us",
         "'words' must hold strings, not True (quote it)"),
        ("authorities.yaml", "unless-after: 'australian\\s'", "unless-afer: 'australian\\s'",
         "unknown key 'unless-afer' in pattern entry (did you mean 'unless-after'?)"),
        ("jurisdictions.yaml", "      UK:\n        patterns:", "      UJ:\n        patterns:",
         "unknown jurisdiction 'UJ' in 'evidence'"),
    ],
)  # fmt: skip
def test_data_mistakes_are_pack_errors_with_file_and_line(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    folder, line = copy_with(tmp_path, name, old, new)
    found = error(folder)
    where, _, said = found.partition(": ")
    assert said.startswith(message)
    path, _, at = where.rpartition(":")
    assert path == str(folder / name)
    # The line of the key, of its mapping ("missing"), or of the list that holds the item.
    assert int(at) in range(line - 30, line + 2)
    if "unknown key" in message or "must be a whole number" in message:
        assert int(at) == line


def test_a_data_mistake_stops_the_command_line_with_exit_2(tmp_path: Path) -> None:
    folder, line = copy_with(tmp_path, "authorities.yaml", "  helplines:", "  helpline:")
    (tmp_path / "notice.md").write_text("# Privacy notice\n\nComplain to the ICO.\n")
    env = {
        **os.environ,
        builtin.DIR_ENV: str(folder),
        "POLICYLINT_CACHE_DIR": str(tmp_path / "cache"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "policylint", "check", str(tmp_path / "notice.md")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert run.stderr == (
        f"policylint: error: {folder / 'authorities.yaml'}:{line}: unknown key 'helpline'"
        " in authority (did you mean 'helplines'?)\n"
    )


def patterns_of(value: Any, shape_of: Any) -> list[Any]:
    """Every pattern entry in ``value`` where ``shape_of`` declares one."""
    if isinstance(shape_of, shape.Fields):
        fields = {**shape_of.required, **shape_of.optional}
        return [p for key, item in value.items() for p in patterns_of(item, fields[key])]
    if isinstance(shape_of, shape.MapOf):
        return [p for item in value.values() for p in patterns_of(item, shape_of.value)]
    if isinstance(shape_of, shape.ListOf):
        return [p for item in value for p in patterns_of(item, shape_of.item)]
    if isinstance(shape_of, shape.Pair):
        return [*patterns_of(value[0], shape_of.first), *patterns_of(value[1], shape_of.second)]
    return [value] if shape_of == shape.PATTERN else []


BUILT_IN = patterns_of(load_data(sorted(RULES.glob("*.yaml"))), shape.DATA)


def test_every_built_in_pattern_is_re2_and_any_can_go_into_a_user_pack(tmp_path: Path) -> None:
    assert len(BUILT_IN) > 300
    parts = [
        p for entry in BUILT_IN for p in ([entry] if isinstance(entry, str) else entry.values())
    ]
    for pattern in parts:
        compile_user(pattern)  # raises PatternError otherwise
    assert not any(re.search(r"\(\?<?[=!]", p) for p in parts)  # no look-around left
    fees = next(p for p in parts if p.startswith("(?:\\bfor\\s+)?"))  # the longest rewrite
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - code: ACME900\n    name: fee-phrase\n    message: m\n"
        f"    forbid: {json.dumps(fees)}\n",
        encoding="utf-8",
    )
    [(_, _, spec)] = loader.load([pack], {}, builtin.languages()).specs
    assert spec["forbid"] == fees
    assert compile_user(fees).search("we ask a small fee for it").group(0) == "a small fee"


def test_pattern_entries_compile_to_look_arounds_for_re() -> None:
    entry = {"pattern": r"\bfree\b", "unless-after": "feel ", "unless-before": "dom"}
    assert source(entry) == r"(?<!feel )(?:\bfree\b)(?!dom)"
    compiled = re.compile(source(entry), re.IGNORECASE)
    assert [bool(compiled.search(t)) for t in ("free", "feel free", "freedom")] == [1, 0, 0]


def _entries(value: Any) -> list[dict[str, Any]]:
    """Every ``{pattern, unless-after, unless-before}`` mapping in a pack's data."""
    if isinstance(value, dict):
        if isinstance(value.get("pattern"), str) and set(value) <= set(shape.PATTERN_ENTRY_KEYS):
            return [value]
        return [e for inner in value.values() for e in _entries(inner)]
    if isinstance(value, list):
        return [e for inner in value for e in _entries(inner)]
    return []


def test_every_pattern_entry_of_the_shipped_data_compiles_on_re() -> None:
    """An ``unless-after`` becomes a look-behind, which ``re`` allows at one width only:
    compiled lazily, a bad one would only fail on the first notice that needs it."""
    entries = [
        e
        for path in sorted(RULES.glob("*.yaml"))
        for e in _entries((load_yaml(path.read_text(encoding="utf-8")) or {}).get("data"))
    ]
    assert len(entries) > 5
    for entry in entries:
        re.compile(source(entry), re.IGNORECASE)


def test_the_schema_data_part_is_generated_from_the_declared_shape() -> None:
    schema = json.loads((ROOT / "schemas" / "rule-pack.schema.json").read_text(encoding="utf-8"))
    declared = dict(schema["properties"]["data"])
    declared.pop("description")
    assert declared == shape.json_schema()
    entry = schema["$defs"]["data-pattern"]["anyOf"][1]
    assert list(entry["properties"]) == list(shape.PATTERN_ENTRY_KEYS)


def declared_keys(shape_of: Any) -> set[str]:
    if isinstance(shape_of, shape.Fields):
        fields = {**shape_of.required, **shape_of.optional}
        return set(fields).union(*(declared_keys(v) for v in fields.values()))
    if isinstance(shape_of, shape.MapOf):
        return declared_keys(shape_of.value)
    if isinstance(shape_of, shape.ListOf):
        return declared_keys(shape_of.item)
    if isinstance(shape_of, shape.Pair):
        return declared_keys(shape_of.first) | declared_keys(shape_of.second)
    return set()


def test_every_key_the_code_reads_is_declared_and_every_declared_key_is_read() -> None:
    code = "".join(
        (ROOT / "policylint" / "packs" / name).read_text(encoding="utf-8")
        for name in ("compiling.py", "obfuscation.py")
    )
    read = set(
        re.findall(r"""(?:[\w\]]\[|get\(|_every_language\(data, )["']([a-z][a-z-]*)["']""", code)
    )
    assert read == declared_keys(shape.DATA) | set(shape.PATTERN_ENTRY_KEYS)


def test_no_quoted_pattern_runs_over_a_line_break() -> None:
    """YAML folds a line break inside a quoted scalar into a space: a pattern written
    over two lines ("[^.", then "]{0,60}") silently became "[^. ]". Every quoted
    scalar of the shipped packs stays on one line."""
    import yaml

    found = []
    for path in sorted(RULES.glob("*.yaml")):
        found += [
            f"{path.name}:{token.start_mark.line + 1}"
            for token in yaml.scan(path.read_text(encoding="utf-8"))
            if isinstance(token, yaml.ScalarToken)
            and token.style in ("'", '"')
            and token.start_mark.line != token.end_mark.line
        ]
    assert found == []


def test_every_pattern_of_the_date_pack_compiles_on_re() -> None:
    """The date pack's patterns run on ``re`` as written (no RE2 translation): a ``\\p{L}``
    there crashed PL101-PL103 on every German notice with a date."""

    def strings(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    patterns = strings(load_yaml((RULES / "dates.yaml").read_text(encoding="utf-8")))
    assert len(patterns) > 100
    for pattern in patterns:
        re.compile(pattern, re.IGNORECASE)  # raises re.error on a bad one
