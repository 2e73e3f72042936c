"""Two-sided handshakes: PAYMENT_UNCONFIRMED, RECEIPT_UNMATCHED and VOLUME_MISMATCH."""

from decimal import Decimal

from reconciliation.findings import FindingCode, Severity
from tests.unit.reconciliation.builders import (
    amounts_of,
    books,
    findings_of,
    payment,
    purchase,
    receipt,
    reconcile,
    sale,
    settings,
)

UNCONFIRMED = FindingCode.PAYMENT_UNCONFIRMED
UNMATCHED = FindingCode.RECEIPT_UNMATCHED
MISMATCH = FindingCode.VOLUME_MISMATCH


def test_a_payment_older_than_the_confirmation_days_without_receipt_is_unconfirmed() -> None:
    the_books = books(payment(date="2026-09-08", amount="1393.88", reference="ACH-7"))
    [finding] = findings_of(reconcile(the_books, "2026-09"), UNCONFIRMED)
    assert (finding.buyer, finding.supplier, finding.amount) == ("B-1", "S-1", Decimal("1393.88"))
    assert finding.severity is Severity.WARNING
    assert finding.message == "payment ACH-7 of 2026-09-08 has no receipt"


def test_a_payment_exactly_the_confirmation_days_old_is_not_yet_unconfirmed() -> None:
    assert findings_of(reconcile(books(payment(date="2026-08-17"))), UNCONFIRMED) == []
    assert len(findings_of(reconcile(books(payment(date="2026-08-16"))), UNCONFIRMED)) == 1


def test_payment_unconfirmed_repeats_until_a_receipt_arrives() -> None:
    the_books = books(
        payment(date="2026-08-10", reference="ACH-1"),
        receipt(date="2026-10-02", reference="ACH-1"),
    )
    assert len(findings_of(reconcile(the_books, "2026-08"), UNCONFIRMED)) == 1
    assert len(findings_of(reconcile(the_books, "2026-09"), UNCONFIRMED)) == 1
    assert findings_of(reconcile(the_books, "2026-10"), UNCONFIRMED) == []


def test_a_foreign_payment_is_reported_in_program_currency() -> None:
    the_books = books(payment(date="2026-10-12", amount="688.60", original=("624.07", "EUR")))
    [finding] = findings_of(reconcile(the_books, "2026-11"), UNCONFIRMED)
    assert finding.amount == Decimal("688.60")
    assert "624.07 EUR" in finding.message


def test_a_receipt_of_the_month_that_matches_no_payment_is_unmatched() -> None:
    the_books = books(receipt(date="2026-10-15", amount="248.05", reference="RCV-99825"))
    [finding] = findings_of(reconcile(the_books, "2026-10"), UNMATCHED)
    assert (finding.buyer, finding.supplier, finding.amount) == ("B-1", "S-1", Decimal("248.05"))
    assert finding.message == "receipt RCV-99825 of 2026-10-15 matches no payment"


def test_an_unmatched_receipt_is_reported_only_in_its_own_month() -> None:
    the_books = books(receipt(date="2026-10-15"))
    assert findings_of(reconcile(the_books, "2026-11"), UNMATCHED) == []


def test_a_receipt_for_a_payment_dated_after_the_month_is_unmatched_that_month() -> None:
    the_books = books(
        receipt(date="2026-09-29", amount="50.00"), payment(date="2026-10-02", amount="50.00")
    )
    assert len(findings_of(reconcile(the_books, "2026-09"), UNMATCHED)) == 1
    # by October the receipt confirms the payment, which is no longer unconfirmed
    assert findings_of(reconcile(the_books, "2026-10"), UNCONFIRMED) == []


def test_a_matched_receipt_and_payment_raise_nothing() -> None:
    the_books = books(
        payment(date="2026-08-01", amount="10.00"), receipt(date="2026-08-03", amount="10.00")
    )
    result = reconcile(the_books, "2026-08")
    assert findings_of(result, UNCONFIRMED) == findings_of(result, UNMATCHED) == []


def test_supplier_reporting_more_premium_than_the_buyer_gives_a_positive_mismatch() -> None:
    the_books = books(
        purchase(commodity="tomato", date="2026-09-05", premium="2751.02"),
        sale(commodity="tomato", date="2026-09-06", premium_value="3258.07"),
    )
    [finding] = findings_of(reconcile(the_books, "2026-09"), MISMATCH)
    assert (finding.buyer, finding.supplier, finding.amount) == ("B-1", "S-1", Decimal("507.05"))
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("tomato: ")


def test_buyer_reporting_more_premium_than_the_supplier_gives_a_negative_mismatch() -> None:
    the_books = books(
        purchase(commodity="pepper", date="2026-10-05", premium="785.68"),
        sale(commodity="pepper", date="2026-10-05", premium_value="656.60"),
    )
    assert amounts_of(reconcile(the_books, "2026-10"), MISMATCH) == [Decimal("-129.08")]


def test_commodities_are_compared_separately() -> None:
    the_books = books(
        purchase(commodity="tomato", premium="50.00"),
        sale(commodity="pepper", premium_value="50.00"),
    )
    found = findings_of(reconcile(the_books), MISMATCH)
    assert sorted((f.message.split(":")[0], f.amount) for f in found) == [
        ("pepper", Decimal("50.00")),
        ("tomato", Decimal("-50.00")),
    ]


def test_a_difference_of_exactly_the_tolerance_is_not_a_mismatch() -> None:
    the_books = books(purchase(premium="100.00"), sale(premium_value="101.00"))
    assert findings_of(reconcile(the_books), MISMATCH) == []


def test_a_difference_one_cent_above_the_tolerance_is_a_mismatch() -> None:
    the_books = books(purchase(premium="100.00"), sale(premium_value="98.99"))
    assert amounts_of(reconcile(the_books), MISMATCH) == [Decimal("-1.01")]


def test_volumes_are_not_compared_for_a_supplier_without_sales_in_the_month() -> None:
    the_books = books(
        purchase(date="2026-09-05", premium="100.00"), sale(date="2026-08-05", premium_value="1.00")
    )
    assert findings_of(reconcile(the_books, "2026-09"), MISMATCH) == []


def test_sales_to_a_buyer_that_reported_no_purchase_are_a_mismatch() -> None:
    the_books = books(
        sale(buyer="B-2", premium_value="40.00"),
        purchase(buyer="B-1", premium="10.00"),
        sale(buyer="B-1", premium_value="10.00"),
    )
    found = findings_of(reconcile(the_books), MISMATCH)
    assert [(f.buyer, f.amount) for f in found] == [("B-2", Decimal("40.00"))]


def test_the_volume_tolerance_is_the_amount_tolerance() -> None:
    the_books = books(
        purchase(premium="100.00"),
        sale(premium_value="104.00"),
        program_settings=settings(amount_tolerance=Decimal("5.00")),
    )
    assert findings_of(reconcile(the_books), MISMATCH) == []
