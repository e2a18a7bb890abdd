"""The rules: one module per built-in Python rule, the YAML rule engine, and
``context`` (what a rule may know besides the document).

Each rule module has ``CODE``, ``NAME``, ``SEVERITY``, ``OPTIONS``, a docstring
(its published documentation, ending with example lines ``Fires on: TEXT`` and
``Does not fire: TEXT`` that tests/test_examples.py lints) and ``check(doc, ctx)``.
Importing this package imports no rule: a run whose results are all cached
never needs one.
"""

from __future__ import annotations

import importlib
from types import ModuleType

NAMES = (
    "last_updated_missing",
    "last_updated_stale",
    "last_updated_invalid",
    "last_updated_not_bumped",
    "contact_missing",
    "authority_missing",
    "authority_helpline_missing",
    "authority_helpline_wrong",
    "fee_claim_unsupported",
)
"""The built-in rule modules, in code order."""


def modules() -> tuple[ModuleType, ...]:
    """The built-in rule modules, imported on first use, in code order."""
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in NAMES)
