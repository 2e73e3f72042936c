"""The month's worker lines, streamed from the database: a large month has a million of them.

Lines are the live payroll lines (as the run knew them, reports.run_scope) with
a pay date in the month, supplier by supplier in code order, then by pay date
and the order of the uploaded file. Each supplier's lines come from one query
on the (supplier, pay date) index through a server-side cursor, so neither the
process nor the database ever holds the whole month, and each sort is one
supplier's month. A line carries the codes of the findings that name its
worker and pay period.
"""

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.lines import PayrollLine
from ledger.participants import Worker
from ledger.reconciliation_runs import FindingRecord
from reconciliation.months import Month
from reports.model import WorkerLine
from reports.run_scope import RunScope

#: Rows fetched per round trip: large enough to amortise it, small enough to stay flat.
CHUNK = 5_000
FlagKey = tuple[str, str, date, date]


def stream_worker_lines(
    session: Session, scope: RunScope, month: Month, findings: Iterable[FindingRecord]
) -> Iterator[WorkerLine]:
    """Every worker line of the month, supplier by supplier."""
    flags = worker_flags(findings)
    connection = session.connection()
    for supplier_id, supplier in sorted(scope.suppliers.items(), key=lambda item: item[1]):
        query = (
            select(
                Worker.worker_id,
                Worker.name,
                PayrollLine.period_start,
                PayrollLine.period_end,
                PayrollLine.pay_date,
                PayrollLine.hours,
                PayrollLine.gross_wages,
                PayrollLine.units,
                PayrollLine.premium,
                PayrollLine.retention,
            )
            .join(Worker, Worker.id == PayrollLine.worker_id)
            .where(
                PayrollLine.supplier_id == supplier_id,
                # Said of the workers too: PostgreSQL then reads this supplier's workers by
                # index, not every worker of the program, once per supplier.
                Worker.supplier_id == supplier_id,
                PayrollLine.batch_id.not_in(scope.not_counted),
                PayrollLine.pay_date >= month.first_day,
                PayrollLine.pay_date <= month.last_day,
            )
            .order_by(PayrollLine.pay_date, PayrollLine.batch_id, PayrollLine.row)
            # On the statement, not the connection: a server-side cursor for these rows only.
            .execution_options(yield_per=CHUNK)
        )
        yield from _lines(connection.execute(query), supplier, flags)


def _lines(
    rows: Iterable[Any], supplier: str, flags: Mapping[FlagKey, str]
) -> Iterator[WorkerLine]:
    for worker, name, start, end, paid, hours, wages, units, premium, retention in rows:
        flagged = flags.get((supplier, worker, start, end), "")
        yield WorkerLine(
            supplier,
            worker,
            name,
            start,
            end,
            paid,
            hours,
            wages,
            units,
            premium,
            retention,
            flagged,
        )


def worker_flags(findings: Iterable[FindingRecord]) -> dict[FlagKey, str]:
    """The finding codes naming each (supplier, worker, period start, period end)."""
    flags: dict[FlagKey, list[str]] = {}
    for finding in findings:
        if finding.supplier and finding.worker and finding.period:
            start, end = (date.fromisoformat(day) for day in finding.period.split("/"))
            codes = flags.setdefault((finding.supplier, finding.worker, start, end), [])
            if finding.code not in codes:
                codes.append(finding.code)
    return {key: ", ".join(codes) for key, codes in flags.items()}
