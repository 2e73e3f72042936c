"""The result of a monthly reconciliation: buyer rows, supplier rows and findings.

Flows (`premium_owed`, `premium_paid`, `premium_received`, `premium_distributed`,
`premium_retained`, `volume`) are the month's own; `*_to_date` and overdue
figures are balances as of the month's last day.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reconciliation.books import Standing
from reconciliation.findings import Finding
from reconciliation.months import Month


@dataclass(frozen=True, slots=True, kw_only=True)
class BuyerRow:
    """One (buyer, supplier) pair: the month's purchases and payments and the payable's age.

    `volume` holds (commodity, exact base-unit quantity of the month) pairs,
    sorted by commodity, for commodities bought in the month.
    """

    buyer: str
    supplier: str
    volume: tuple[tuple[str, Decimal], ...]
    premium_owed: Decimal
    premium_paid: Decimal
    unpaid_to_date: Decimal
    overdue: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplierRow:
    """One supplier: the month's premium received and passed on, and its held premium's age."""

    supplier: str
    standing: Standing
    premium_received: Decimal
    premium_distributed: Decimal
    premium_retained: Decimal
    held_to_date: Decimal
    held_overdue: Decimal
    workers_paid: int
    payroll_lines: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MonthResult:
    """A program's reconciliation for one month, rows and findings in report order."""

    program: str
    month: Month
    currency: str
    currency_exponent: int
    buyers: tuple[BuyerRow, ...]
    suppliers: tuple[SupplierRow, ...]
    findings: tuple[Finding, ...]

    @property
    def as_of(self) -> dt.date:
        """The date the month is reported as of: its last day."""
        return self.month.last_day
