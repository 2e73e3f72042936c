"""Loading a month's report from the database: the stored run and what the report adds to it.

The run is the month's latest version unless a version is named; a month never
reconciled has no report ("reconcile 2026-10 first"). Buyers, suppliers and
findings come from the run as stored (its contract JSON; the findings with their
review), never recomputed: a report shows what the run found.
"""

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.money import minor_places
from ledger.participants import Party, Program, program_by_code
from ledger.reconciliation_runs import (
    RunRecord,
    latest_run,
    run_findings,
    run_json,
    run_recommendations,
    run_version,
)
from reconciliation.books import Standing
from reconciliation.months import Month
from reconciliation.result import BuyerRow, SupplierRow
from reports.errors import ReportRefused
from reports.history import MONTHS, premium_history
from reports.model import MonthFlow, MonthReport, RunInfo
from reports.run_scope import RunScope, run_scope


def load_report(
    session: Session, program_code: str, month: Month, version: int | None = None
) -> tuple[MonthReport, RunScope]:
    """The report of the program's month (latest version, or `version`), and its run's scope."""
    program = program_by_code(session, program_code)
    run = _run(session, program, month, version)
    contract: dict[str, Any] = json.loads(run_json(session, run.id))
    scope = run_scope(session, program.id, run.run_at)
    suppliers = tuple(_supplier(row) for row in contract["suppliers"])
    report = MonthReport(
        program=program.code,
        program_name=program.name,
        month=str(month),
        as_of=month.last_day,
        currency=program.currency,
        exponent=minor_places(program.currency),
        run=RunInfo(
            version=run.version,
            run_at=run.run_at,
            run_by=run.run_by,
            sha256=run.result_sha256,
            signed_off_by=run.signed_off_by,
            signed_off_at=run.signed_off_at,
        ),
        buyers=tuple(_buyer(row) for row in contract["buyers"]),
        suppliers=suppliers,
        supplier_names=_supplier_names(session, program.id),
        findings=tuple(run_findings(session, run.id)),
        recommendations=tuple(run_recommendations(session, run.id)),
        history=_history(session, scope, month, suppliers),
    )
    return report, scope


def _run(session: Session, program: Program, month: Month, version: int | None) -> RunRecord:
    latest = latest_run(session, program.id, str(month))
    if latest is None:
        raise ReportRefused(
            f"{month} of {program.code} was never reconciled: reconcile {month} first"
        )
    if version is None or version == latest.version:
        return latest
    found = run_version(session, program.id, str(month), version)
    if found is None:
        raise ReportRefused(
            f"{month} of {program.code} has no version {version} (the latest is {latest.version})"
        )
    return found


def _history(
    session: Session, scope: RunScope, month: Month, suppliers: tuple[SupplierRow, ...]
) -> tuple[MonthFlow, ...]:
    # The run summed its own month's lines already; the months before come from the lines.
    this_month = MonthFlow(
        month=str(month),
        received=sum((row.premium_received for row in suppliers), Decimal(0)),
        passed_on=sum((row.premium_distributed for row in suppliers), Decimal(0)),
    )
    return (*premium_history(session, scope, month.previous(), MONTHS - 1), this_month)


def _supplier_names(session: Session, program_id: int) -> dict[str, str]:
    query = select(Party.code, Party.name).where(
        Party.program_id == program_id, Party.role == "supplier"
    )
    return {code: name for code, name in session.execute(query)}


def _buyer(row: dict[str, Any]) -> BuyerRow:
    return BuyerRow(
        buyer=row["buyer"],
        supplier=row["supplier"],
        volume=tuple((commodity, Decimal(q)) for commodity, q in row["volume"].items()),
        premium_owed=Decimal(row["premium_owed"]),
        premium_paid=Decimal(row["premium_paid"]),
        unpaid_to_date=Decimal(row["unpaid_to_date"]),
        overdue=Decimal(row["overdue"]),
    )


def _supplier(row: dict[str, Any]) -> SupplierRow:
    return SupplierRow(
        supplier=row["supplier"],
        standing=Standing(row["standing"]),
        premium_received=Decimal(row["premium_received"]),
        premium_distributed=Decimal(row["premium_distributed"]),
        premium_retained=Decimal(row["premium_retained"]),
        held_to_date=Decimal(row["held_to_date"]),
        held_overdue=Decimal(row["held_overdue"]),
        workers_paid=row["workers_paid"],
        payroll_lines=row["payroll_lines"],
    )
