"""Sharing a pool by weights: exact shares and the largest-remainder split."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.allocation import exact_shares, round_share, split_by_largest_remainder


def amounts(*texts: str) -> list[Decimal]:
    return [Decimal(text) for text in texts]


def test_parts_sum_exactly_to_the_pool() -> None:
    parts = split_by_largest_remainder(Decimal("100.00"), amounts("1", "1", "1"))
    assert parts == amounts("33.34", "33.33", "33.33")


def test_the_leftover_cent_goes_to_the_largest_remainder() -> None:
    # exact shares 3.333… and 6.666…: the second has the larger remainder
    assert split_by_largest_remainder(Decimal("10.00"), amounts("1", "2")) == amounts(
        "3.33", "6.67"
    )


def test_equal_remainders_favour_the_earlier_part() -> None:
    assert split_by_largest_remainder(Decimal("0.01"), amounts("5", "5")) == amounts("0.01", "0.00")


def test_a_zero_weight_gets_nothing() -> None:
    assert split_by_largest_remainder(Decimal("9.99"), amounts("0", "3")) == amounts("0.00", "9.99")


def test_whole_pools_split_without_minor_units() -> None:
    assert split_by_largest_remainder(Decimal("100"), amounts("1", "1", "1"), exponent=0) == (
        amounts("34", "33", "33")
    )


def test_weights_may_be_hours_wages_or_units_with_decimals() -> None:
    # exact shares 30.449…, 21.274…, 6.116…: floors leave two cents, for the first and last
    parts = split_by_largest_remainder(Decimal("57.84"), amounts("57.25", "40", "11.5"))
    assert parts == amounts("30.45", "21.27", "6.12")


def test_all_zero_weights_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="weights are all zero"):
        split_by_largest_remainder(Decimal("10.00"), amounts("0", "0"))


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="negative weight -1"):
        split_by_largest_remainder(Decimal("10.00"), amounts("3", "-1"))


def test_no_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="no weights"):
        split_by_largest_remainder(Decimal("10.00"), [])


def test_a_pool_finer_than_the_minor_unit_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not a whole number of 0\.01"):
        split_by_largest_remainder(Decimal("10.005"), amounts("1", "1"))


def test_exact_shares_are_exact_fractions() -> None:
    assert exact_shares(Decimal("10.00"), amounts("1", "2")) == [
        Fraction(10, 3),
        Fraction(20, 3),
    ]


def test_round_share_rounds_half_away_from_zero() -> None:
    assert round_share(Fraction("10.005")) == Decimal("10.01")
    assert round_share(Fraction("-10.005")) == Decimal("-10.01")
    assert round_share(Fraction("10.0049999")) == Decimal("10.00")
    assert round_share(Fraction(0)) == Decimal("0.00")
    assert str(round_share(Fraction(2, 3))) == "0.67"


pools = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))
weights = st.lists(
    st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n).scaleb(-2)),
    min_size=1,
    max_size=40,
).filter(lambda ws: any(w > 0 for w in ws))


@given(pools, weights)
def test_largest_remainder_parts_sum_to_the_pool_each_within_a_cent(
    pool: Decimal, ws: list[Decimal]
) -> None:
    parts = split_by_largest_remainder(pool, ws)
    assert sum(parts) == pool
    for part, exact in zip(parts, exact_shares(pool, ws), strict=True):
        assert abs(Fraction(part) - exact) < Fraction(1, 100)
        assert part == part.quantize(Decimal("0.01"))
