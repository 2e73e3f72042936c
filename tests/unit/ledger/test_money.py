from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from moneyed import Money

from ledger.errors import InvalidAmount
from ledger.money import (
    format_amount,
    format_money,
    minor_places,
    money,
    round_half_up,
    round_minor,
    to_decimal,
)


def test_floats_are_refused_as_amounts() -> None:
    with pytest.raises(InvalidAmount, match="float"):
        to_decimal(0.1)


def test_text_and_integers_become_exact_decimals() -> None:
    assert to_decimal(" 12.345 ") == Decimal("12.345")
    assert to_decimal(7) == Decimal(7)


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", True, None, [1]])
def test_anything_but_a_finite_number_is_refused(bad: object) -> None:
    with pytest.raises(InvalidAmount):
        to_decimal(bad)


def test_unknown_currency_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="XXQ"):
        money("1", "XXQ")


def test_minor_units_follow_the_currency() -> None:
    assert (minor_places("USD"), minor_places("JPY"), minor_places("KWD")) == (2, 0, 3)


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("1.005", "1.01"),
        ("1.004", "1.00"),
        ("-1.005", "-1.01"),
        ("-0.005", "-0.01"),
        ("2.675", "2.68"),
    ],
)
def test_rounding_is_half_away_from_zero(amount: str, rounded: str) -> None:
    assert round_minor(Money(Decimal(amount), "USD")).amount == Decimal(rounded)


def test_amounts_format_with_the_currency_decimals() -> None:
    assert format_amount(Decimal("1234.5"), "USD") == "1234.50"
    assert format_amount(Decimal("-0.0000"), "USD") == "0.00"
    assert format_amount(Decimal("-1781.73"), "USD") == "-1781.73"
    assert format_amount(Decimal("1500"), "JPY") == "1500"
    assert format_money(Money(Decimal("1234.5"), "USD")) == "1,234.50 USD"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4))
def test_half_up_rounding_is_symmetric_and_within_half_a_cent(amount: Decimal) -> None:
    rounded = round_half_up(amount, 2)
    assert abs(rounded - amount) <= Decimal("0.005")
    assert round_half_up(-amount, 2) == -rounded
