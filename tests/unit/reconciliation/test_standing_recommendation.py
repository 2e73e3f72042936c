"""Standing recommendations: probation, or suspension after two late months running."""

from decimal import Decimal

from reconciliation.books import Standing
from reconciliation.findings import Finding, FindingCode
from reconciliation.recommendation import recommend_standing, recommend_standings
from tests.unit.reconciliation.builders import books, payment, purchase, reconcile, standing


def late(supplier: str = "S-1") -> Finding:
    return Finding(
        code=FindingCode.PASS_THROUGH_LATE,
        supplier=supplier,
        amount=Decimal("25.00"),
        message=f"{supplier} holds 25.00 past the deadline",
    )


def underpaid() -> Finding:
    return Finding(
        code=FindingCode.BUYER_UNDERPAID,
        buyer="B-1",
        supplier="S-1",
        amount=Decimal("25.00"),
        message="B-1 owes S-1 25.00 past terms",
    )


def test_a_good_supplier_with_a_critical_finding_is_recommended_for_probation() -> None:
    recommendation = recommend_standing("S-1", Standing.GOOD, [late()], [])
    assert recommendation is not None
    assert recommendation.recommended is Standing.PROBATION
    assert "S-1 holds 25.00 past the deadline" in recommendation.reason


def test_late_pass_through_two_months_running_is_recommended_for_suspension() -> None:
    recommendation = recommend_standing("S-1", Standing.PROBATION, [late()], [late()])
    assert recommendation is not None
    assert recommendation.recommended is Standing.SUSPENDED
    assert "two months in a row" in recommendation.reason


def test_two_late_months_suspend_a_good_supplier_too() -> None:
    recommendation = recommend_standing("S-1", Standing.GOOD, [late()], [late()])
    assert recommendation is not None
    assert recommendation.recommended is Standing.SUSPENDED


def test_nothing_is_recommended_where_the_supplier_already_stands() -> None:
    assert recommend_standing("S-1", Standing.PROBATION, [late()], []) is None
    assert recommend_standing("S-1", Standing.SUSPENDED, [late()], [late()]) is None
    assert recommend_standing("S-1", Standing.SUSPENDED, [late()], []) is None


def test_a_buyers_failing_does_not_count_against_the_supplier() -> None:
    assert recommend_standing("S-1", Standing.GOOD, [underpaid()], [underpaid()]) is None


def test_another_suppliers_findings_do_not_count() -> None:
    assert recommend_standing("S-1", Standing.GOOD, [late("S-2")], [late("S-2")]) is None


def test_recommendations_are_made_from_two_consecutive_month_results() -> None:
    the_books = books(
        payment(supplier="S-1", date="2026-07-01", amount="100.00"),
        payment(supplier="S-2", date="2026-08-01", amount="100.00"),
        purchase(supplier="S-3", date="2026-09-10"),
        suppliers=("S-1", "S-2", "S-3"),
        standings=[standing("S-3", "2026-09-01", "suspended")],
    )
    september = reconcile(the_books, "2026-09")
    recommendations = recommend_standings(september, reconcile(the_books, "2026-08"))
    assert [(r.supplier, r.current, r.recommended) for r in recommendations] == [
        ("S-1", Standing.GOOD, Standing.SUSPENDED),
        ("S-2", Standing.GOOD, Standing.PROBATION),
    ]
    assert recommend_standings(september, None)[0].recommended is Standing.PROBATION
