"""Loading the books for reconciliation: live lines only, cut off at the as-of date, as codes."""

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from reconciliation.books import AllocationBasis, Payout, Standing
from reconciliation.findings import FindingCode
from reconciliation.json_output import render_json
from reconciliation.loader import load_books
from reconciliation.month import reconcile_month
from reconciliation.months import Month
from tests.integration.reconciliation.stored import stored_books

AUGUST_END = dt.date(2026, 8, 31)


def test_lines_of_a_superseded_batch_count_in_no_month(session: Session) -> None:
    books = stored_books(session)
    old = books.purchase("2026-08-03", "10.00")
    books.purchase("2026-08-04", "11.00", batch=old)
    corrected = books.batch("purchases", "B-1", supersedes=old)
    books.purchase("2026-08-03", "12.00", batch=corrected)
    old_payroll = books.payroll("2026-08-03/2026-08-09", "2026-08-14", "5.00")
    books.payroll(
        "2026-08-03/2026-08-09",
        "2026-08-14",
        "6.00",
        batch=books.batch("payroll", "S-1", supersedes=old_payroll),
    )
    loaded = load_books(session, books.program.id, AUGUST_END)
    assert [line.premium for line in loaded.purchases] == [Decimal("12.00")]
    assert [line.premium for line in loaded.payroll] == [Decimal("6.00")]


def test_lines_dated_after_the_as_of_date_are_left_out(session: Session) -> None:
    books = stored_books(session)
    for on in ("2026-08-31", "2026-09-01"):
        books.purchase(on, "1.00")
        books.payment(on, "1.00")
        books.receipt(on, "1.00", f"R-{on}")
        books.sale(on, "1.00")
        books.payroll("2026-08-24/2026-08-30", on, "1.00")
    loaded = load_books(session, books.program.id, AUGUST_END)
    dated = [
        *(line.date for line in loaded.purchases),
        *(line.date for line in loaded.payments),
        *(line.date for line in loaded.receipts),
        *(line.date for line in loaded.sales),
        *(line.pay_date for line in loaded.payroll),
    ]
    assert dated == [AUGUST_END] * 5


def test_ids_become_codes_and_a_foreign_payment_counts_in_program_currency(
    session: Session,
) -> None:
    books = stored_books(session)
    books.purchase("2026-08-03", "10.00", buyer="B-2", supplier="S-2")
    books.payment("2026-08-05", "10.85", currency="EUR", original="10.00", reference="SEPA-1")
    books.payment("2026-08-06", "3.00")
    books.payroll("2026-08-03/2026-08-09", "2026-08-14", "5.00", worker="007", supplier="S-2")
    loaded = load_books(session, books.program.id, AUGUST_END)
    [bought] = loaded.purchases
    assert (bought.buyer, bought.supplier, bought.commodity) == ("B-2", "S-2", "Tomato")
    foreign, domestic = loaded.payments
    assert (foreign.amount, foreign.original_currency, foreign.original_amount) == (
        Decimal("10.85"),
        "EUR",
        Decimal("10.00"),
    )
    assert (domestic.original_currency, domestic.original_amount) == (None, None)
    [line] = loaded.payroll
    assert (line.supplier, line.worker_id, line.hours) == ("S-2", "007", Decimal(40))
    assert loaded.suppliers == ["S-1", "S-2"]


def test_settings_come_from_the_program_and_standings_in_recorded_order(
    session: Session,
) -> None:
    books = stored_books(
        session,
        currency="JPY",
        payment_terms_days=45,
        allocation_basis="units",
        amount_tolerance=Decimal("100"),
    )
    books.standing("S-1", "suspended", "2026-08-01", "audit")
    books.standing("S-1", "good", "2026-08-01", "audit withdrawn")
    loaded = load_books(session, books.program.id, AUGUST_END)
    settings = loaded.settings
    assert (settings.currency, settings.currency_exponent) == ("JPY", 0)
    assert (settings.payment_terms_days, settings.allocation_basis) == (45, AllocationBasis.UNITS)
    assert settings.amount_tolerance == Decimal(100)
    assert [(c.standing, c.reason) for c in loaded.standing_changes] == [
        (Standing.SUSPENDED, "audit"),
        (Standing.GOOD, "audit withdrawn"),
    ]
    assert reconcile_month(loaded, Month(2026, 8)).suppliers[0].standing is Standing.GOOD


