"""Built-in Python rules, one module each; ``MODULES`` lists them in code order."""

from types import ModuleType

from policylint.rules import (
    authority_helpline_missing,
    authority_helpline_wrong,
    authority_missing,
    contact_missing,
    fee_claim_unsupported,
    last_updated_invalid,
    last_updated_missing,
    last_updated_stale,
)

MODULES: tuple[ModuleType, ...] = (
    last_updated_missing,
    last_updated_stale,
    last_updated_invalid,
    contact_missing,
    authority_missing,
    authority_helpline_missing,
    authority_helpline_wrong,
    fee_claim_unsupported,
)
