"""The report's charts, drawn by matplotlib as inline SVG.

Each function takes a ``Summary`` and returns an ``<svg>`` element as text,
or None when there is nothing to draw. Text is drawn as paths (no font is
needed to view it) and ids are salted with a fixed string, so the same
counts always give the same bytes. matplotlib is imported here only, when
a report is drawn (``pip install 'policylint[audit]'``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from policylint.audit.summary import Summary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#e69f00", "info": "#0072b2"}
_STYLE: dict[str, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "policylint-audit",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(
    width: float, height: float, draw: Callable[[Figure], None], labels: Sequence[str] = ()
) -> str:
    """Draw on a ``width`` x ``height`` inch figure; the left margin fits ``labels`` (the
    y-axis labels). Margins are set, not solved for: matplotlib's layout engines cost
    more than the drawing."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(width, height))
        left = (0.6 + 0.068 * max((len(label) for label in labels), default=4)) / width
        figure.subplots_adjust(left=left, right=0.97, top=1 - 0.35 / height,
                               bottom=0.62 / height)  # fmt: skip
        draw(figure)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg") :]


def rules(summary: Summary, limit: int = 20) -> str | None:
    """Horizontal bars: the share of notices with each finding, most common first."""
    codes = summary.top_codes(limit)
    if not codes:
        return None

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        labels = [f"{c} {summary.rules[c].name}" for c in codes]
        shares = [100 * summary.share(c) for c in codes]
        colours = [SEVERITY_COLOURS.get(summary.rules[c].severity, "#777777") for c in codes]
        bars = ax.barh(labels, shares, color=colours)
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[_percent(s) for s in shares], padding=3)
        ax.set_xlim(0, 110)
        ax.set_xlabel("notices with the finding (%)")
        _legend(ax, {summary.rules[c].severity for c in codes})

    labels = [f"{c} {summary.rules[c].name}" for c in codes]
    return _svg(8, 0.9 + 0.28 * len(codes), draw, labels)


def _percent(share: float) -> str:
    """``share`` (0-100) rounded, but never a misleading 0% or 100%."""
    if 0 < share < 1:
        return "<1%"
    if 99 < share < 100:
        return ">99%"
    return f"{share:.0f}%"


def _legend(ax: Axes, severities: set[str]) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=colour, label=name)
        for name, colour in SEVERITY_COLOURS.items()
        if name in severities
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)


def ages(summary: Summary, limit_months: int = 12, step: int = 6, span: int = 120) -> str | None:
    """Histogram of the age of last-updated dates, in ``step``-month bins up to ``span``
    months (older ones in the last bar); a line at ``limit_months``."""
    if not summary.ages:
        return None
    edges = list(range(0, span + step, step))
    counts = [0] * len(edges)
    for months, n in summary.ages.items():
        counts[min(max(months, 0) // step, len(edges) - 1)] += n

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        ax.bar([e / 12 for e in edges], counts, width=step / 12, align="edge", color="#56b4e9")
        ax.axvline(limit_months / 12, color=SEVERITY_COLOURS["warning"], linestyle="--")
        ax.annotate(
            "stale after this (PL102)",
            (limit_months / 12, max(counts)),
            xytext=(4, 0),
            textcoords="offset points",
            va="top",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        ax.set_xlabel(f"years since the last-updated date (last bar: {span // 12} or more)")
        ax.set_ylabel("notices")
        dated = sum(summary.ages.values())
        ax.set_title(f"{dated:,} notices give a date; {summary.undated:,} give none", loc="left")

    return _svg(8, 3.2, draw)


def heatmap(
    summary: Summary, groups: Sequence[str], counts: Any, within: Any, limit: int = 12
) -> str | None:
    """A grid: the share of each group's notices (columns: ``groups``, with ``counts``
    notices each) with each of the ``limit`` most common findings (rows)."""
    codes = summary.top_codes(limit)
    if not codes or not groups:
        return None
    grid = [[within[g][c] / counts[g] if counts[g] else 0.0 for g in groups] for c in codes]

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        ax.imshow(grid, cmap="Oranges", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(groups)), [f"{g}\n{counts[g]:,}" for g in groups])
        ax.set_yticks(range(len(codes)), [f"{c} {summary.rules[c].name}" for c in codes])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        for row, values in enumerate(grid):
            for column, share in enumerate(values):
                colour = "white" if share > 0.6 else "black"
                text = _percent(100 * share)
                ax.text(column, row, text, ha="center", va="center", color=colour, fontsize=8)

    labels = [f"{c} {summary.rules[c].name}" for c in codes]
    return _svg(min(4.5 + 0.8 * len(groups), 11), 1.1 + 0.3 * len(codes), draw, labels)


def timeline(summary: Summary, limit: int = 6) -> str | None:
    """Lines: the share of each period's notices with each of the ``limit`` most common
    findings; bars: how many notices each period has. None with fewer than two periods."""
    periods = sorted(summary.by_period)
    if len(periods) < 2:
        return None
    codes = summary.top_codes(limit)
    from matplotlib.ticker import MaxNLocator

    def draw(figure: Figure) -> None:
        ax = figure.subplots()
        counts = ax.twinx()
        counts.bar(periods, [summary.by_period[p] for p in periods], color="#dddddd")
        counts.set_ylabel("notices")
        counts.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_zorder(counts.get_zorder() + 1)
        ax.patch.set_visible(False)
        for code in codes:
            shares = [100 * summary.period_with[p][code] / summary.by_period[p] for p in periods]
            ax.plot(periods, shares, marker="o", label=f"{code} {summary.rules[code].name}")
        ax.set_ylim(0, 105)
        ax.set_ylabel("notices with the finding (%)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.1, 1), frameon=False)
        figure.subplots_adjust(right=0.58)

    return _svg(10, 3.4, draw)
