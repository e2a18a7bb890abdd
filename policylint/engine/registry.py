"""Every rule a run knows: the core's own findings, the built-in Python rules,
the rules of the packs, and plugins' rules, checked for clashing codes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policylint.base.findings import Severity
from policylint.base.rule import CODE_PATTERN, NAME_PATTERN, Rule

# Findings the core itself makes, listed so `rules` and `explain` know them.
FILE_UNREADABLE = Rule(
    "PL901",
    "file-unreadable",
    Severity.ERROR,
    """The file could not be read as text.

policylint reads UTF-8 (with or without a byte-order mark) and UTF-16 with a
byte-order mark. A file in another encoding, a binary file or a file that
cannot be opened is reported once, at line 1, and the run goes on with the
other files. Fix it by saving the file as UTF-8.
""",
)
RULE_CRASHED = Rule(
    "PL902",
    "rule-crashed",
    Severity.ERROR,
    """A rule failed with an internal error on this file.

This is a bug in policylint or in a plugin, not in your file: the other rules
still ran. Please report it with the message and, if you can, the file.
""",
)
FRONT_MATTER_INVALID = Rule(
    "PL903",
    "front-matter-invalid",
    Severity.ERROR,
    """The front matter at the top of the file is not valid YAML (or, in ``+++``, TOML).

Its metadata (a ``last_updated`` date, ``lang``, ``jurisdiction``) cannot be
read; the body of the document is still linted.
""",
)
UNUSED_SUPPRESSION = Rule(
    "PL904",
    "unused-suppression",
    Severity.INFO,
    """An inline suppression comment silences nothing, or names no known rule.

A ``<!-- policylint-disable... -->`` comment whose finding has been fixed
hides nothing and misleads the next reader; one that names a rule that does
not exist silences nothing at all. Remove it, or correct the rule name.
""",
)
FILE_EMPTY = Rule(
    "PL905",
    "file-empty",
    Severity.WARNING,
    """The file has no text to lint: it is empty, blank, or only front matter.

An empty notice is usually a mistake (a failed export, a stub); a page whose
text comes from a template include has nothing for policylint to read. The
content rules are not run on it, so it cannot pass or fail them silently.
""",
)
FILE_TOO_LARGE = Rule(
    "PL906",
    "file-too-large",
    Severity.WARNING,
    """The file is larger than ``max-file-size`` and was not linted.

A pre-commit hook must never stall a commit, so the work per file is bounded:
files above the limit (default 20 MB, far above any real notice) are
reported and skipped. Raise the limit with ``max-file-size`` in the config or
``--max-file-size``.
""",
)
LANGUAGE_UNSUPPORTED = Rule(
    "PL907",
    "language-unsupported",
    Severity.INFO,
    """The notice is in a language the built-in rules do not cover yet.

Rules that read wording ("Last updated", fee claims, "contact form", "a
supervisory authority") know the languages the built-in packs have phrases
for. On a notice in another language they would see nothing, or read it as
the wrong language, so they are skipped and this one finding, at the title,
names the language and the rules skipped. Rules that do not depend on the
language (a regulator's helpline number, your own YAML rules) still run.
The language comes from ``--language``, front matter ``lang:``, or the text;
set ``lang:`` if it was detected wrongly.
""",
)
BASELINE_ENTRY_FIXED = Rule(
    "PL908",
    "baseline-entry-fixed",
    Severity.INFO,
    """An entry of the baseline file hides fewer findings than its count: they were fixed.

A baseline (``--baseline FILE`` or the config key ``baseline``) hides the
findings recorded in it. Once one is fixed, its entry would hide the next
finding of the same rule in the same sentence, so it is reported, at line 1
of the file it names, with the rule and the sentence. An entry of a file that
no longer exists (deleted or renamed) would hide the findings of a new file at
that path, so it is reported at its line of the baseline file. Remove the
entry, or lower its count, or rewrite the file with ``--write-baseline FILE``
(which drops the entries of files that no longer exist). Entries of files that
exist but were not checked in this run are not reported.
""",
)
CORE_RULES = (
    FILE_UNREADABLE, RULE_CRASHED, FRONT_MATTER_INVALID, UNUSED_SUPPRESSION, FILE_EMPTY,
    FILE_TOO_LARGE, LANGUAGE_UNSUPPORTED, BASELINE_ENTRY_FIXED,
)  # fmt: skip


def builtin_rules() -> list[Rule]:
    """The Python rules that ship with policylint, core findings first."""
    from policylint import rules

    return [*CORE_RULES, *(Rule.from_module(module) for module in rules.modules())]


def load_all(packs: Sequence[Path] = (), *, plugins: bool = True) -> list[Rule]:
    """Every rule: built-in, the rules of the built-in and given packs, plugins.

    Raises PackError or PluginError (or ValueError for a plugin rule with a
    bad or duplicate code) with a message naming where the problem is.
    """
    from policylint.engine import plugins as entry_points
    from policylint.packs import builtin
    from policylint.packs import loader as packfiles
    from policylint.packs.topics import build_all
    from policylint.rules import yaml_rules

    rules = builtin_rules()
    taken = {key: f"built-in rule {r.code} {r.name}" for r in rules for key in (r.code, r.name)}
    topic_specs = builtin.builtin_topic_specs()
    topics = build_all(topic_specs, trusted=True)
    built: list[tuple[str, int, dict[str, object], bool]] = []  # ..., built-in?
    for path, line, spec in builtin.builtin_rule_specs():
        for key in ("code", "name"):
            if spec[key] in taken:  # a built-in pack clashing with a Python rule: our bug
                raise ValueError(f"{path}:{line}: duplicate rule {key} {spec[key]!r}")
        built.append((path, line, spec, True))
        taken |= {spec["code"]: f"{path}:{line}", spec["name"]: f"{path}:{line}"}
    if packs:
        known = {name: "a built-in topic" for name in topic_specs}
        found = packfiles.load(pack_files(packs), taken, builtin.languages(), topics=known)
        topics.update(build_all(found.topics))
        built += [(path, line, spec, False) for path, line, spec in found.specs]
    rules += [
        yaml_rules.build(spec, path, line, topics, trusted=trusted)
        for path, line, spec, trusted in built
    ]
    if plugins:
        seen = {r.code for r in rules} | {r.name for r in rules}
        for rule in entry_points.load():
            if not CODE_PATTERN.fullmatch(rule.code) or not NAME_PATTERN.fullmatch(rule.name):
                raise ValueError(f"{rule.origin}: bad rule code or name {rule.code} {rule.name}")
            if rule.code in seen or rule.name in seen:
                raise ValueError(f"{rule.origin}: duplicate rule {rule.code} {rule.name}")
            seen |= {rule.code, rule.name}
            rules.append(rule)
    return rules


def pack_files(paths: Sequence[Path]) -> list[Path]:
    """Pack files from paths: a folder contributes its *.yaml and *.yml files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        else:
            files.append(path)
    return files
