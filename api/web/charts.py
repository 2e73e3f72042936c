"""Bar charts as inline SVG, drawn on the server: no JavaScript, printable, readable aloud.

`bar_chart` draws grouped bars — one group per category (a month), one bar per series
(received, passed on) — on a zero-based axis with round gridlines. The SVG carries a
title and a description for screen readers, and each bar a tooltip with its figure; the
page shows the same figures in a table beside it. Geometry is computed in Decimal like
everything else, and written with one decimal place.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT = Decimal(640), Decimal(300)
LEFT, RIGHT, TOP, BOTTOM = Decimal(72), Decimal(12), Decimal(16), Decimal(56)
GRIDLINES = 4


@dataclass(frozen=True, slots=True)
class Series:
    """One bar of each group: its name in the legend, its figures, its colour (CSS class)."""

    name: str
    values: Sequence[Decimal]
    css_class: str


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value` (1 for ≤ 0)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** value.adjusted()
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # unreachable: value < 10 × power by construction


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], unit: str) -> Markup:
    """A grouped bar chart of the series over the categories, as an inline <svg>."""
    top = nice_ceiling(max((v for s in series for v in s.values), default=Decimal(0)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * Decimal("0.7") / max(len(series), 1)
    parts = [_axis(top, plot_h, unit)]
    for i, category in enumerate(categories):
        x0 = LEFT + group_w * i + group_w * Decimal("0.15")
        for j, one in enumerate(series):
            value = max(one.values[i], Decimal(0))
            height = plot_h * value / top
            parts.append(
                f'<rect class="{escape(one.css_class)}" x="{x0 + bar_w * j:.1f}"'
                f' y="{TOP + plot_h - height:.1f}" width="{bar_w:.1f}" height="{height:.1f}">'
                f"<title>{escape(category)}: {escape(one.name)} {value:,.2f} {escape(unit)}"
                "</title></rect>"
            )
        label_x = LEFT + group_w * i + group_w / 2
        parts.append(
            f'<text x="{label_x:.1f}" y="{TOP + plot_h + 18:.1f}" text-anchor="middle">'
            f"{escape(category)}</text>"
        )
    parts.append(_legend(series))
    body = "".join(parts)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(_describe(categories, series, unit))}</desc>'
        f"{body}</svg>"
    )


def _axis(top: Decimal, plot_h: Decimal, unit: str) -> str:
    lines = []
    for k in range(GRIDLINES + 1):
        value = top * k / GRIDLINES
        y = TOP + plot_h - plot_h * k / GRIDLINES
        lines.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_short(value)}</text>'
        )
    lines.append(
        f'<text x="12" y="{TOP + plot_h / 2:.1f}" text-anchor="middle"'
        f' transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">{escape(unit)}</text>'
    )
    return "".join(lines)


def _legend(series: Sequence[Series]) -> str:
    parts = []
    for j, one in enumerate(series):
        x = LEFT + 180 * j
        y = HEIGHT - 14
        parts.append(
            f'<rect class="{escape(one.css_class)}" x="{x}" y="{y - 10}" width="12" height="12"/>'
            f'<text x="{x + 18}" y="{y}">{escape(one.name)}</text>'
        )
    return "".join(parts)


def _short(value: Decimal) -> str:
    """An axis label: whole numbers with thousands separators, `12.5k` style above 10,000."""
    if value >= 10_000:
        thousands = (value / 1000).quantize(Decimal("0.1"), rounding=ROUND_CEILING)
        return f"{thousands.normalize():f}k"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _describe(categories: Sequence[str], series: Sequence[Series], unit: str) -> str:
    groups = (
        f"{category}: " + ", ".join(f"{one.name} {one.values[i]:,.2f} {unit}" for one in series)
        for i, category in enumerate(categories)
    )
    return "; ".join(groups) or "No figures yet."
