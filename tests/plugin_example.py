"""A third-party rule, as a plugin package would ship it: every notice needs a DPO.

Fires on:      a notice that never mentions a data protection officer
Does not fire: Our data protection officer is Jane Doe.
"""

from __future__ import annotations

from collections.abc import Iterator

from policylint.base.findings import Problem
from policylint.parse.document import Document
from policylint.rules.context import RuleContext, document_location

CODE, NAME, SEVERITY = "EXT001", "dpo-named", "warning"
OPTIONS: dict[str, object] = {}


def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    """Report at the title when no block mentions a data protection officer."""
    if not any("data protection officer" in b.text.lower() for b in doc.blocks):
        yield Problem(document_location(doc), "Name the data protection officer")
