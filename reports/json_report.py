"""The JSON report of a month: the stored run, its reviewed findings and the premium series.

Deterministic: keys in a fixed order, amounts as strings with the currency's
minor-unit decimals, times in UTC to the second, no worker lines; everything
comes from the stored run and the lines it counted (reports.run_scope), so the
same stored run always renders to the same bytes, fit to keep as a sign-off
snapshot.
"""

import datetime as dt
import functools
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ledger.reconciliation_runs import FindingRecord
from reconciliation.figures import format_amount, format_quantity
from reconciliation.result import SupplierRow
from reports.model import MonthReport, SupplierFlow

JSON_MEDIA_TYPE = "application/json"


def render_json_report(report: MonthReport) -> str:
    """The report as JSON text, ending with a newline."""
    return json.dumps(report_document(report), indent=1, ensure_ascii=False) + "\n"


def report_document(report: MonthReport) -> dict[str, Any]:
    """The report as plain JSON values, keys in report order."""
    money = _amounts(report.exponent)
    run = report.run
    return {
        "program": report.program,
        "program_name": report.program_name,
        "month": report.month,
        "as_of": report.as_of.isoformat(),
        "currency": report.currency,
        "run": {
            "version": run.version,
            "run_at": utc_text(run.run_at),
            "run_by": run.run_by,
            "sha256": run.sha256,
            "signed_off_by": run.signed_off_by,
            "signed_off_at": utc_text(run.signed_off_at) if run.signed_off_at else None,
        },
        "totals": {name: money(amount) for name, amount in report.totals.items()},
        "counts": report.counts,
        "findings_by_severity": report.severity_counts,
        "buyers": [
            {
                "buyer": row.buyer,
                "supplier": row.supplier,
                "volume": {commodity: format_quantity(q) for commodity, q in row.volume},
                "premium_owed": money(row.premium_owed),
                "premium_paid": money(row.premium_paid),
                "unpaid_to_date": money(row.unpaid_to_date),
                "overdue": money(row.overdue),
            }
            for row in report.buyers
        ],
        "suppliers": [
            _supplier(report, row, flow)
            for row, flow in zip(report.suppliers, report.supplier_flows, strict=True)
        ],
        "findings": [_finding(f, n, report.exponent) for n, f in enumerate(report.findings, 1)],
        "premium_history": [
            {
                "month": flow.month,
                "received": money(flow.received),
                "passed_on": money(flow.passed_on),
            }
            for flow in report.history
        ],
    }


def utc_text(moment: dt.datetime) -> str:
    """A stored time as ISO 8601 in UTC, to the second (SQLite gives it back without zone)."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return utc.isoformat(timespec="seconds")


def _supplier(report: MonthReport, row: SupplierRow, flow: SupplierFlow) -> dict[str, Any]:
    money = _amounts(report.exponent)
    supplier = row.supplier
    recommended = report.recommendation(supplier)
    return {
        "supplier": supplier,
        "name": report.supplier_names.get(supplier, ""),
        "standing": row.standing.value,
        "premium_owed": money(flow.owed),
        "premium_received": money(row.premium_received),
        "premium_distributed": money(row.premium_distributed),
        "premium_retained": money(row.premium_retained),
        "held_to_date": money(row.held_to_date),
        "held_overdue": money(row.held_overdue),
        "workers_paid": row.workers_paid,
        "payroll_lines": row.payroll_lines,
        "recommended_standing": recommended.recommended if recommended else None,
        "recommendation_reason": recommended.reason if recommended else None,
    }


def _finding(finding: FindingRecord, number: int, exponent: int) -> dict[str, Any]:
    return {
        "number": number,
        "code": finding.code,
        "severity": finding.severity,
        "buyer": finding.buyer,
        "supplier": finding.supplier,
        "worker": finding.worker,
        "period": finding.period,
        "amount": format_amount(finding.amount, exponent),
        "message": finding.message,
        "status": finding.status,
        "status_comment": finding.status_comment,
        "reviewed_by": finding.reviewed_by,
        "reviewed_at": utc_text(finding.reviewed_at) if finding.reviewed_at else None,
    }


def _amounts(exponent: int) -> Callable[[Decimal], str]:
    return functools.partial(format_amount, exponent=exponent)
