"""The month result: buyer and supplier rows, flows of the month against balances to date."""

from decimal import Decimal

from reconciliation.books import Standing
from reconciliation.findings import Finding, FindingCode, sort_findings
from reconciliation.json_output import render_json
from reconciliation.months import Month
from tests.unit.reconciliation.builders import (
    Line,
    books,
    payment,
    payroll,
    purchase,
    reconcile,
    standing,
)


def test_the_month_is_reported_as_of_its_last_day() -> None:
    assert reconcile(books(), "2026-09").as_of.isoformat() == "2026-09-30"
    assert Month.parse("2028-02").last_day.isoformat() == "2028-02-29"


def test_buyer_rows_cover_every_pair_with_a_purchase_or_payment_sorted() -> None:
    the_books = books(
        purchase(buyer="B-2", supplier="S-1"),
        payment(buyer="B-1", supplier="S-2"),
        purchase(buyer="B-1", supplier="S-1"),
        suppliers=("S-1", "S-2"),
    )
    rows = reconcile(the_books).buyers
    assert [(row.buyer, row.supplier) for row in rows] == [
        ("B-1", "S-1"),
        ("B-1", "S-2"),
        ("B-2", "S-1"),
    ]


def test_a_pair_active_only_in_earlier_months_keeps_a_row_of_zero_flows() -> None:
    the_books = books(
        purchase(date="2026-08-03", premium="10.00"), payment(date="2026-08-10", amount="10.00")
    )
    [row] = reconcile(the_books, "2026-10").buyers
    assert row.volume == ()
    assert (row.premium_owed, row.premium_paid, row.unpaid_to_date) == (Decimal(0),) * 3


def test_buyer_flows_are_the_months_and_the_payable_is_to_date() -> None:
    the_books = books(
        purchase(date="2026-08-03", premium="100.00"),
        purchase(date="2026-09-03", premium="30.00"),
        payment(date="2026-08-20", amount="60.00"),
        payment(date="2026-09-20", amount="25.00"),
    )
    [row] = reconcile(the_books, "2026-09").buyers
    assert (row.premium_owed, row.premium_paid) == (Decimal("30.00"), Decimal("25.00"))
    assert row.unpaid_to_date == Decimal("45.00")
    # the August lot's remaining 15.00 is 58 days old, past the 30 days' terms
    assert row.overdue == Decimal("15.00")


def test_volume_is_the_months_exact_base_quantity_per_commodity() -> None:
    the_books = books(
        purchase(commodity="tomato", quantity="12000", date="2026-08-03"),
        purchase(commodity="pepper", quantity="2204.62262", date="2026-08-04"),
        purchase(commodity="pepper", quantity="1000.00000", date="2026-08-05"),
        purchase(commodity="pepper", quantity="500", date="2026-07-05"),
    )
    [row] = reconcile(the_books).buyers
    assert row.volume == (("pepper", Decimal("3204.62262")), ("tomato", Decimal("12000")))


def test_every_supplier_has_a_row_sorted_by_code() -> None:
    the_books = books(suppliers=("S-9", "S-1", "S-5"))
    rows = reconcile(the_books).suppliers
    assert [row.supplier for row in rows] == ["S-1", "S-5", "S-9"]
    assert all(row.standing is Standing.GOOD and row.held_to_date == 0 for row in rows)


def test_supplier_flows_are_the_months_and_held_premium_is_to_date() -> None:
    the_books = books(
        payment(date="2026-08-05", amount="100.00"),
        payment(date="2026-09-05", amount="50.00"),
        payroll(pay_date="2026-08-14", premium="40.00", retention="3.06"),
        payroll(pay_date="2026-09-11", premium="20.00", retention="1.53", worker="W-2"),
    )
    [row] = reconcile(the_books, "2026-09").suppliers
    assert (row.premium_received, row.premium_distributed) == (Decimal("50.00"), Decimal("20.00"))
    assert row.premium_retained == Decimal("1.53")
    assert row.held_to_date == Decimal("85.41")


def test_workers_paid_counts_distinct_workers_with_premium_and_lines_count_all() -> None:
    the_books = books(
        payroll(worker="W-1", premium="10.00"),
        payroll(worker="W-1", premium="5.00", period="2026-08-10/2026-08-16"),
        payroll(worker="W-2", premium="0.00"),
        payroll(worker="W-3", premium="4.00", pay_date="2026-09-04"),
    )
    [row] = reconcile(the_books, "2026-08").suppliers
    assert (row.workers_paid, row.payroll_lines) == (1, 3)


def test_records_dated_after_the_as_of_date_change_nothing() -> None:
    august: list[Line] = [
        purchase(date="2026-07-01", premium="100.00"),
        payroll(pay_date="2026-08-14"),
    ]
    later: list[Line] = [
        payment(date="2026-09-01", amount="100.00"),
        purchase(date="2026-09-02"),
        payroll(pay_date="2026-09-04", worker="W-9"),
    ]
    before = render_json(reconcile(books(*august)))
    after = render_json(reconcile(books(*august, *later)))
    assert before == after


def test_the_standing_shown_is_the_one_in_force_on_the_as_of_date() -> None:
    the_books = books(standings=[standing("S-1", "2026-08-31", "probation")])
    assert reconcile(the_books, "2026-08").suppliers[0].standing is Standing.PROBATION


def finding(
    code: FindingCode,
    supplier: str | None = None,
    buyer: str | None = None,
    worker: str | None = None,
    period: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        amount=Decimal("1.00"),
        message="m",
        supplier=supplier,
        buyer=buyer,
        worker=worker,
        period=period,
    )


def test_findings_sort_by_severity_code_supplier_buyer_worker_period_nulls_first() -> None:
    info = finding(FindingCode.BUYER_OVERPAID, supplier="S-1", buyer="B-1")
    critical_late = finding(FindingCode.PASS_THROUGH_LATE, supplier="S-1")
    critical_buyer = finding(FindingCode.BUYER_UNDERPAID, supplier="S-2", buyer="B-1")
    no_buyer = finding(FindingCode.RECEIPT_UNMATCHED, supplier="S-1")
    with_buyer = finding(FindingCode.RECEIPT_UNMATCHED, supplier="S-1", buyer="B-1")
    early_period = finding(
        FindingCode.WORKER_MISSED, supplier="S-1", worker="W-1", period="2026-08-03/2026-08-09"
    )
    late_period = finding(
        FindingCode.WORKER_MISSED, supplier="S-1", worker="W-1", period="2026-08-10/2026-08-16"
    )
    ordered = [
        critical_buyer,
        critical_late,
        no_buyer,
        with_buyer,
        early_period,
        late_period,
        info,
    ]
    shuffled = [
        late_period,
        info,
        with_buyer,
        early_period,
        critical_late,
        no_buyer,
        critical_buyer,
    ]
    assert list(sort_findings(shuffled)) == ordered
