"""The numbers behind the report, counted in one pass over the records.

Only counts are kept (by rule, language, jurisdiction, period, age in
months), never the records, so memory does not grow with the archive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

NO_LANGUAGE = "none"
"""The language column of notices without text (empty, not decoded)."""
NO_JURISDICTION = "none"
"""The jurisdiction column of notices no law was found to apply to."""


@dataclass
class RuleInfo:
    """What the report shows of a rule besides its counts."""

    name: str
    severity: str


@dataclass
class Summary:
    """Counts over an audit's records; ``add`` each record, then read the fields."""

    today: dt.date
    notices: int = 0
    bytes: int = 0
    with_severity: Counter[str] = field(default_factory=Counter)
    """Notices with at least one finding of each severity."""
    notices_with: Counter[str] = field(default_factory=Counter)
    """Notices with at least one finding of each rule code."""
    occurrences: Counter[str] = field(default_factory=Counter)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    ages: Counter[int] = field(default_factory=Counter)
    """Notices by the age of their last-updated date, in whole months (negative: future)."""
    undated: int = 0
    by_language: Counter[str] = field(default_factory=Counter)
    language_with: defaultdict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    by_jurisdiction: Counter[str] = field(default_factory=Counter)
    jurisdiction_with: defaultdict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    by_period: Counter[str] = field(default_factory=Counter)
    """Notices by snapshot year (``2019``)."""
    period_with: defaultdict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )

    def add(self, record: dict[str, Any]) -> None:
        """Count one record (the dict of a ``notices.jsonl`` line)."""
        self.notices += 1
        self.bytes += record["size"]
        found = record["findings"]
        codes = set()
        severities = set()
        for finding in found:
            code = finding["code"]
            codes.add(code)
            severities.add(finding["severity"])
            self.occurrences[code] += 1
            if code not in self.rules:
                self.rules[code] = RuleInfo(finding["rule"], finding["severity"])
        self.with_severity.update(severities)
        self.notices_with.update(codes)
        language = record["language"] or NO_LANGUAGE
        self.by_language[language] += 1
        self.language_with[language].update(codes)
        for jurisdiction in record["jurisdictions"] or [NO_JURISDICTION]:
            self.by_jurisdiction[jurisdiction] += 1
            self.jurisdiction_with[jurisdiction].update(codes)
        written = record["last_updated"]
        if written:
            self.ages[_months_between(written, self.today)] += 1
        else:
            self.undated += 1
        snapshot = record.get("snapshot")
        if snapshot:
            period = snapshot[:4]
            self.by_period[period] += 1
            self.period_with[period].update(codes)

    def share(self, code: str) -> float:
        """The share of notices with a finding of ``code`` (0 to 1)."""
        return self.notices_with[code] / self.notices if self.notices else 0.0

    def top_codes(self, n: int) -> list[str]:
        """The ``n`` codes found in most notices, most first (then by code)."""
        ranked = sorted(self.notices_with, key=lambda c: (-self.notices_with[c], c))
        return ranked[:n]

    def median_age_months(self) -> int | None:
        """The median age of the dated notices' last-updated dates, in months."""
        dated = sum(self.ages.values())
        if not dated:
            return None
        seen = 0
        for months in sorted(self.ages):
            seen += self.ages[months]
            if seen * 2 >= dated:
                return months
        return None  # not reached


def _months_between(written: str, today: dt.date) -> int:
    """Whole months from the date ``written`` (``2024``, ``2024-05``, ``2024-05-03``; the
    first day it can mean) to ``today``."""
    year = int(written[:4])
    month = int(written[5:7]) if len(written) >= 7 else 1
    day = int(written[8:10]) if len(written) >= 10 else 1
    months = (today.year - year) * 12 + today.month - month
    return months - 1 if today.day < day else months
