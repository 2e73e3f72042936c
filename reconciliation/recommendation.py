"""Standing recommendations: what a month's findings suggest for a supplier's standing.

Probation after a critical finding of the supplier's own in the month;
suspension after late pass-through (`PASS_THROUGH_LATE`) in two consecutive
months. Only a recommendation: a person confirms it and records the change.
Findings that also name a buyer (`BUYER_UNDERPAID`,
`SUSPENDED_SUPPLIER_PURCHASE`) are the buyer's failing, not the supplier's.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from reconciliation.books import Standing
from reconciliation.findings import Finding, FindingCode, Severity
from reconciliation.result import MonthResult


@dataclass(frozen=True, slots=True, kw_only=True)
class Recommendation:
    """A suggested change of a supplier's standing, with the reason to show the reviewer."""

    supplier: str
    current: Standing
    recommended: Standing
    reason: str


def recommend_standing(
    supplier: str,
    current: Standing,
    findings: Sequence[Finding],
    previous_findings: Sequence[Finding],
) -> Recommendation | None:
    """The recommendation for one supplier from this month's and last month's findings.

    None when the findings ask for no change or the supplier already stands
    where they point (a recommendation never lightens a standing).
    """
    late_now = _own(findings, supplier, FindingCode.PASS_THROUGH_LATE)
    late_before = _own(previous_findings, supplier, FindingCode.PASS_THROUGH_LATE)
    if late_now and late_before and current is not Standing.SUSPENDED:
        reason = "premium passed through late two months in a row: " + late_now[0].message
        return _recommend(supplier, current, Standing.SUSPENDED, reason)
    critical = [f for f in _own(findings, supplier) if f.severity is Severity.CRITICAL]
    if critical and current is Standing.GOOD:
        reason = "critical finding this month: " + "; ".join(f.message for f in critical)
        return _recommend(supplier, current, Standing.PROBATION, reason)
    return None


def recommend_standings(
    result: MonthResult, previous: MonthResult | None
) -> tuple[Recommendation, ...]:
    """Recommendations for every supplier of the month, by supplier code."""
    previous_findings = previous.findings if previous is not None else ()
    recommendations = (
        recommend_standing(row.supplier, row.standing, result.findings, previous_findings)
        for row in result.suppliers
    )
    return tuple(r for r in recommendations if r is not None)


def _own(
    findings: Sequence[Finding], supplier: str, code: FindingCode | None = None
) -> list[Finding]:
    return [
        f
        for f in findings
        if f.supplier == supplier and f.buyer is None and (code is None or f.code is code)
    ]


def _recommend(
    supplier: str, current: Standing, recommended: Standing, reason: str
) -> Recommendation:
    return Recommendation(
        supplier=supplier, current=current, recommended=recommended, reason=reason
    )
