"""A monthly report: one stored reconciliation run of a program's month, ready to render.

The report holds what every rendering shows (the run's metadata, its contract
result, the findings with their review, the per-supplier premium flow and the
last twelve months of premium received and passed on); the month's worker
lines are too many to hold and are streamed beside it (reports.worker_lines).
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ledger.reconciliation_runs import FindingRecord, RecommendationRecord
from reconciliation.result import BuyerRow, SupplierRow

SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunInfo:
    """Which stored run the report renders, and whether it is signed off."""

    version: int
    run_at: dt.datetime
    run_by: str
    sha256: str
    signed_off_by: str | None
    signed_off_at: dt.datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplierFlow:
    """A supplier's premium of the month: owed by its buyers, paid to it, passed to workers."""

    supplier: str
    owed: Decimal
    paid: Decimal
    distributed: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthFlow:
    """One month of the program's premium: received by suppliers, passed on to workers."""

    month: str
    received: Decimal
    passed_on: Decimal


class WorkerLine(NamedTuple):
    """One live payroll line of the month and the findings that flag its worker and period."""

    supplier: str
    worker_id: str
    worker_name: str
    period_start: dt.date
    period_end: dt.date
    pay_date: dt.date
    hours: Decimal | None
    gross_wages: Decimal | None
    units: Decimal | None
    premium: Decimal
    retention: Decimal
    flagged_by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthReport:
    """A program's month as one stored run reported it, with the review of its findings."""

    program: str
    program_name: str
    month: str
    as_of: dt.date
    currency: str
    exponent: int
    run: RunInfo
    buyers: tuple[BuyerRow, ...]
    suppliers: tuple[SupplierRow, ...]
    supplier_names: Mapping[str, str]
    findings: tuple[FindingRecord, ...]
    recommendations: tuple[RecommendationRecord, ...]
    history: tuple[MonthFlow, ...]

    @property
    def severity_counts(self) -> dict[str, int]:
        """Findings per severity, every severity listed (critical, warning, info)."""
        counted = Counter(finding.severity for finding in self.findings)
        return {severity: counted[severity] for severity in SEVERITIES}

    @property
    def supplier_flows(self) -> tuple[SupplierFlow, ...]:
        """Each supplier's premium owed, paid and distributed in the month, by code."""
        return tuple(
            SupplierFlow(
                supplier=row.supplier,
                owed=_sum(b.premium_owed for b in self.buyers if b.supplier == row.supplier),
                paid=row.premium_received,
                distributed=row.premium_distributed,
            )
            for row in self.suppliers
        )

    @property
    def totals(self) -> dict[str, Decimal]:
        """The month's program-wide figures, named as the contract names them."""
        buyers, suppliers = self.buyers, self.suppliers
        return {
            "premium_owed": _sum(row.premium_owed for row in buyers),
            "premium_paid": _sum(row.premium_paid for row in buyers),
            "unpaid_to_date": _sum(row.unpaid_to_date for row in buyers),
            "overdue": _sum(row.overdue for row in buyers),
            "premium_received": _sum(row.premium_received for row in suppliers),
            "premium_distributed": _sum(row.premium_distributed for row in suppliers),
            "premium_retained": _sum(row.premium_retained for row in suppliers),
            "held_to_date": _sum(row.held_to_date for row in suppliers),
            "held_overdue": _sum(row.held_overdue for row in suppliers),
        }

    @property
    def counts(self) -> dict[str, int]:
        """Workers paid and payroll lines of the month, over every supplier."""
        return {
            "workers_paid": sum(row.workers_paid for row in self.suppliers),
            "payroll_lines": sum(row.payroll_lines for row in self.suppliers),
        }

    def recommendation(self, supplier: str) -> RecommendationRecord | None:
        """The standing change the run recommended for a supplier, if any."""
        return next((r for r in self.recommendations if r.supplier == supplier), None)


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal(0))
