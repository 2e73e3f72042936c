"""Pass-through: PASS_THROUGH_LATE and OVER_DISTRIBUTED, retention included in what is passed on."""

from decimal import Decimal

from reconciliation.findings import FindingCode, Severity
from tests.unit.reconciliation.builders import (
    amounts_of,
    books,
    findings_of,
    payment,
    payroll,
    reconcile,
)

LATE = FindingCode.PASS_THROUGH_LATE
OVER = FindingCode.OVER_DISTRIBUTED


def test_held_premium_past_the_deadline_is_pass_through_late() -> None:
    the_books = books(payment(date="2026-07-01", amount="100.00"))
    result = reconcile(the_books, "2026-08")
    [finding] = findings_of(result, LATE)
    assert (finding.supplier, finding.buyer, finding.amount) == ("S-1", None, Decimal("100.00"))
    assert finding.severity is Severity.CRITICAL
    assert finding.message == "S-1 holds 100.00 past the deadline"


def test_retention_posted_for_a_line_counts_as_passed_through() -> None:
    # 50.00 to the worker and 3.83 (50.00 × 0.0765, rounded) retained leave 46.17 held
    the_books = books(
        payment(date="2026-07-01", amount="100.00"),
        payroll(pay_date="2026-07-15", premium="50.00", retention="3.83"),
    )
    result = reconcile(the_books, "2026-08")
    assert amounts_of(result, LATE) == [Decimal("46.17")]
    assert result.suppliers[0].held_to_date == Decimal("46.17")


def test_payroll_lines_consume_the_oldest_payment_first() -> None:
    the_books = books(
        payment(date="2026-07-01", amount="100.00"),
        payment(date="2026-08-20", amount="100.00"),
        payroll(pay_date="2026-08-25", premium="120.00"),
    )
    result = reconcile(the_books, "2026-08")
    assert findings_of(result, LATE) == []
    assert result.suppliers[0].held_to_date == Decimal("80.00")
    # by late September the August payment's remaining 80.00 is past the deadline too
    assert amounts_of(reconcile(the_books, "2026-09"), LATE) == [Decimal("80.00")]


def test_late_held_premium_of_exactly_the_tolerance_is_not_flagged() -> None:
    the_books = books(
        payment(date="2026-07-01", amount="100.00"),
        payroll(pay_date="2026-07-10", premium="92.88", retention="6.12"),
    )
    assert findings_of(reconcile(the_books), LATE) == []


def test_late_held_premium_one_cent_above_the_tolerance_is_flagged() -> None:
    the_books = books(
        payment(date="2026-07-01", amount="100.00"),
        payroll(pay_date="2026-07-10", premium="92.87", retention="6.12"),
    )
    assert amounts_of(reconcile(the_books), LATE) == [Decimal("1.01")]


def test_paying_out_more_than_received_is_over_distributed_by_the_excess() -> None:
    # 95.00 paid out plus 7.27 retained against 100.00 received
    the_books = books(
        payment(date="2026-08-01", amount="100.00"),
        payroll(pay_date="2026-08-14", premium="95.00", retention="7.27"),
    )
    result = reconcile(the_books)
    [finding] = findings_of(result, OVER)
    assert finding.amount == Decimal("2.27")
    assert finding.severity is Severity.INFO
    assert result.suppliers[0].held_to_date == Decimal("-2.27")
    assert result.suppliers[0].held_overdue == 0


def test_over_distribution_of_exactly_the_tolerance_is_not_flagged() -> None:
    the_books = books(
        payment(date="2026-08-01", amount="100.00"),
        payroll(pay_date="2026-08-14", premium="100.00", retention="1.00"),
    )
    assert findings_of(reconcile(the_books), OVER) == []


def test_over_distribution_one_cent_above_the_tolerance_is_flagged() -> None:
    the_books = books(
        payment(date="2026-08-01", amount="100.00"),
        payroll(pay_date="2026-08-14", premium="100.00", retention="1.01"),
    )
    assert amounts_of(reconcile(the_books), OVER) == [Decimal("1.01")]


def test_over_distribution_repeats_until_more_premium_arrives() -> None:
    the_books = books(
        payment(date="2026-08-01", amount="100.00"),
        payroll(pay_date="2026-08-14", premium="110.00"),
        payment(date="2026-10-01", amount="10.00"),
    )
    assert amounts_of(reconcile(the_books, "2026-09"), OVER) == [Decimal("10.00")]
    assert findings_of(reconcile(the_books, "2026-10"), OVER) == []


def test_payments_from_every_buyer_fill_one_suppliers_held_premium() -> None:
    the_books = books(
        payment(buyer="B-1", date="2026-08-01", amount="60.00"),
        payment(buyer="B-2", date="2026-08-02", amount="40.00"),
        payroll(pay_date="2026-08-14", premium="100.00"),
    )
    assert reconcile(the_books).suppliers[0].held_to_date == 0
