"""A supplier's pass-through month by month: premium received and passed on to workers.

Read from each month's latest stored run (the contract JSON's supplier row), so the
figures are the ones monitors review and sign off; months never reconciled are absent.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.participants import Program
from ledger.program_setup import code_key
from ledger.reconciliation_runs import ReconciliationRun


@dataclass(frozen=True, slots=True)
class PassThroughMonth:
    """One month of a supplier's premium flows, in the program's currency."""

    month: str
    received: Decimal
    distributed: Decimal
    retained: Decimal
    held_to_date: Decimal
    held_overdue: Decimal
    standing: str


def supplier_pass_through(
    session: Session, program: Program, supplier: str
) -> list[PassThroughMonth]:
    """The supplier's months, oldest first, from each month's latest run."""
    query = (
        select(ReconciliationRun.month, ReconciliationRun.result_json)
        .where(ReconciliationRun.program_id == program.id)
        .order_by(ReconciliationRun.month, ReconciliationRun.version)
    )
    # In version order, so the latest version of a month wins.
    latest = {month: text for month, text in session.execute(query)}
    months = []
    for month, text in sorted(latest.items()):
        row = _supplier_row(json.loads(text), supplier)
        if row is not None:
            months.append(_month(month, row))
    return months


def _supplier_row(result: dict[str, object], supplier: str) -> dict[str, str] | None:
    rows = result.get("suppliers")
    if not isinstance(rows, list):
        return None
    wanted = code_key(supplier)
    return next((row for row in rows if code_key(str(row.get("supplier"))) == wanted), None)


def _month(month: str, row: dict[str, str]) -> PassThroughMonth:
    return PassThroughMonth(
        month,
        Decimal(row["premium_received"]),
        Decimal(row["premium_distributed"]),
        Decimal(row["premium_retained"]),
        Decimal(row["held_to_date"]),
        Decimal(row["held_overdue"]),
        row["standing"],
    )