def test_payroll_before_the_month_is_summed_per_supplier_and_pay_date(session: Session) -> None:
    books = stored_books(session)
    books.payroll("2026-07-06/2026-07-12", "2026-07-17", "5.00", retention="0.38")
    books.payroll("2026-07-06/2026-07-12", "2026-07-17", "4.00", worker="W-2", retention="0.31")
    books.payroll("2026-07-13/2026-07-19", "2026-07-24", "3.00")
    books.payroll("2026-08-03/2026-08-09", "2026-08-14", "2.00")
    loaded = load_books(session, books.program.id, AUGUST_END)
    assert loaded.payouts == [
        Payout(supplier="S-1", pay_date=dt.date(2026, 7, 17), amount=Decimal("9.69")),
        Payout(supplier="S-1", pay_date=dt.date(2026, 7, 24), amount=Decimal("3.00")),
    ]
    assert [line.pay_date for line in loaded.payroll] == [dt.date(2026, 8, 14)]
    with pytest.raises(ValueError, match="cannot be reconciled"):
        reconcile_month(loaded, Month(2026, 7))


def test_an_earlier_line_of_a_period_paid_in_the_month_is_listed_not_summed(
    session: Session,
) -> None:
    books = stored_books(session)
    books.payroll("2026-07-27/2026-08-02", "2026-07-31", "5.00")
    books.payroll("2026-07-27/2026-08-02", "2026-08-07", "5.00")
    books.payroll("2026-07-27/2026-08-02", "2026-07-31", "6.00", worker="W-2")
    loaded = load_books(session, books.program.id, AUGUST_END)
    assert sorted((line.worker_id, line.pay_date.day) for line in loaded.payroll) == [
        ("W-1", 7),
        ("W-1", 31),
    ]
    assert loaded.payouts == [
        Payout(supplier="S-1", pay_date=dt.date(2026, 7, 31), amount=Decimal("6.00"))
    ]
    findings = reconcile_month(loaded, Month(2026, 8)).findings
    [duplicate] = [f for f in findings if f.code is FindingCode.DUPLICATE_PAYROLL_LINE]
    assert (duplicate.worker, duplicate.amount) == ("W-1", Decimal("5.00"))


def test_books_for_a_month_reconcile_it_exactly_like_complete_books(session: Session) -> None:
    books = stored_books(session, distribution_deadline_days=10)
    books.payment("2026-06-20", "100.00")
    books.payment("2026-07-20", "50.00", supplier="S-2")
    books.purchase("2026-08-10", "5.00")
    for on, premium in (("2026-07-15", "3.00"), ("2026-08-15", "9.00")):
        books.sale(on, premium)
    for period, pay_day in [
        ("2026-06-29/2026-07-05", "2026-07-03"),
        ("2026-07-13/2026-07-19", "2026-07-17"),
        ("2026-07-27/2026-08-02", "2026-07-31"),
        ("2026-07-27/2026-08-02", "2026-08-07"),
        ("2026-08-10/2026-08-16", "2026-08-14"),
    ]:
        books.payroll(period, pay_day, "20.00", retention="1.53")
        books.payroll(period, pay_day, "9.00", worker="W-2", supplier="S-2")
    month = Month(2026, 8)
    summed = load_books(session, books.program.id, AUGUST_END)
    listed = load_books(session, books.program.id, AUGUST_END, complete_from=dt.date.min)
    assert summed.payouts and not listed.payouts
    assert len(summed.sales) == 1 and len(listed.sales) == 2
    assert render_json(reconcile_month(summed, month)) == render_json(
        reconcile_month(listed, month)
    )
