"""Server-drawn SVG charts: bars and lines scaled to nice ticks, labels escaped, no scripts."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from reports.svg_charts import Series, bar_chart, line_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_nice_ceilings_are_one_two_two_and_a_half_or_five_times_a_power_of_ten() -> None:
    assert nice_ceiling(Decimal("1863.39")) == Decimal("2000")
    assert nice_ceiling(Decimal("120")) == Decimal("200")
    assert nice_ceiling(Decimal("250")) == Decimal("250")
    assert nice_ceiling(Decimal("0.07")) == Decimal("0.1")
    assert nice_ceiling(Decimal("0")) == Decimal("1")


def test_a_bar_chart_has_one_bar_per_category_and_series_with_its_exact_value() -> None:
    svg = bar_chart(
        "Premium per supplier",
        ["S-1", "S-2"],
        [
            Series("Owed", [Decimal("120.00"), Decimal("80.50")]),
            Series("Paid", [Decimal(100), Decimal(0)]),
        ],
    )
    bars = parsed(svg).findall(f"{SVG}rect[{SVG}title]")
    assert len(bars) == 4
    assert [bar.find(f"{SVG}title").text for bar in bars][:2] == [  # type: ignore[union-attr]
        "S-1, Owed: 120.00",
        "S-1, Paid: 100",
    ]


def test_the_tallest_bar_reaches_the_value_it_stands_for_on_a_nice_scale() -> None:
    svg = bar_chart("t", ["A"], [Series("x", [Decimal("100")])])
    bar = parsed(svg).find(f"{SVG}rect[{SVG}title]")
    assert bar is not None
    # The scale tops at 100; the plot is 300 - 36 - 64 = 200 pixels high from y = 36.
    assert (bar.get("y"), bar.get("height")) == ("36.0", "200.0")


def test_a_line_chart_draws_one_polyline_per_series_through_every_month() -> None:
    months = [f"2026-{m:02d}" for m in range(1, 13)]
    svg = line_chart(
        "Premium",
        months,
        [Series("Received", [Decimal(m) for m in range(12)]), Series("Passed", [Decimal(1)] * 12)],
    )
    lines = parsed(svg).findall(f"{SVG}polyline")
    assert len(lines) == 2
    assert len(lines[0].get("points", "").split()) == 12
    assert "2026-12" in svg


def test_negative_values_draw_below_a_zero_line() -> None:
    svg = bar_chart("t", ["A", "B"], [Series("x", [Decimal("-50"), Decimal("100")])])
    ticks = [t.text for t in parsed(svg).findall(f"{SVG}text")]
    assert "-50" in ticks and "0" in ticks and "100" in ticks


def test_labels_are_escaped_and_no_script_can_get_in() -> None:
    svg = bar_chart("<script>alert(1)</script>", ["<b>S</b>"], [Series("a&b", [Decimal(1)])])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = parsed(svg)
    assert root.find(f".//{SVG}script") is None
    assert "a&b" in [t.text for t in root.iter(f"{SVG}text")]


def test_a_chart_of_nothing_still_draws_its_axes() -> None:
    svg = bar_chart("empty", [], [Series("x", [])])
    assert parsed(svg).find(f"{SVG}line") is not None
