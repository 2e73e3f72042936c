"""Sharing a pool over payroll lines: exact sums, fair shares, nothing reconciliation flags."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.pool_shares import BasisLine, share_pool
from reconciliation.allocation_checks import check_allocation
from reconciliation.books import PayrollLine, Settings
from reconciliation.months import Month

D = Decimal
CENT = Fraction(1, 100)
MONDAY = date(2026, 8, 3)


def basis_line(worker: str, basis: str, week: int = 0, paid_after: int = 11) -> BasisLine:
    start = MONDAY + timedelta(weeks=week)
    return BasisLine(
        worker, start, start + timedelta(days=6), start + timedelta(paid_after), D(basis)
    )


pools = st.integers(min_value=1, max_value=10**8).map(lambda cents: Decimal(cents).scaleb(-2))
bases = st.integers(min_value=0, max_value=8000).map(lambda q: Decimal(q).scaleb(-2))
lines = st.lists(
    st.builds(
        basis_line,
        worker=st.sampled_from(["W-1", "W-2", "W-3", "W-4", "W-5", "W-6"]),
        basis=bases.map(str),
        week=st.integers(min_value=0, max_value=5),
        paid_after=st.sampled_from([5, 11, 40]),  # some periods paid in the next month
    ),
    min_size=1,
    max_size=40,
).filter(lambda found: any(line.basis > 0 for line in found))


@given(pools, lines)
@settings(max_examples=300, deadline=None)
def test_the_lines_sum_exactly_to_the_pool_in_whole_cents(
    pool: Decimal, found: list[BasisLine]
) -> None:
    amounts = share_pool(pool, found)
    assert sum(amounts) == pool
    assert all(amount >= 0 and amount == amount.quantize(D("0.01")) for amount in amounts)


@given(pools, lines)
@settings(max_examples=300, deadline=None)
def test_reconciliation_finds_no_missed_worker_and_no_deviation_even_without_tolerance(
    pool: Decimal, found: list[BasisLine]
) -> None:
    amounts = share_pool(pool, found)
    payroll = [
        PayrollLine(
            supplier="S-1",
            worker_id=line.worker_id,
            period_start=line.period_start,
            period_end=line.period_end,
            pay_date=line.pay_date,
            premium=amount,
            retention=D(0),
            hours=line.basis,
        )
        for line, amount in zip(found, amounts, strict=True)
    ]
    strict = Settings(currency="USD", allocation_tolerance=D(0))
    for month in {Month.of(line.pay_date) for line in found}:
        assert check_allocation(payroll, month, strict) == []


@given(pools, st.lists(bases, min_size=1, max_size=60))
@settings(max_examples=300, deadline=None)
def test_in_one_period_no_share_differs_from_its_exact_proportion_by_a_cent(
    pool: Decimal, weights: list[Decimal]
) -> None:
    if not any(weights):
        return
    found = [basis_line(f"W-{i}", str(w)) for i, w in enumerate(weights)]
    total = sum(Fraction(w) for w in weights)
    for amount, weight in zip(share_pool(pool, found), weights, strict=True):
        assert abs(Fraction(amount) - Fraction(pool) * Fraction(weight) / total) < CENT


@given(pools, lines)
@settings(max_examples=300, deadline=None)
def test_each_pay_period_gets_its_exact_proportion_of_the_pool_within_a_cent(
    pool: Decimal, found: list[BasisLine]
) -> None:
    amounts = share_pool(pool, found)
    paid: dict[object, Decimal] = defaultdict(Decimal)
    basis: dict[object, Decimal] = defaultdict(Decimal)
    for line, amount in zip(found, amounts, strict=True):
        paid[line.pay_period] += amount
        basis[line.pay_period] += line.basis
    total = sum(Fraction(b) for b in basis.values())
    for period, amount in paid.items():
        assert abs(Fraction(amount) - Fraction(pool) * Fraction(basis[period]) / total) < CENT


def test_a_worker_s_two_jobs_share_the_worker_s_amount_by_their_basis() -> None:
    found = [basis_line("W-1", "30"), basis_line("W-2", "40"), basis_line("W-1", "10")]
    assert share_pool(D("100.00"), found) == [D("37.50"), D("50.00"), D("12.50")]


def test_periods_share_the_pool_by_their_basis_totals_first() -> None:
    found = [basis_line("W-1", "10", week=0), basis_line("W-1", "30", week=1)]
    found += [basis_line("W-2", "30", week=1)]
    assert share_pool(D("70.00"), found) == [D("10.00"), D("30.00"), D("30.00")]


def test_a_line_without_basis_gets_nothing() -> None:
    found = [basis_line("W-1", "0"), basis_line("W-2", "3")]
    assert share_pool(D("9.99"), found) == [D("0.00"), D("9.99")]


def test_a_pool_of_fractions_of_a_cent_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not a whole number of 0\.01"):
        share_pool(D("1.005"), [basis_line("W-1", "1")])
