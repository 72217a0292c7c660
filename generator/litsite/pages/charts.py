"""Records per year as a static SVG bar chart: drawn at build time, no JavaScript, a few KB.

Accessible three ways: the figure has a caption, each bar a ``<title>`` with its year and count
(shown on hover, read by screen readers), and the same numbers follow in a table. Bars and text
use ``currentColor``, so the chart follows the page's colours, dark mode included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from .render import render

__all__ = ["year_chart", "MAX_BARS"]

#: More years than this are drawn as decades, so a bar stays wide enough to see and hover.
MAX_BARS = 60
WIDTH, HEIGHT, AXIS = 600, 120, 16


def _bins(years: Counter) -> list[tuple[str, int]]:
    """``(label, count)`` per year from the first to the last (empty years as 0), or per decade
    when that is more than ``MAX_BARS`` bars."""
    first, last = min(years), max(years)
    if last - first + 1 <= MAX_BARS:
        return [(str(y), years.get(y, 0)) for y in range(first, last + 1)]
    decades = Counter()
    for year, count in years.items():
        decades[year // 10 * 10] += count
    return [(f"{d}s", decades.get(d, 0)) for d in range(first // 10 * 10, last + 1, 10)]


def year_chart(years: Iterable[int | str | None], language: str) -> Markup:
    """The chart of how many of ``years`` (one per record; unknown ones are left out) fall in
    each year; "" when no year is known."""
    counted = Counter(int(y) for y in years if str(y or "").isdigit())
    if not counted:
        return Markup("")
    bins = _bins(counted)
    top = max(count for _, count in bins)
    step = WIDTH / len(bins)
    bars = [
        {
            "label": label,
            "count": count,
            "x": round(n * step + step * 0.1, 2),
            "width": round(step * 0.8, 2),
            "height": round((HEIGHT - AXIS) * count / top, 2),
        }
        for n, (label, count) in enumerate(bins)
    ]
    return Markup(
        render(
            "chart.html.j2",
            language,
            bars=bars,
            width=WIDTH,
            height=HEIGHT,
            baseline=HEIGHT - AXIS,
        )
    )
