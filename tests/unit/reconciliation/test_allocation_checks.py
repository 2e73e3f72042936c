"""Allocation checks per pay period: WORKER_MISSED, ALLOCATION_DEVIATION, DUPLICATE_PAYROLL_LINE."""

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from reconciliation.allocation_checks import share_period
from reconciliation.books import AllocationBasis
from reconciliation.findings import Finding, FindingCode, Severity
from reconciliation.result import MonthResult
from tests.unit.reconciliation.builders import (
    books,
    findings_of,
    payroll,
    reconcile,
    settings,
)

MISSED = FindingCode.WORKER_MISSED
DEVIATION = FindingCode.ALLOCATION_DEVIATION
DUPLICATE = FindingCode.DUPLICATE_PAYROLL_LINE


def allocation_findings(result: MonthResult) -> list[Finding]:
    """The result's findings on allocation, leaving out those on unfunded pass-through."""
    return [f for f in result.findings if f.code in (MISSED, DEVIATION, DUPLICATE)]


def test_the_expected_share_is_the_pool_in_proportion_to_the_basis() -> None:
    lines = [
        payroll(worker="W-1", hours="30", premium="30.00"),
        payroll(worker="W-2", hours="10", premium="10.00", retention="0.77"),
    ]
    shares = share_period(lines, AllocationBasis.HOURS)
    assert [(s.worker_id, s.expected) for s in shares] == [
        ("W-1", Fraction(30)),
        ("W-2", Fraction(10)),
    ]


def test_the_expected_share_is_kept_exact() -> None:
    lines = [payroll(worker=w, hours="1", premium=p) for w, p in [("A", "0.33"), ("B", "0.67")]]
    shares = share_period(lines, AllocationBasis.HOURS)
    assert [s.expected for s in shares] == [Fraction(1, 2), Fraction(1, 2)]


def test_a_worker_with_hours_but_no_premium_is_missed_by_the_expected_share() -> None:
    the_books = books(
        payroll(worker="W-1", hours="40", premium="40.00"),
        payroll(worker="E-61391", hours="10", premium="0.00"),
    )
    [finding] = findings_of(reconcile(the_books), MISSED)
    assert (finding.supplier, finding.worker) == ("S-1", "E-61391")
    assert (finding.period, finding.amount) == ("2026-08-03/2026-08-09", Decimal("8.00"))
    assert finding.severity is Severity.WARNING
    assert finding.message == "E-61391 has 10 hours but no premium"


def test_a_missed_worker_gets_no_allocation_deviation_of_their_own() -> None:
    the_books = books(
        payroll(worker="W-1", hours="40", premium="40.00"),
        payroll(worker="W-2", hours="10", premium="0.00"),
    )
    deviations = findings_of(reconcile(the_books), DEVIATION)
    assert [(f.worker, f.amount) for f in deviations] == [("W-1", Decimal("-8.00"))]


def test_no_worker_is_missed_in_a_period_without_premium() -> None:
    the_books = books(
        payroll(worker="W-1", hours="40", premium="0.00"),
        payroll(worker="W-2", hours="10", premium="0.00"),
    )
    assert allocation_findings(reconcile(the_books)) == []


def test_a_worker_owed_less_than_a_cent_is_not_missed() -> None:
    # 1 hour of 10001 shares 100.00 as 0.0099..., which the largest-remainder split makes 0.00
    the_books = books(
        payroll(worker="W-1", hours="10000", premium="100.00"),
        payroll(worker="W-2", hours="1", premium="0.00"),
    )
    assert allocation_findings(reconcile(the_books)) == []


def test_a_deviation_of_exactly_the_relative_tolerance_is_fine() -> None:
    # expected 100.00 each; 5% of it is 5.00
    the_books = books(
        payroll(worker="W-1", hours="50", premium="105.00"),
        payroll(worker="W-2", hours="50", premium="95.00"),
    )
    assert findings_of(reconcile(the_books), DEVIATION) == []


