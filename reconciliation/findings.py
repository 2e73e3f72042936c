"""Findings: what a monthly reconciliation flags, how severe it is, and their report order."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final


class Severity(StrEnum):
    """How urgently a monitor should look at a finding."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


class FindingCode(StrEnum):
    """The finding codes of DESIGN §6."""

    BUYER_UNDERPAID = "BUYER_UNDERPAID"
    BUYER_OVERPAID = "BUYER_OVERPAID"
    PASS_THROUGH_LATE = "PASS_THROUGH_LATE"
    OVER_DISTRIBUTED = "OVER_DISTRIBUTED"
    SUSPENDED_SUPPLIER_PURCHASE = "SUSPENDED_SUPPLIER_PURCHASE"
    PAYMENT_UNCONFIRMED = "PAYMENT_UNCONFIRMED"
    RECEIPT_UNMATCHED = "RECEIPT_UNMATCHED"
    VOLUME_MISMATCH = "VOLUME_MISMATCH"
    WORKER_MISSED = "WORKER_MISSED"
    ALLOCATION_DEVIATION = "ALLOCATION_DEVIATION"
    DUPLICATE_PAYROLL_LINE = "DUPLICATE_PAYROLL_LINE"


SEVERITY: Final[Mapping[FindingCode, Severity]] = {
    FindingCode.BUYER_UNDERPAID: Severity.CRITICAL,
    FindingCode.BUYER_OVERPAID: Severity.INFO,
    FindingCode.PASS_THROUGH_LATE: Severity.CRITICAL,
    FindingCode.OVER_DISTRIBUTED: Severity.INFO,
    FindingCode.SUSPENDED_SUPPLIER_PURCHASE: Severity.CRITICAL,
    FindingCode.PAYMENT_UNCONFIRMED: Severity.WARNING,
    FindingCode.RECEIPT_UNMATCHED: Severity.WARNING,
    FindingCode.VOLUME_MISMATCH: Severity.WARNING,
    FindingCode.WORKER_MISSED: Severity.WARNING,
    FindingCode.ALLOCATION_DEVIATION: Severity.WARNING,
    FindingCode.DUPLICATE_PAYROLL_LINE: Severity.WARNING,
}

_SEVERITY_RANK: Final[Mapping[Severity, int]] = {
    Severity.CRITICAL: 0,
    Severity.WARNING: 1,
    Severity.INFO: 2,
}


_Nullable = tuple[bool, str]
_OrderKey = tuple[int, str, _Nullable, _Nullable, _Nullable, _Nullable, Decimal, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One flagged gap; `amount` is in program currency, rounded as reported."""

    code: FindingCode
    amount: Decimal
    message: str
    buyer: str | None = None
    supplier: str | None = None
    worker: str | None = None
    period: str | None = None

    @property
    def severity(self) -> Severity:
        """The severity that DESIGN §6 gives the finding's code."""
        return SEVERITY[self.code]


def format_period(start: dt.date, end: dt.date) -> str:
    """A pay period as findings name it: `YYYY-MM-DD/YYYY-MM-DD`."""
    return f"{start.isoformat()}/{end.isoformat()}"


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in report order: severity, code, supplier, buyer, worker, period.

    Missing values sort first and text compares as plain text; amount and
    message only break the remaining ties, so the order is always the same.
    """
    return tuple(sorted(findings, key=_report_order))


def _report_order(finding: Finding) -> _OrderKey:
    return (
        _SEVERITY_RANK[finding.severity],
        finding.code.value,
        _nulls_first(finding.supplier),
        _nulls_first(finding.buyer),
        _nulls_first(finding.worker),
        _nulls_first(finding.period),
        finding.amount,
        finding.message,
    )


def _nulls_first(text: str | None) -> tuple[bool, str]:
    return (text is not None, text or "")
