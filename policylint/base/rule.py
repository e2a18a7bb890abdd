"""A rule as data: its identity, documentation, defaults and check function.

A rule is a small module (see ``policylint/rules/``) with ``CODE``, ``NAME``,
``SEVERITY``, ``OPTIONS``, a docstring that is its published documentation and
a ``check(doc, ctx)`` generator; ``LANGUAGE_SPECIFIC = True`` marks a rule that
reads per-language wording, skipped on a notice in a language the packs do not
cover (PL907). ``Rule`` is that module's data in one value, so the core,
``policylint rules`` and the SARIF writer read rules the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from policylint.base.findings import Problem, Severity
from policylint.base.prefilter import LazyPattern

if TYPE_CHECKING:
    from policylint.parse.document import Document
    from policylint.rules.context import RuleContext

CheckFn = Callable[["Document", "RuleContext"], Iterable[Problem]]

CODE_PATTERN = LazyPattern(r"[A-Z]{1,8}[0-9]{1,4}")
NAME_PATTERN = LazyPattern(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class Rule(NamedTuple):
    """A rule's identity, documentation, defaults and check function."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: CheckFn | None = None
    options: Mapping[str, Any] = MappingProxyType({})
    origin: str = "policylint"
    url: str | None = None
    language_specific: bool = False
    """It reads wording of the notice's language: skipped when that is not covered."""
    check_options: Callable[[Mapping[str, Any]], str | None] | None = None
    """Says why option values of the right type still cannot be used (None: they can)."""

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation, cut at its first sentence when
        long (a pack rule's ``description`` is one paragraph)."""
        line = self.doc.strip().splitlines()[0] if self.doc.strip() else ""
        if len(line) > 100 and ". " in line:
            line = line.split(". ", 1)[0] + "."
        return line

    @classmethod
    def from_module(cls, module: ModuleType, origin: str = "policylint") -> Rule:
        """Build a Rule from a rule module's constants, docstring and ``check``."""
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=Severity.parse(module.SEVERITY),
            doc=module.__doc__ or "",
            check=module.check,
            options=dict(getattr(module, "OPTIONS", {})),
            origin=origin,
            language_specific=bool(getattr(module, "LANGUAGE_SPECIFIC", False)),
            check_options=getattr(module, "check_options", None),
        )
