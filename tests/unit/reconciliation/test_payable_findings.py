"""Buyer payables: BUYER_UNDERPAID and BUYER_OVERPAID, their tolerance and repetition."""

from decimal import Decimal

from reconciliation.findings import FindingCode, Severity
from tests.unit.reconciliation.builders import (
    amounts_of,
    books,
    findings_of,
    payment,
    purchase,
    reconcile,
    settings,
)

UNDERPAID = FindingCode.BUYER_UNDERPAID
OVERPAID = FindingCode.BUYER_OVERPAID


def test_an_unpaid_remainder_past_terms_is_buyer_underpaid() -> None:
    the_books = books(
        purchase(date="2026-07-01", premium="100.00"),
        payment(date="2026-07-20", amount="60.00"),
    )
    result = reconcile(the_books, "2026-08")
    [finding] = findings_of(result, UNDERPAID)
    assert (finding.buyer, finding.supplier, finding.amount) == ("B-1", "S-1", Decimal("40.00"))
    assert finding.severity is Severity.CRITICAL
    assert finding.message == "B-1 owes S-1 40.00 past terms"


def test_buyer_underpaid_repeats_every_month_while_it_persists() -> None:
    the_books = books(purchase(date="2026-07-01", premium="100.00"))
    assert amounts_of(reconcile(the_books, "2026-08"), UNDERPAID) == [Decimal("100.00")]
    assert amounts_of(reconcile(the_books, "2026-09"), UNDERPAID) == [Decimal("100.00")]


def test_a_purchase_still_within_terms_is_not_flagged() -> None:
    the_books = books(purchase(date="2026-08-01", premium="100.00"))
    assert findings_of(reconcile(the_books, "2026-08"), UNDERPAID) == []


def test_an_overdue_remainder_of_exactly_the_tolerance_is_not_flagged() -> None:
    the_books = books(
        purchase(date="2026-07-01", premium="100.00"), payment(date="2026-07-05", amount="99.00")
    )
    assert findings_of(reconcile(the_books), UNDERPAID) == []


def test_an_overdue_remainder_one_cent_above_the_tolerance_is_flagged() -> None:
    the_books = books(
        purchase(date="2026-07-01", premium="100.00"), payment(date="2026-07-05", amount="98.99")
    )
    assert amounts_of(reconcile(the_books), UNDERPAID) == [Decimal("1.01")]


def test_the_tolerance_is_a_setting() -> None:
    the_books = books(
        purchase(date="2026-07-01", premium="100.00"),
        payment(date="2026-07-05", amount="90.00"),
        program_settings=settings(amount_tolerance=Decimal("10.00")),
    )
    assert findings_of(reconcile(the_books), UNDERPAID) == []


def test_paying_more_than_accrued_is_buyer_overpaid_by_the_excess() -> None:
    the_books = books(
        purchase(date="2026-08-01", premium="100.00"),
        payment(date="2026-08-10", amount="60.00"),
        payment(date="2026-08-20", amount="41.01"),
    )
    result = reconcile(the_books)
    [finding] = findings_of(result, OVERPAID)
    assert finding.amount == Decimal("1.01")
    assert finding.severity is Severity.INFO
    assert result.buyers[0].unpaid_to_date == Decimal("-1.01")


def test_an_overpayment_of_exactly_the_tolerance_is_not_flagged() -> None:
    the_books = books(
        purchase(date="2026-08-01", premium="100.00"), payment(date="2026-08-10", amount="101.00")
    )
    assert findings_of(reconcile(the_books), OVERPAID) == []


def test_buyer_overpaid_repeats_while_the_excess_stands() -> None:
    the_books = books(
        purchase(date="2026-08-01", premium="100.00"), payment(date="2026-08-10", amount="150.00")
    )
    assert amounts_of(reconcile(the_books, "2026-09"), OVERPAID) == [Decimal("50.00")]


def test_payables_are_kept_per_buyer_and_supplier() -> None:
    the_books = books(
        purchase(buyer="B-1", supplier="S-1", date="2026-07-01", premium="100.00"),
        payment(buyer="B-1", supplier="S-2", date="2026-07-02", amount="100.00"),
        suppliers=("S-1", "S-2"),
    )
    result = reconcile(the_books)
    assert amounts_of(result, UNDERPAID) == [Decimal("100.00")]
    assert [(f.supplier, f.amount) for f in findings_of(result, OVERPAID)] == [
        ("S-2", Decimal("100.00"))
    ]
