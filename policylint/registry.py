"""The rules policylint knows: their metadata and the function that checks.

A rule is a small module (see ``policylint/rules/``) with ``CODE``, ``NAME``,
``SEVERITY``, ``OPTIONS``, a docstring that is its published documentation and
a ``check(doc, ctx)`` generator. ``Rule`` is that module's data in one value,
so the core, ``policylint rules`` and the SARIF writer read rules the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from policylint.findings import Problem, Severity

if TYPE_CHECKING:
    from policylint.context import RuleContext
    from policylint.document import Document

CheckFn = Callable[["Document", "RuleContext"], Iterable[Problem]]

CODE_PATTERN = re.compile(r"[A-Z]{1,8}[0-9]{1,4}")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Rule:
    """A rule's identity, documentation, defaults and check function."""

    code: str
    name: str
    severity: Severity
    doc: str
    check: CheckFn | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    origin: str = "policylint"
    url: str | None = None

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

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
        )


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
    """The front matter at the top of the file is not valid YAML.

Its metadata (a ``last_updated`` date, ``lang``, ``jurisdiction``) cannot be
read; the body of the document is still linted.
""",
)
CORE_RULES = (FILE_UNREADABLE, RULE_CRASHED, FRONT_MATTER_INVALID)


def builtin_rules() -> list[Rule]:
    """The rules that ship with policylint, core findings first."""
    from policylint.rules import MODULES

    return [*CORE_RULES, *(Rule.from_module(module) for module in MODULES)]
