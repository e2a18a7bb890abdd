"""The configuration applied to the rules: which run, at what severity, with which options.

``apply`` and ``per_file_ignores`` read a checked ``Config`` (``engine/config``)
and the rules the run knows; a selector (a code, a code prefix or a rule
name) that matches no rule, or an option a rule does not declare, is a
``ConfigError`` blaming the flag or the config key that said it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policylint.base.findings import Severity
from policylint.base.rule import Rule
from policylint.engine.config import Config, ConfigError, hint


def _selectors(rules: Sequence[Rule], config: Config) -> Any:
    """``matching(selector, key)``: the rules a code, prefix or name selects, or a ConfigError."""
    index = {r.code: r for r in rules} | {r.name: r for r in rules}

    def matching(selector: str, key: str) -> list[Rule]:
        if selector in index:
            return [index[selector]]
        found = [r for r in rules if r.code.startswith(selector)]
        if not found:
            where = config.where(key, selector)
            raise ConfigError(f"{where}: unknown rule {selector!r}{hint(selector, index)}")
        return found

    return matching


def per_file_ignores(rules: Sequence[Rule], config: Config) -> dict[str, frozenset[str]]:
    """``per-file-ignores`` as pattern -> rule codes (every selector must name a rule)."""
    matching = _selectors(rules, config)
    return {
        pattern: frozenset(r.code for s in selectors for r in matching(s, "per_file_ignores"))
        for pattern, selectors in config.per_file_ignores.items()
    }


def apply(rules: Sequence[Rule], config: Config) -> list[Rule]:
    """The rules to run: selected, not ignored, with severities and options set.

    Every rule named in the config or on the command line must exist (the
    error names which one said it); options must be ones the rule declares,
    of the same type as its default.
    """
    matching = _selectors(rules, config)
    chosen = None
    if config.select is not None or config.extend_select:
        picked = [(s, "select") for s in config.select or ()]
        picked += [(s, "extend_select") for s in config.extend_select]
        every = config.select is None  # extend-select on top of the default: every rule
        chosen = None if every else {r.code for s, key in picked for r in matching(s, key)}
        if every:
            _ = [matching(s, key) for s, key in picked]  # still check the names
    ignored = {r.code for s in config.ignore for r in matching(s, "ignore")}
    ignored |= {r.code for s in config.not_applicable for r in matching(s, "not_applicable")}
    levels = {
        r.code: Severity.parse(v)
        for s, v in config.severity.items()
        for r in matching(s, "severity")
    }
    options: dict[str, dict[str, Any]] = {}
    for selector, values in config.options.items():
        found = matching(selector, selector)
        where = config.where(selector)
        if len(found) > 1:  # a prefix: whose options would these be?
            codes = ", ".join(r.code for r in found)
            raise ConfigError(f"{where}: options are for one rule; {selector!r} selects {codes}")
        rule = found[0]
        for key, value in values.items():
            if key not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(f"{where}: {rule.name} has no option {key!r} (options: {known})")
            default = rule.options[key]
            if type(value) is not type(default):
                raise ConfigError(
                    f"{where}: {rule.name}.{key} must be {type(default).__name__}, not {value!r}"
                )
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {rule.name}.{key} must be a list of strings")
            options.setdefault(rule.code, {})[key] = value
        if rule.check_options is not None and rule.code in options:
            problem = rule.check_options({**rule.options, **options[rule.code]})
            if problem:
                raise ConfigError(f"{where}: {rule.name}.{problem}")
    _ = per_file_ignores(rules, config)  # checked with the rest, used after linting
    active = []
    for rule in rules:
        # Core findings (an unreadable file...) are never dropped by ``select``.
        deselected = chosen is not None and rule.code not in chosen and rule.check is not None
        if deselected or rule.code in ignored:
            continue
        changes: dict[str, Any] = {}
        if rule.code in levels:
            changes["severity"] = levels[rule.code]
        if rule.code in options:
            changes["options"] = {**rule.options, **options[rule.code]}
        active.append(rule._replace(**changes) if changes else rule)
    return active
