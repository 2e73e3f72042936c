"""Standing in force on a date, and SUSPENDED_SUPPLIER_PURCHASE by the purchase date's standing."""

from decimal import Decimal

from reconciliation.books import Standing
from reconciliation.findings import FindingCode, Severity
from reconciliation.standing import build_standing_history
from tests.unit.reconciliation.builders import (
    books,
    day,
    findings_of,
    purchase,
    reconcile,
    standing,
)

SUSPENDED = FindingCode.SUSPENDED_SUPPLIER_PURCHASE


def test_a_supplier_is_good_until_its_first_standing_change() -> None:
    history = build_standing_history([standing("S-1", "2026-09-09", "suspended")])
    assert history.on("S-1", day("2026-09-08")) is Standing.GOOD
    assert history.on("S-1", day("2026-09-09")) is Standing.SUSPENDED
    assert history.on("S-2", day("2026-09-09")) is Standing.GOOD


def test_each_change_holds_until_the_next() -> None:
    history = build_standing_history(
        [
            standing("S-1", "2026-10-01", "good"),
            standing("S-1", "2026-06-15", "probation"),
            standing("S-1", "2026-09-01", "suspended"),
        ]
    )
    assert history.on("S-1", day("2026-07-01")) is Standing.PROBATION
    assert history.on("S-1", day("2026-09-30")) is Standing.SUSPENDED
    assert history.on("S-1", day("2026-10-01")) is Standing.GOOD


def test_of_two_changes_on_one_day_the_later_recorded_wins() -> None:
    history = build_standing_history(
        [standing("S-1", "2026-09-01", "probation"), standing("S-1", "2026-09-01", "suspended")]
    )
    assert history.on("S-1", day("2026-09-01")) is Standing.SUSPENDED


def test_purchases_on_or_after_suspension_are_flagged_with_their_premium() -> None:
    the_books = books(
        purchase(date="2026-09-08", premium="10.00"),
        purchase(date="2026-09-09", premium="20.00"),
        purchase(date="2026-09-20", premium="30.50"),
        standings=[standing("S-1", "2026-09-09", "suspended")],
    )
    [finding] = findings_of(reconcile(the_books, "2026-09"), SUSPENDED)
    assert (finding.buyer, finding.supplier, finding.amount) == ("B-1", "S-1", Decimal("50.50"))
    assert finding.severity is Severity.CRITICAL
    assert finding.message == "2 purchase(s) while S-1 was suspended"


def test_purchases_after_reinstatement_are_not_flagged() -> None:
    the_books = books(
        purchase(date="2026-09-10", premium="10.00"),
        purchase(date="2026-09-20", premium="30.00"),
        standings=[
            standing("S-1", "2026-09-09", "suspended"),
            standing("S-1", "2026-09-15", "good"),
        ],
    )
    [finding] = findings_of(reconcile(the_books, "2026-09"), SUSPENDED)
    assert finding.amount == Decimal("10.00")


def test_only_the_months_purchases_are_flagged() -> None:
    the_books = books(
        purchase(date="2026-09-10", premium="10.00"),
        purchase(date="2026-10-02", premium="7.00"),
        standings=[standing("S-1", "2026-09-09", "suspended")],
    )
    assert [f.amount for f in findings_of(reconcile(the_books, "2026-10"), SUSPENDED)] == [
        Decimal("7.00")
    ]


def test_one_finding_per_buyer_of_a_suspended_supplier() -> None:
    the_books = books(
        purchase(buyer="B-2", date="2026-09-10", premium="5.00"),
        purchase(buyer="B-1", date="2026-09-11", premium="6.00"),
        standings=[standing("S-1", "2026-09-01", "suspended")],
    )
    found = findings_of(reconcile(the_books, "2026-09"), SUSPENDED)
    assert [(f.buyer, f.amount) for f in found] == [
        ("B-1", Decimal("6.00")),
        ("B-2", Decimal("5.00")),
    ]


def test_probation_is_not_suspension() -> None:
    the_books = books(
        purchase(date="2026-09-10"), standings=[standing("S-1", "2026-09-01", "probation")]
    )
    assert findings_of(reconcile(the_books, "2026-09"), SUSPENDED) == []


def test_the_report_shows_the_standing_in_force_on_the_as_of_date() -> None:
    the_books = books(standings=[standing("S-1", "2026-09-09", "suspended")])
    assert reconcile(the_books, "2026-08").suppliers[0].standing is Standing.GOOD
    assert reconcile(the_books, "2026-09").suppliers[0].standing is Standing.SUSPENDED
