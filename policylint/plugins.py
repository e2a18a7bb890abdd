"""Python rules from installed packages, through the ``policylint.rules`` entry points.

An entry point may name a rule module (``CODE``, ``NAME``, ``SEVERITY``,
``check``), a ``Rule``, or a list of either. Entry points load in sorted
order, so rule order never depends on install order. Nothing is ever loaded
from the repository being linted: only packages someone installed.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

from policylint.registry import Rule

GROUP = "policylint.rules"


class PluginError(Exception):
    """A plugin that could not be loaded, named with its package."""


def load() -> list[Rule]:
    """Rules from every installed plugin."""
    rules: list[Rule] = []
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        rules.extend(_load(entry))
    return rules


def _load(entry: EntryPoint) -> list[Rule]:
    package = entry.dist.name if entry.dist is not None else "unknown package"
    origin = f"plugin {entry.name} ({package})"
    try:
        obj = entry.load()
        items = obj if isinstance(obj, list | tuple) else [obj]
        return [_rule(item, origin) for item in items]
    except Exception as exc:  # any failure in third-party code is reported, not raised
        raise PluginError(
            f"plugin {entry.name!r} from {package} ({entry.value}) failed to load: "
            f"{type(exc).__name__}: {exc}"
        ) from None


def _rule(item: object, origin: str) -> Rule:
    if isinstance(item, Rule):
        return item
    if isinstance(item, ModuleType):
        return Rule.from_module(item, origin=origin)
    raise TypeError(f"expected a rule module or a Rule, got {type(item).__name__}")
