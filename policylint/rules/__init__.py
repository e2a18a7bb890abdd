"""Built-in Python rules, one module each; ``MODULES`` lists them in code order."""

from types import ModuleType

MODULES: tuple[ModuleType, ...] = ()