def test_a_deviation_one_cent_beyond_the_relative_tolerance_is_flagged_signed() -> None:
    the_books = books(
        payroll(worker="W-1", hours="50", premium="105.01"),
        payroll(worker="W-2", hours="50", premium="94.99"),
    )
    found = findings_of(reconcile(the_books), DEVIATION)
    assert [(f.worker, f.amount) for f in found] == [
        ("W-1", Decimal("-5.01")),
        ("W-2", Decimal("5.01")),
    ]
    assert found[0].message == "W-1 got 105.01, expected 100.00"


def test_small_shares_may_deviate_by_one_cent() -> None:
    # expected 0.10 each: 5% is half a cent, so a cent is the allowance
    fine = books(
        payroll(worker="W-1", hours="1", premium="0.11"),
        payroll(worker="W-2", hours="1", premium="0.09"),
    )
    flagged = books(
        payroll(worker="W-1", hours="1", premium="0.12"),
        payroll(worker="W-2", hours="1", premium="0.08"),
    )
    assert findings_of(reconcile(fine), DEVIATION) == []
    assert len(findings_of(reconcile(flagged), DEVIATION)) == 2


def test_the_relative_tolerance_is_a_setting() -> None:
    the_books = books(
        payroll(worker="W-1", hours="50", premium="110.00"),
        payroll(worker="W-2", hours="50", premium="90.00"),
        program_settings=settings(allocation_tolerance=Decimal("0.10")),
    )
    assert findings_of(reconcile(the_books), DEVIATION) == []


def test_the_reported_expected_share_is_rounded_half_up() -> None:
    # 20.01 over two equal workers: exactly 10.005 each
    the_books = books(
        payroll(worker="W-1", hours="8", premium="20.01"),
        payroll(worker="W-2", hours="8", premium="0.00"),
    )
    result = reconcile(the_books)
    assert [f.amount for f in findings_of(result, MISSED)] == [Decimal("10.01")]
    [deviation] = findings_of(result, DEVIATION)
    assert deviation.amount == Decimal("-10.00")
    assert deviation.message == "W-1 got 20.01, expected 10.01"


def test_shares_that_do_not_terminate_are_compared_exactly() -> None:
    the_books = books(
        payroll(worker="W-1", hours="1", premium="33.34"),
        payroll(worker="W-2", hours="1", premium="33.33"),
        payroll(worker="W-3", hours="1", premium="33.33"),
    )
    assert allocation_findings(reconcile(the_books)) == []


@pytest.mark.parametrize(
    ("basis", "columns"),
    [
        (AllocationBasis.GROSS_WAGES, {"gross_wages": ("300.00", "100.00")}),
        (AllocationBasis.UNITS, {"units": ("75", "25")}),
    ],
)
def test_the_allocation_basis_decides_the_shares(
    basis: AllocationBasis, columns: dict[str, tuple[str, str]]
) -> None:
    [(column, (first, second))] = columns.items()
    the_books = books(
        payroll(worker="W-1", hours="40", premium="20.00", **{column: first}),
        payroll(worker="W-2", hours="40", premium="20.00", **{column: second}),
        program_settings=settings(allocation_basis=basis),
    )
    found = findings_of(reconcile(the_books), DEVIATION)
    assert [(f.worker, f.amount) for f in found] == [
        ("W-1", Decimal("10.00")),
        ("W-2", Decimal("-10.00")),
    ]
    # the same lines shared by hours, equal for both, are fair
    assert allocation_findings(reconcile(replace(the_books, settings=settings()))) == []


def test_gross_wages_missed_are_named_as_money() -> None:
    the_books = books(
        payroll(worker="W-1", gross_wages="300.00", premium="30.00"),
        payroll(worker="W-2", gross_wages="100.50", premium="0.00"),
        program_settings=settings(allocation_basis=AllocationBasis.GROSS_WAGES),
    )
    [finding] = findings_of(reconcile(the_books), MISSED)
    assert finding.message == "W-2 has 100.50 in gross wages but no premium"


