"""Python rules from installed packages, through the ``policylint.rules`` entry points.

An entry point may name a rule module (``CODE``, ``NAME``, ``SEVERITY``,
``check``), a ``Rule``, or a list of either. Entry points load in sorted
order, so rule order never depends on install order. Nothing is ever loaded
from the repository being linted: only packages someone installed.

Distributions are looked up on ``sys.path`` without the working directory:
``python -m policylint`` puts the linted repository first on the path, and a
``*.dist-info`` folder committed there must not become code that runs.

Asking ``importlib.metadata`` scans every installed distribution (about
25 ms per start), so the list of entry points is kept in the start-up cache,
keyed by the modification times of the folders searched: installing or
removing a package changes its folder and so the key.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import NamedTuple

from policylint.base.rule import Rule

GROUP = "policylint.rules"


class PluginError(Exception):
    """A plugin that could not be loaded, named with its package."""


class Plugin(NamedTuple):
    """An entry point: its name, ``module:attribute`` value and distribution."""

    name: str
    value: str
    package: str


def search_path() -> list[str]:
    """``sys.path`` without the working directory (the repository being linted)."""
    here = os.getcwd()
    return [p for p in sys.path if p and os.path.isdir(p) and os.path.abspath(p) != here]


def discover() -> list[Plugin]:
    """The installed entry points of the group, sorted by name."""
    from policylint.base import cache

    folders = search_path()
    layout = cache.short_name("\0".join(folders))
    key = cache.stamp(f"{path}={os.stat(path).st_mtime_ns}" for path in folders)
    cached = cache.load(f"plugins-{layout}", key)
    if isinstance(cached, list):
        return [Plugin(*item) for item in cached]
    from importlib.metadata import distributions

    found = sorted(
        {
            Plugin(point.name, point.value, dist.metadata["Name"] or "unknown package")
            for dist in distributions(path=folders)
            for point in dist.entry_points.select(group=GROUP)
        },
        key=lambda p: (p.name, p.package),
    )
    cache.store(f"plugins-{layout}", key, [list(p) for p in found])
    return found


def load() -> list[Rule]:
    """Rules from every installed plugin."""
    rules: list[Rule] = []
    for plugin in discover():
        rules.extend(_load(plugin))
    return rules


def _load(plugin: Plugin) -> list[Rule]:
    origin = f"plugin {plugin.name} ({plugin.package})"
    try:
        module_name, _, attribute = plugin.value.partition(":")
        obj: object = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            obj = getattr(obj, part)
        items = obj if isinstance(obj, list | tuple) else [obj]
        return [_rule(item, origin) for item in items]
    except Exception as exc:  # any failure in third-party code is reported, not raised
        raise PluginError(
            f"plugin {plugin.name!r} from {plugin.package} ({plugin.value}) failed to load: "
            f"{type(exc).__name__}: {exc}"
        ) from None


def _rule(item: object, origin: str) -> Rule:
    if isinstance(item, Rule):
        return item
    if isinstance(item, ModuleType):
        return Rule.from_module(item, origin=origin)
    raise TypeError(f"expected a rule module or a Rule, got {type(item).__name__}")
