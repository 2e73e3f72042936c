"""Invariants of reconciliation over generated books (Hypothesis)."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from reconciliation.allocation_checks import share_period
from reconciliation.books import (
    AllocationBasis,
    Books,
    PaymentLine,
    PayrollLine,
    PurchaseLine,
    ReceiptLine,
    SaleLine,
    Settings,
)
from reconciliation.json_output import render_json
from reconciliation.month import reconcile_month
from reconciliation.months import Month

START = dt.date(2026, 6, 1)
days = st.integers(min_value=0, max_value=150).map(lambda n: START + dt.timedelta(days=n))
cents = st.integers(min_value=0, max_value=500_00).map(lambda n: Decimal(n).scaleb(-2))
positive_cents = st.integers(min_value=1, max_value=500_00).map(lambda n: Decimal(n).scaleb(-2))
quarter_hours = st.integers(min_value=0, max_value=240).map(lambda n: Decimal(n) / 4)
buyers = st.sampled_from(["B-1", "B-2"])
suppliers = st.sampled_from(["S-1", "S-2", "S-3"])
commodities = st.sampled_from(["tomato", "pepper"])
workers = st.sampled_from(["W-1", "W-2", "W-3", "W-4"])
references = st.integers(min_value=1, max_value=6).map(lambda n: f"R-{n}")


def purchase_lines() -> st.SearchStrategy[PurchaseLine]:
    return st.builds(
        PurchaseLine,
        buyer=buyers,
        supplier=suppliers,
        commodity=commodities,
        date=days,
        quantity_base=positive_cents,
        premium=cents,
        reference=st.just("PO"),
    )


def payment_lines() -> st.SearchStrategy[PaymentLine]:
    return st.builds(
        PaymentLine,
        buyer=buyers,
        supplier=suppliers,
        date=days,
        amount=positive_cents,
        reference=references,
    )


def receipt_lines() -> st.SearchStrategy[ReceiptLine]:
    return st.builds(
        ReceiptLine,
        supplier=suppliers,
        buyer=buyers,
        date=days,
        amount=positive_cents,
        reference=references,
    )


def sale_lines() -> st.SearchStrategy[SaleLine]:
    return st.builds(
        SaleLine,
        supplier=suppliers,
        buyer=buyers,
        commodity=commodities,
        date=days,
        quantity_base=positive_cents,
        premium_value=cents,
        reference=st.just("INV"),
    )


@st.composite
def payroll_lines(draw: st.DrawFn) -> PayrollLine:
    start = draw(days)
    return PayrollLine(
        supplier=draw(suppliers),
        worker_id=draw(workers),
        period_start=start,
        period_end=start + dt.timedelta(days=6),
        pay_date=start + dt.timedelta(days=draw(st.integers(min_value=7, max_value=12))),
        premium=draw(cents),
        retention=draw(cents),
        hours=draw(quarter_hours),
    )


generated_books = st.builds(
    Books,
    program=st.just("P-1"),
    settings=st.just(Settings(currency="USD")),
    suppliers=st.just(("S-1", "S-2", "S-3")),
    purchases=st.lists(purchase_lines(), max_size=8),
    payments=st.lists(payment_lines(), max_size=8),
    receipts=st.lists(receipt_lines(), max_size=8),
    sales=st.lists(sale_lines(), max_size=6),
    payroll=st.lists(payroll_lines(), max_size=12),
)
months = st.sampled_from([Month(2026, 7), Month(2026, 8), Month(2026, 9), Month(2026, 10)])


def _reversed(books: Books) -> Books:
    return replace(
        books,
        purchases=list(reversed(books.purchases)),
        payments=list(reversed(books.payments)),
        receipts=list(reversed(books.receipts)),
        sales=list(reversed(books.sales)),
        payroll=list(reversed(books.payroll)),
    )


def _unique_references(books: Books) -> Books:
    # references are unique among live lines: per buyer for payments, per supplier for receipts
    payments = {(p.buyer, p.reference): p for p in books.payments}
    receipts = {(r.supplier, r.reference): r for r in books.receipts}
    return replace(books, payments=list(payments.values()), receipts=list(receipts.values()))


@settings(max_examples=60, deadline=None)
@given(generated_books, months)
def test_reconciling_twice_gives_identical_json(books: Books, month: Month) -> None:
    assert render_json(reconcile_month(books, month)) == render_json(reconcile_month(books, month))


@settings(max_examples=60, deadline=None)
@given(generated_books.map(_unique_references), months)
def test_the_order_in_which_lines_were_loaded_does_not_change_the_result(
    books: Books, month: Month
) -> None:
    forwards = render_json(reconcile_month(books, month))
    assert render_json(reconcile_month(_reversed(books), month)) == forwards


@settings(max_examples=60, deadline=None)
@given(generated_books, months)
def test_overdue_figures_are_never_negative_nor_beyond_the_balance(
    books: Books, month: Month
) -> None:
    result = reconcile_month(books, month)
    for row in result.buyers:
        assert 0 <= row.overdue <= max(row.unpaid_to_date, Decimal(0))
    for supplier in result.suppliers:
        assert 0 <= supplier.held_overdue <= max(supplier.held_to_date, Decimal(0))


@given(st.lists(payroll_lines(), min_size=1, max_size=12))
def test_expected_shares_sum_to_the_periods_pool(lines: list[PayrollLine]) -> None:
    shares = share_period(lines, AllocationBasis.HOURS)
    if shares:
        pool = sum((Fraction(line.premium) for line in lines), Fraction(0))
        assert sum((share.expected for share in shares), Fraction(0)) == pool