def test_a_line_without_the_basis_counts_as_zero_basis() -> None:
    the_books = books(
        payroll(worker="W-1", units="10", premium="10.00"),
        payroll(worker="W-2", units=None, premium="5.00"),
        program_settings=settings(allocation_basis=AllocationBasis.UNITS),
    )
    found = findings_of(reconcile(the_books), DEVIATION)
    assert [(f.worker, f.amount) for f in found] == [
        ("W-1", Decimal("5.00")),
        ("W-2", Decimal("-5.00")),
    ]


def test_a_workers_lines_in_a_period_are_summed_first() -> None:
    the_books = books(
        payroll(worker="W-1", hours="20", premium="10.00"),
        payroll(worker="W-1", hours="20", premium="10.00"),
        payroll(worker="W-2", hours="40", premium="20.00"),
    )
    assert findings_of(reconcile(the_books), DEVIATION) == []


def test_each_pay_period_is_checked_on_its_own() -> None:
    the_books = books(
        payroll(worker="W-1", period="2026-08-03/2026-08-09", hours="40", premium="40.00"),
        payroll(worker="W-2", period="2026-08-10/2026-08-16", hours="40", premium="10.00"),
    )
    assert allocation_findings(reconcile(the_books)) == []


def test_only_periods_paid_in_the_month_are_checked() -> None:
    the_books = books(
        payroll(worker="W-1", hours="40", premium="40.00", pay_date="2026-09-04"),
        payroll(worker="W-2", hours="40", premium="0.00", pay_date="2026-09-04"),
    )
    assert findings_of(reconcile(the_books, "2026-08"), MISSED) == []
    assert len(findings_of(reconcile(the_books, "2026-09"), MISSED)) == 1


def test_two_lines_for_one_worker_and_period_are_a_duplicate_of_all_but_the_largest() -> None:
    the_books = books(
        payroll(
            worker="7284241",
            period="2026-09-21/2026-09-27",
            pay_date="2026-10-02",
            hours="40",
            premium="121.57",
        ),
        payroll(
            worker="7284241",
            period="2026-09-21/2026-09-27",
            pay_date="2026-10-02",
            hours="7.5",
            premium="22.80",
        ),
    )
    [finding] = findings_of(reconcile(the_books, "2026-10"), DUPLICATE)
    assert (finding.worker, finding.period) == ("7284241", "2026-09-21/2026-09-27")
    assert finding.amount == Decimal("22.80")
    assert finding.severity is Severity.WARNING
    assert finding.message == "2 lines for 7284241 in 2026-09-21/2026-09-27"


def test_a_duplicate_is_reported_in_the_month_its_lines_are_paid() -> None:
    the_books = books(
        payroll(period="2026-09-21/2026-09-27", pay_date="2026-10-02", premium="5.00"),
        payroll(period="2026-09-21/2026-09-27", pay_date="2026-10-02", premium="5.00"),
    )
    assert findings_of(reconcile(the_books, "2026-09"), DUPLICATE) == []
    assert findings_of(reconcile(the_books, "2026-11"), DUPLICATE) == []
    assert len(findings_of(reconcile(the_books, "2026-10"), DUPLICATE)) == 1


def test_a_line_repeated_in_a_later_month_is_reported_then() -> None:
    the_books = books(
        payroll(period="2026-09-21/2026-09-27", pay_date="2026-09-30", premium="5.00"),
        payroll(period="2026-09-21/2026-09-27", pay_date="2026-10-02", premium="4.00"),
    )
    assert findings_of(reconcile(the_books, "2026-09"), DUPLICATE) == []
    [finding] = findings_of(reconcile(the_books, "2026-10"), DUPLICATE)
    assert finding.amount == Decimal("4.00")


def test_three_lines_give_one_finding_and_zero_premium_lines_count() -> None:
    the_books = books(payroll(premium="10.00"), payroll(premium="3.00"), payroll(premium="0.00"))
    [finding] = findings_of(reconcile(the_books), DUPLICATE)
    assert finding.amount == Decimal("3.00")
    assert finding.message.startswith("3 lines for W-1")


def test_lines_of_different_suppliers_are_not_duplicates() -> None:
    the_books = books(payroll(supplier="S-1"), payroll(supplier="S-2"), suppliers=("S-1", "S-2"))
    assert findings_of(reconcile(the_books), DUPLICATE) == []
