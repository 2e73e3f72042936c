"""Server-drawn bar charts: a round axis, one bar per series and category, escaped text."""

from decimal import Decimal

from api.web.charts import Series, bar_chart, nice_ceiling


def test_the_axis_tops_out_at_a_round_number() -> None:
    assert nice_ceiling(Decimal("734.20")) == Decimal("1000")
    assert nice_ceiling(Decimal("1200")) == Decimal("2000")
    assert nice_ceiling(Decimal("5000")) == Decimal("5000")
    assert nice_ceiling(Decimal("0.30")) == Decimal("0.5")
    assert nice_ceiling(Decimal("0")) == Decimal("1")


def test_each_month_gets_a_bar_per_series_scaled_to_the_axis() -> None:
    chart = bar_chart(
        "Pass-through",
        ["2026-08", "2026-09"],
        [
            Series("Received", [Decimal("500"), Decimal("250")], "received"),
            Series("Passed on", [Decimal("450"), Decimal("0")], "passed"),
        ],
        "USD",
    )
    assert chart.count('<rect class="received"') == 3  # two bars and the legend swatch
    # The plot is 228 units high and the axis tops at 500: 250 draws 114 high.
    assert 'height="114.0"><title>2026-09: Received 250.00 USD</title>' in chart
    assert "2026-08: Received 500.00 USD, Passed on 450.00 USD" in chart


def test_names_are_escaped_in_the_drawing() -> None:
    chart = bar_chart("<b>", ["<m>"], [Series("A&B", [Decimal(1)], "x")], "USD")
    assert "<b>" not in chart and "&lt;m&gt;" in chart and "A&amp;B" in chart


def test_an_empty_chart_says_so() -> None:
    assert "No figures yet." in bar_chart("Nothing", [], [], "USD")
