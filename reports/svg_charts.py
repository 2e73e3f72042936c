"""Charts as inline SVG drawn on the server: no JavaScript, and they print as they show.

Two kinds, both over amounts: grouped bars (one group per category, one bar per
series) and lines (one point per category per series). Positions are computed
in Decimal like the amounts themselves, rounded to a tenth of a pixel; every
label is escaped, and each bar or point carries a `<title>` with its exact value.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 80, 16, 36, 64
COLOURS = ("#4c72b0", "#55a868", "#dd8452", "#8172b2")
TICKS = 5  # about as many steps between grid lines
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Series:
    """A named row of values, one per category."""

    name: str
    values: Sequence[Decimal]


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value` (> 0)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(1).scaleb(value.adjusted())
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * step:
            return power * step
    return power * 10


@dataclass(frozen=True, slots=True)
class _Frame:
    """The value scale: ticks `step` apart from `lowest` (bottom) to `highest` (top)."""

    lowest: Decimal
    highest: Decimal
    step: Decimal

    @classmethod
    def of(cls, series: Sequence[Series]) -> "_Frame":
        values = [Decimal(v) for s in series for v in s.values]
        low = min([Decimal(0), *values])
        high = max([Decimal(0), *values])
        step = nice_ceiling((high - low) / TICKS)
        lowest = (low / step).to_integral_value(ROUND_FLOOR) * step
        highest = (high / step).to_integral_value(ROUND_CEILING) * step
        return cls(lowest, max(highest, lowest + step), step)

    def y(self, value: Decimal) -> Decimal:
        plot = Decimal(HEIGHT - TOP - BOTTOM)
        return _px(TOP + plot - (value - self.lowest) * plot / (self.highest - self.lowest))

    def ticks(self) -> list[Decimal]:
        count = int((self.highest - self.lowest) / self.step)
        return [self.lowest + self.step * i for i in range(count + 1)]


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series]) -> Markup:
    """Grouped vertical bars: per category, one bar per series."""
    frame = _Frame.of(series)
    slot = Decimal(WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    bar = slot * Decimal("0.8") / max(len(series), 1)
    shapes = []
    for c, category in enumerate(categories):
        left = LEFT + slot * c + slot * Decimal("0.1")
        for s, row in enumerate(series):
            value = row.values[c]
            top, base = frame.y(max(value, Decimal(0))), frame.y(min(value, Decimal(0)))
            shapes.append(
                f'<rect x="{_px(left + bar * s)}" y="{top}" width="{_px(bar)}"'
                f' height="{base - top}" fill="{COLOURS[s % len(COLOURS)]}">'
                f"<title>{escape(category)}, {escape(row.name)}: {value}</title></rect>"
            )
        shapes.append(_label(left + slot * Decimal("0.4"), category, slot))
    return _svg(title, frame, shapes, series)


def line_chart(title: str, categories: Sequence[str], series: Sequence[Series]) -> Markup:
    """One line per series over the categories, with a marked point at each."""
    frame = _Frame.of(series)
    step = Decimal(WIDTH - LEFT - RIGHT) / max(len(categories), 1)
    xs = [_px(LEFT + step * c + step / 2) for c in range(len(categories))]
    shapes = [_label(x, category, step) for x, category in zip(xs, categories, strict=True)]
    for s, row in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        points = [(x, frame.y(v)) for x, v in zip(xs, row.values, strict=True)]
        path = " ".join(f"{x},{y}" for x, y in points)
        shapes.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), category, value in zip(points, categories, row.values, strict=True):
            shapes.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}">'
                f"<title>{escape(category)}, {escape(row.name)}: {value}</title></circle>"
            )
    return _svg(title, frame, shapes, series)


def _svg(title: str, frame: _Frame, shapes: list[str], series: Sequence[Series]) -> Markup:
    grid = []
    for tick in frame.ticks():
        y = frame.y(tick)
        grid.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ddd"/>')
        grid.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{_tick(tick)}</text>')
    legend = [
        f'<rect x="{LEFT + 170 * s}" y="{HEIGHT - 18}" width="12" height="12"'
        f' fill="{COLOURS[s % len(COLOURS)]}"/><text x="{LEFT + 170 * s + 16}"'
        f' y="{HEIGHT - 8}">{escape(row.name)}</text>'
        for s, row in enumerate(series)
    ]
    body = "".join([*grid, *shapes, *legend])
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' font-family="sans-serif" font-size="11"><title>{escape(title)}</title>'
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>'
        f"{body}</svg>"
    )


def _label(x: Decimal, text: str, room: Decimal) -> str:
    """A category's name under its place; slanted when the places are narrow."""
    x, y = _px(x), HEIGHT - BOTTOM + 16
    if room >= 48:
        return f'<text x="{x}" y="{y}" text-anchor="middle">{escape(text)}</text>'
    return (
        f'<text x="{x}" y="{y}" text-anchor="end" transform="rotate(-45 {x} {y})">'
        f"{escape(text)}</text>"
    )


def _tick(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _px(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(_TENTH, rounding=ROUND_HALF_UP)
