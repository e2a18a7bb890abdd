"""``report.html``: one self-contained page (inline CSS and SVG, no script, no network).

Headline numbers first, then the charts (``plots``), then the tables they
are drawn from. Without matplotlib the page keeps the numbers and tables
and says how to get the charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from policylint.audit.summary import Summary

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;
max-width:68rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;font-size:1.2rem}
.muted{color:#666}.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1.2rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}figure{margin:1rem 0}figure svg{max-width:100%;
height:auto}figcaption{color:#555;font-size:.9rem}table{border-collapse:collapse;
margin:.5rem 0}td,th{padding:.25rem .7rem;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em}
.error{color:#c0392b}.warning{color:#a06800}.info{color:#0072b2}
"""


def render(summary: Summary, charts: dict[str, str | None] | None, about: str) -> str:
    """The page for ``summary``; ``charts`` by name (``rules``, ``ages``, ``languages``,
    ``jurisdictions``, ``timeline``), None when they could not be drawn; ``about`` says
    what was audited with what (plain text)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>policylint audit: {summary.notices:,} notices</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Privacy notice audit</h1>",
        f'<p class="muted">{escape(about)}</p>',
        _cards(summary),
    ]
    if charts is None:
        parts.append(
            "<p><b>No charts:</b> drawing them needs matplotlib "
            "(<code>pip install 'policylint[audit]'</code>).</p>"
        )
    else:
        parts += _charts(charts)
    parts += [_rules_table(summary), _languages_table(summary), "</body></html>\n"]
    return "\n".join(parts)


def _cards(summary: Summary) -> str:
    n = summary.notices
    median = summary.median_age_months()
    cards = [
        ("notices", f"{n:,}"),
        ("in all", _megabytes(summary.bytes)),
        ("with an error", _share(summary.with_severity["error"], n)),
        ("with a warning", _share(summary.with_severity["warning"], n)),
        ("give no last-updated date", _share(summary.undated, n)),
        ("median age of that date", "n/a" if median is None else _age(median)),
        ("languages", f"{len(summary.by_language)}"),
    ]
    inner = "".join(f"<div class=card><b>{escape(v)}</b>{escape(k)}</div>" for k, v in cards)
    return f"<div class=cards>{inner}</div>"


_CAPTIONS = {
    "rules": ("Findings", "Share of notices with each finding; colour is the severity."),
    "ages": ("Last-updated dates", "How long ago each notice says it was last updated."),
    "languages": ("By language", "Share of each language's notices with each finding."),
    "jurisdictions": (
        "By jurisdiction",
        "Share of the notices each law applies to with each finding "
        "(a notice may fall under several).",
    ),
    "timeline": (
        "Over time",
        "Share of each year's notices with each finding, by the date the path or "
        "front matter gives the copy; grey bars: notices per year.",
    ),
}


def _charts(charts: dict[str, str | None]) -> Iterable[str]:
    for name, (title, caption) in _CAPTIONS.items():
        svg = charts.get(name)
        if svg is None:
            continue
        yield f"<h2>{title}</h2><figure>{svg}<figcaption>{caption}</figcaption></figure>"


def _rules_table(summary: Summary) -> str:
    rows = []
    for code in summary.top_codes(len(summary.notices_with)):
        rule = summary.rules[code]
        severity = escape(rule.severity)
        rows.append(
            [
                _cell(f"<code>{escape(code)}</code>"),
                _cell(escape(rule.name)),
                _cell(f'<span class="{severity}">{severity}</span>'),
                _number(f"{summary.notices_with[code]:,}"),
                _number(_share(summary.notices_with[code], summary.notices)),
                _number(f"{summary.occurrences[code]:,}"),
            ]
        )
    head = ["code", "rule", "severity", "notices", "share", "findings"]
    return "<h2>Rules</h2>" + _table(head, rows, "No findings.")


def _languages_table(summary: Summary) -> str:
    rows = []
    for language, count in sorted(summary.by_language.items(), key=lambda kv: (-kv[1], kv[0])):
        found = summary.language_with[language]
        top = max(found, key=lambda c: (found[c], c), default=None)
        common = "" if top is None else f"<code>{escape(top)}</code> "
        common += "" if top is None else f"({_share(found[top], count)})"
        rows.append(
            [
                _cell(escape(language)),
                _number(f"{count:,}"),
                _number(_share(count, summary.notices)),
                _cell(common),
            ]
        )
    head = ["language", "notices", "share", "most common finding"]
    return "<h2>Languages</h2>" + _table(head, rows, "No notices.")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> str:
    if not rows:
        return f"<p>{empty}</p>"
    top = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def _cell(html: str) -> str:
    return f"<td>{html}</td>"


def _number(text: str) -> str:
    return f'<td class="n">{escape(text)}</td>'


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e5 else f"{n / 1e3:,.1f} KB"


def _age(months: int) -> str:
    return f"{months} months" if months < 24 else f"{months / 12:.1f} years"
