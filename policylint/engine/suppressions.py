"""Inline suppressions: HTML comments that silence a finding where it is deliberate.

HTML comments are invisible on the rendered page, so a notice can carry its
own exceptions next to the text they excuse::

    <!-- policylint-disable-next-line fee-claim-unsupported -->
    <!-- policylint-disable-line PL302 -->        (at the end of a line)
    <!-- policylint-disable PL101 PL102 --> ... <!-- policylint-enable -->
    <!-- policylint-disable-file authority-missing -->

Rules are named by code or name; none means all. A suppression that
silences nothing is itself reported (``PL904 unused-suppression``, info) so
stale ones get cleaned up. Comments inside code blocks are not suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policylint.base.findings import Finding, Problem
from policylint.base.messages import Message
from policylint.base.positions import Location, one_based
from policylint.base.prefilter import LazyPattern
from policylint.parse.comments import Comment

_DIRECTIVE = LazyPattern(
    r"<!--\s*policylint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    re.DOTALL,
)


class Suppression:
    """One directive: what it silences, over which lines, and whether it did.

    ``location`` is where the directive is written (0-based, as every position
    inside: ``policylint.base.positions``). ``first`` and ``last`` are the
    lines it covers, compared with ``Finding.line``, so they are 1-based (and
    inclusive) like it.
    """

    __slots__ = ("first", "kind", "last", "location", "rules", "text", "used")

    def __init__(
        self,
        kind: str,
        rules: frozenset[str],  # codes or names; empty means every rule
        first: int,  # 1-based lines, inclusive, as Finding.line
        last: int,
        location: Location,
        text: str,
    ):
        self.kind = kind
        self.rules = rules
        self.first = first
        self.last = last
        self.location = location
        self.text = text
        self.used = False

    def covers(self, finding: Finding) -> bool:
        """Whether this directive silences ``finding``."""
        named = not self.rules or finding.code in self.rules or finding.rule in self.rules
        return named and self.first <= finding.line <= self.last


def parse(comments: Sequence[Comment], line_count: int) -> list[Suppression]:
    """The suppressions in a document's comments, with the lines they cover."""
    found: list[Suppression] = []
    open_ranges: list[Suppression] = []
    end_of_file = max(line_count, 1)  # the last line, 1-based
    for comment in comments:
        for match in _DIRECTIVE.finditer(comment.text):
            before = comment.text[: match.start()]
            line = comment.line + before.count("\n")
            column = (
                comment.column + len(before)
                if "\n" not in before
                else len(before) - before.rindex("\n") - 1
            )
            kind = match.group(1)
            rules = frozenset(match.group(2).replace(",", " ").split())
            first_line = match.group(0).split("\n", 1)[0]
            location = Location(line, column, line, column + len(first_line))
            text = " ".join(match.group(0).split())
            # The lines covered are compared with findings' lines: 1-based, as those are.
            shown = one_based(line)
            shown_end = shown + match.group(0).count("\n")
            if kind == "enable":
                for item in open_ranges:
                    if not rules or item.rules <= rules:
                        item.last = shown
                open_ranges = [r for r in open_ranges if r.last == end_of_file]
                continue
            first, last = {
                "disable-next-line": (shown_end + 1, shown_end + 1),
                "disable-line": (shown, shown_end),
                "disable-file": (1, end_of_file),
                "disable": (shown, end_of_file),
            }[kind]
            item = Suppression(kind, rules, first, last, location, text)
            found.append(item)
            if kind == "disable":
                open_ranges.append(item)
    return found


def apply(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    active: frozenset[str],
    known: frozenset[str],
) -> tuple[list[Finding], list[Problem]]:
    """Findings that remain, and a Problem for each suppression that did nothing.

    ``active`` and ``known`` hold the codes and names of the rules that ran
    and of every rule. A suppression naming only known rules that did not
    run (deselected in the config) is not called unused: it may matter under
    another configuration. A name no rule has is always reported.
    """
    kept = []
    for finding in findings:
        hits = [s for s in suppressions if s.covers(finding)]
        for hit in hits:
            hit.used = True
        if not hits:
            kept.append(finding)
    unused = []
    for item in suppressions:
        unknown = sorted(item.rules - known)
        if unknown:
            names = ", ".join(unknown)
            message = Message(
                "'{comment}' names no known rule: {names}", comment=item.text, names=names
            )
            unused.append(Problem(item.location, message))
        elif not item.used and (not item.rules or item.rules & active):
            message = Message("unused suppression '{comment}': remove it", comment=item.text)
            unused.append(Problem(item.location, message))
    return kept, unused
