"""In-memory reports for renderer tests: a month of two buyers, two suppliers and findings."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ledger.reconciliation_runs import FindingRecord, RecommendationRecord
from reconciliation.books import Standing
from reconciliation.result import BuyerRow, SupplierRow
from reports.model import MonthFlow, MonthReport, RunInfo, WorkerLine

RUN_AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def buyer_row(buyer: str, supplier: str, owed: str, paid: str) -> BuyerRow:
    return BuyerRow(
        buyer=buyer,
        supplier=supplier,
        volume=(("tomato", Decimal("12000")),),
        premium_owed=Decimal(owed),
        premium_paid=Decimal(paid),
        unpaid_to_date=Decimal(owed) - Decimal(paid),
        overdue=Decimal("0"),
    )


def supplier_row(supplier: str, received: str, distributed: str, lines: int = 2) -> SupplierRow:
    return SupplierRow(
        supplier=supplier,
        standing=Standing.GOOD,
        premium_received=Decimal(received),
        premium_distributed=Decimal(distributed),
        premium_retained=Decimal("6.89"),
        held_to_date=Decimal("3.11"),
        held_overdue=Decimal("0"),
        workers_paid=lines,
        payroll_lines=lines,
    )


def finding(code: str, severity: str, amount: str, **fields: object) -> FindingRecord:
    values: dict[str, object] = {"buyer": None, "supplier": "S-1", "worker": None, "period": None}
    values.update({"message": f"{code} found"} | fields)
    return FindingRecord(code=code, severity=severity, amount=Decimal(amount), **values)  # type: ignore[arg-type]


def sample_report(**changes: object) -> MonthReport:
    """October 2026 of program P: B-1 buys from S-1 and S-2; three findings."""
    report = MonthReport(
        program="P",
        program_name="Program P",
        month="2026-10",
        as_of=dt.date(2026, 10, 31),
        currency="USD",
        exponent=2,
        run=RunInfo(
            version=2,
            run_at=RUN_AT,
            run_by="monitor@example.org (api)",
            sha256="ab" * 32,
            signed_off_by=None,
            signed_off_at=None,
        ),
        buyers=(buyer_row("B-1", "S-1", "120.00", "100.00"), buyer_row("B-1", "S-2", "80.50", "0")),
        suppliers=(supplier_row("S-1", "100.00", "90.00"), supplier_row("S-2", "0.00", "0.00", 0)),
        supplier_names={"S-1": "Farm One", "S-2": "Farm Two"},
        findings=(
            finding("PASS_THROUGH_LATE", "critical", "250.00"),
            replace(
                finding(
                    "ALLOCATION_DEVIATION",
                    "warning",
                    "-1.25",
                    worker="W-2",
                    period="2026-10-05/2026-10-11",
                ),
                status="acknowledged",
                status_comment="=cmd|' /C calc'!A0",
                reviewed_by="monitor@example.org",
                reviewed_at=RUN_AT,
            ),
            finding("BUYER_OVERPAID", "info", "3.00", buyer="B-1"),
        ),
        recommendations=(
            RecommendationRecord(
                supplier="S-1", standing="good", recommended="probation", reason="late twice"
            ),
        ),
        history=tuple(
            MonthFlow(
                month=f"{2025 + (m > 2)}-{(m + 9) % 12 + 1:02d}",
                received=Decimal(10 * m),
                passed_on=Decimal(9 * m),
            )
            for m in range(1, 13)
        ),
    )
    return replace(report, **changes)  # type: ignore[arg-type]


def worker_line(worker_id: str, name: str, premium: str = "12.00", flagged: str = "") -> WorkerLine:
    return WorkerLine(
        supplier="S-1",
        worker_id=worker_id,
        worker_name=name,
        period_start=dt.date(2026, 10, 5),
        period_end=dt.date(2026, 10, 11),
        pay_date=dt.date(2026, 10, 16),
        hours=Decimal("40.5"),
        gross_wages=None,
        units=None,
        premium=Decimal(premium),
        retention=Decimal("0.92"),
        flagged_by=flagged,
    )


def sample_lines() -> Iterator[WorkerLine]:
    yield worker_line("W-1", "Ana Pérez")
    yield worker_line("W-2", "Jean Baptiste", "10.75", "ALLOCATION_DEVIATION")
