"""Typing single cells: text, decimals, money, dates, currency codes; never a float."""

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imports.reading.values import (
    BadValue,
    shown,
    to_currency,
    to_date,
    to_decimal,
    to_money,
    to_text,
)


class TestText:
    def test_a_numeric_worker_id_is_its_digits(self) -> None:
        assert to_text(10234.0) == "10234"
        assert to_text(10234) == "10234"

    def test_leading_zeros_of_text_ids_are_kept_and_spaces_trimmed(self) -> None:
        assert to_text("  0111139 ") == "0111139"

    def test_case_is_kept(self) -> None:
        assert to_text(" s-205 ") == "s-205"

    def test_a_fractional_number_keeps_its_shortest_digits(self) -> None:
        assert to_text(12.5) == "12.5"

    def test_a_huge_integral_number_has_no_exponent(self) -> None:
        assert to_text(1e20) == "100000000000000000000"

    @pytest.mark.parametrize("cell", [True, date(2026, 8, 1), time(8, 0), timedelta(hours=1)])
    def test_booleans_dates_and_times_are_not_text(self, cell: object) -> None:
        with pytest.raises(BadValue, match="not text"):
            to_text(cell)  # type: ignore[arg-type]

    def test_an_infinite_number_is_refused(self) -> None:
        with pytest.raises(BadValue, match="not a finite number"):
            to_text(math.inf)


class TestDecimal:
    def test_a_binary_double_becomes_its_shortest_decimal(self) -> None:
        assert to_decimal(0.1) == Decimal("0.1")
        assert str(to_decimal(0.1)) == "0.1"
        assert str(to_decimal(101.25)) == "101.25"

    def test_integers_and_integral_floats(self) -> None:
        assert to_decimal(40) == Decimal(40)
        assert to_decimal(40.0) == Decimal(40)

    def test_negative_zero_is_zero(self) -> None:
        assert str(to_decimal(-0.0)) == "0"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("12.5", "12.5"),
            (" 1,234.5 ", "1234.5"),
            ("-3", "-3"),
            ("+3", "3"),
            (".5", "0.5"),
            ("1,234,567", "1234567"),
        ],
    )
    def test_number_text(self, text: str, expected: str) -> None:
        assert to_decimal(text) == Decimal(expected)

    @pytest.mark.parametrize(
        "text", ["forty", "12,34", "1.234,56", "1e3", "$5", "12 34", "1,23", "١٢", "１２"]
    )
    def test_text_that_is_not_a_plain_number(self, text: str) -> None:
        with pytest.raises(BadValue, match="not a number"):
            to_decimal(text)

    @pytest.mark.parametrize("cell", [math.nan, math.inf, -math.inf])
    def test_nan_and_infinity_are_refused(self, cell: float) -> None:
        with pytest.raises(BadValue, match="not a finite number"):
            to_decimal(cell)

    @pytest.mark.parametrize("cell", [True, date(2026, 8, 1)])
    def test_booleans_and_dates_are_not_numbers(self, cell: object) -> None:
        with pytest.raises(BadValue, match="not a number"):
            to_decimal(cell)  # type: ignore[arg-type]

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_every_finite_float_reads_as_its_shortest_repr(self, number: float) -> None:
        value = to_decimal(number)
        assert float(value) == number
        assert value == Decimal(repr(number))


class TestMoney:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("$1,234.56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("$ 57.84", "57.84"),
            ("1234.5", "1234.5"),
            ("-$5.00", "-5.00"),
            ("$-5.00", "-5.00"),
            ("($5.00)", "-5.00"),
            ("(1,000)", "-1000"),
            ("$0.10", "0.10"),
        ],
    )
    def test_money_text(self, text: str, expected: str) -> None:
        assert to_money(text) == Decimal(expected)
        assert str(to_money(text)) == expected

    @pytest.mark.parametrize(
        "text", ["€5.00", "5.00 USD", "$$5", "--5", "-$-5", "(-5)", "12,34", "$", "five dollars"]
    )
    def test_text_that_is_not_money(self, text: str) -> None:
        with pytest.raises(BadValue, match="not an amount of money"):
            to_money(text)

    def test_a_number_cell(self) -> None:
        assert to_money(57.84) == Decimal("57.84")

    @given(
        st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
        st.sampled_from(["plain", "dollar", "grouped", "accounting"]),
    )
    def test_money_text_round_trips(self, amount: Decimal, style: str) -> None:
        magnitude = abs(amount)
        digits = f"{magnitude:,.2f}" if style in ("grouped", "accounting") else f"{magnitude:.2f}"
        if style == "accounting":
            text = f"(${digits})" if amount < 0 else f"${digits}"
        else:
            symbol = "$" if style != "plain" else ""
            text = f"-{symbol}{digits}" if amount < 0 else f"{symbol}{digits}"
        assert to_money(text) == amount


class TestDate:
    def test_excel_date_cells(self) -> None:
        assert to_date(date(2026, 8, 1)) == date(2026, 8, 1)

    def test_a_datetime_cell_counts_as_its_day(self) -> None:
        assert to_date(datetime(2026, 8, 1, 14, 30)) == date(2026, 8, 1)

    @pytest.mark.parametrize(
        "text", ["2026-08-01", " 2026-08-01 ", "08/01/2026", "8/1/2026", "2026-8-1"]
    )
    def test_iso_and_us_text(self, text: str) -> None:
        assert to_date(text) == date(2026, 8, 1)

    @pytest.mark.parametrize("text", ["01.08.2026", "1 Aug 2026", "08/01/26", "2026/08/01", "x"])
    def test_other_text_is_not_a_date(self, text: str) -> None:
        with pytest.raises(BadValue, match=r"not a date \(expected YYYY-MM-DD or MM/DD/YYYY\)"):
            to_date(text)

    @pytest.mark.parametrize("text", ["13/01/2026", "2026-02-30", "02/29/2027"])
    def test_impossible_days(self, text: str) -> None:
        with pytest.raises(BadValue, match="not a valid date"):
            to_date(text)

    @pytest.mark.parametrize("cell", [46238.0, 46238, time(8, 0)])
    def test_numbers_are_not_dates_even_excel_serials(self, cell: object) -> None:
        with pytest.raises(BadValue, match="not a date"):
            to_date(cell)  # type: ignore[arg-type]


class TestCurrency:
    def test_a_code_is_upper_cased(self) -> None:
        assert to_currency(" eur ") == "EUR"

    @pytest.mark.parametrize("cell", ["EURO", "€", "US", 840.0])
    def test_anything_else_is_refused(self, cell: object) -> None:
        with pytest.raises(BadValue, match="not a currency code"):
            to_currency(cell)  # type: ignore[arg-type]


class TestShown:
    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            (None, ""),
            ("forty", "forty"),
            (10234.0, "10234"),
            (0.1, "0.1"),
            (math.nan, "nan"),
            (True, "TRUE"),
            (date(2026, 8, 1), "2026-08-01"),
        ],
    )
    def test_raw_values_as_a_problem_shows_them(self, cell: object, expected: str) -> None:
        assert shown(cell) == expected  # type: ignore[arg-type]
