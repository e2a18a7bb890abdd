"""One notice's record in ``notices.jsonl``, and the parts it is made of.

A record is one JSON object per line, keys in this order::

    {"path": "sites/a/privacy.md", "size": 5120, "sha256": "9f2c...",
     "language": "en", "jurisdictions": ["UK"], "last_updated": "2024-05",
     "snapshot": "2019-03", "findings": [{"code": "PL102", "rule": "last-updated-stale",
     "severity": "warning", "line": 3, "column": 15, "end_line": 3, "end_column": 23,
     "message": "..."}]}

- ``path`` as given or found; ``size`` in bytes; ``sha256`` of the bytes
  (null when the file could not be read);
- ``language``, ``jurisdictions``, ``last_updated``: as ``policylint.api.Notice``;
- ``snapshot``: the date the archive gives the notice, from its path
  (``2019/``, ``2019-03``, ``20190315``, ``crawl-2019``: the last in the
  path, not inside a name such as ``v12019`` or ``9f2c2019ab``) or else its
  front matter (``snapshot``, ``captured``, ``crawled``, ``retrieved``,
  ``archived``, ``fetched``, ``date``), at the precision written; null when
  neither gives one. It is the time axis of the report.
- ``findings``: as ``check --format json`` gives them (1-based lines,
  columns in code points), without ``path`` and ``fix``.

What depends on the bytes alone (the ``result``: everything but ``path``,
``size``, ``sha256`` and the path's snapshot) is kept once per content, so
an archive's copies of one notice are linted once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from policylint.api import Notice

SNAPSHOT_KEYS = ("snapshot", "captured", "crawled", "retrieved", "archived", "fetched", "date")
"""Front matter keys that date a notice's copy in an archive, first found wins."""

# A year starts after a separator (not inside a name or hash: "9f2c2019ab"); a letter may
# follow it ("2019A", a half-year snapshot), a digit may not.
_PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<year>(?:19|20)[0-9]{2})"
    r"(?:(?P<sep>[-_./]?)(?P<month>0[1-9]|1[0-2])"
    r"(?:(?P=sep)(?P<day>0[1-9]|[12][0-9]|3[01]))?)?(?![0-9])"
)


def result(notice: Notice) -> str:
    """The JSON of what ``notice`` says that depends on its bytes alone."""
    findings = []
    for f in notice.findings:
        findings.append(
            {"code": f.code, "rule": f.rule, "severity": str(f.severity),
             "line": f.line, "column": f.column, "end_line": f.end_line,
             "end_column": f.end_column, "message": f.message}
        )  # fmt: skip
    return json.dumps(
        {
            "language": notice.language,
            "jurisdictions": list(notice.jurisdictions),
            "last_updated": notice.last_updated,
            "snapshot": front_matter_snapshot(notice.front_matter),
            "findings": findings,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def record(path: str, size: int, sha256: str | None, result_json: str) -> dict[str, Any]:
    """The ``notices.jsonl`` record of one notice, keys in the order above."""
    body: dict[str, Any] = json.loads(result_json)
    return {
        "path": path,
        "size": size,
        "sha256": sha256,
        "language": body["language"],
        "jurisdictions": body["jurisdictions"],
        "last_updated": body["last_updated"],
        "snapshot": path_snapshot(path) or body.get("snapshot"),
        "findings": body["findings"],
    }


def path_snapshot(path: str) -> str | None:
    """The last date in ``path`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as written:
    ``2019/``, ``2019-03``, ``2019_03_15``, ``20190315``), or None."""
    found = None
    for match in _PATH_DATE.finditer(path):
        found = match
    if found is None:
        return None
    year, month, day = found.group("year", "month", "day")
    if day is not None:
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return f"{year}-{month}"
    return f"{year}-{month}" if month is not None else year


def front_matter_snapshot(values: Mapping[str, Any]) -> str | None:
    """The first of ``SNAPSHOT_KEYS`` in the front matter that holds a date, ISO, or None."""
    for key in SNAPSHOT_KEYS:
        value = values.get(key)
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            found = path_snapshot(value.strip()[:10])
            if found is not None:
                return found
    return None
