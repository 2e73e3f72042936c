"""Reading a program's payroll for reconciliation: recent lines one by one, older ones summed.

Payroll is the one big table: a large program stores a million lines a year.
A month's rules need its own lines one by one (allocation checks, payroll
counts) and every other line of the same worker and pay period (duplicates);
the pass-through aging needs only what was paid out per supplier and pay date,
which the database sums. Queries name the program's suppliers so that both
engines walk the (supplier, pay date) index rather than the whole table.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, null, select
from sqlalchemy.orm import Session, aliased

from ledger.batches import superseded_batch_ids
from ledger.lines import PayrollLine as StoredLine
from ledger.participants import Worker
from reconciliation.books import AllocationBasis, Payout, PayrollLine

_COLUMNS = (
    StoredLine.supplier_id,
    Worker.worker_id,
    StoredLine.period_start,
    StoredLine.period_end,
    StoredLine.pay_date,
    StoredLine.premium,
    StoredLine.retention,
)


@dataclass(frozen=True, slots=True)
class PayrollScope:
    """Whose lines count (the program's suppliers, id → code) and the program's basis.

    Only the program's allocation basis is read: the other basis columns, which
    no rule looks at, come as None and cost no conversion per line.
    """

    suppliers: Mapping[int, str]
    basis: AllocationBasis

    def where(self, line: type[StoredLine]) -> list[ColumnElement[bool]]:
        """Conditions for live lines of these suppliers.

        A supplier's lines are all in its program's batches, so leaving out the
        few superseded batches is enough, and cheaper than a join per line.
        """
        return [
            line.supplier_id.in_(list(self.suppliers)),
            line.batch_id.not_in(superseded_batch_ids()),
        ]

    def columns(self) -> tuple[Any, ...]:
        """The columns a line is built from, in `PayrollLine` order."""
        bases = (AllocationBasis.HOURS, AllocationBasis.GROSS_WAGES, AllocationBasis.UNITS)
        read = (getattr(StoredLine, b.value) if b is self.basis else null() for b in bases)
        return (*_COLUMNS, *read)


def read_payroll(
    session: Session, scope: PayrollScope, listed_from: dt.date, as_of: dt.date
) -> tuple[list[PayrollLine], list[Payout]]:
    """Lines paid from `listed_from` to `as_of` (and earlier lines of their periods), and payouts.

    The payouts sum every line paid before `listed_from` that is not listed.
    """
    recent = _query(scope, StoredLine.pay_date >= listed_from, StoredLine.pay_date <= as_of)
    lines = [_line(row, scope.suppliers) for row in _rows(session, recent)]
    earlier = [
        _line(row, scope.suppliers)
        for row in _rows(session, _earlier(scope, listed_from, as_of, lines))
    ]
    return earlier + lines, _payouts(session, scope, listed_from, earlier)


def _earlier(
    scope: PayrollScope, listed_from: dt.date, as_of: dt.date, lines: Sequence[PayrollLine]
) -> Select[*tuple[Any, ...]]:
    # A pay date is never before its period's start, so an earlier line of one
    # of these periods is paid between the earliest start and `listed_from`.
    earliest = min(map(attrgetter("period_start"), lines), default=listed_from)
    recent = aliased(StoredLine)
    same_period = exists().where(
        recent.worker_id == StoredLine.worker_id,
        recent.period_start == StoredLine.period_start,
        recent.period_end == StoredLine.period_end,
        recent.pay_date >= listed_from,
        recent.pay_date <= as_of,
        *scope.where(recent),
    )
    return _query(
        scope, StoredLine.pay_date >= earliest, StoredLine.pay_date < listed_from, same_period
    )


def _query(scope: PayrollScope, *conditions: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    # No ORDER BY: every payroll rule sums, counts or sorts, so the lines' order never
    # shows, and sorting a month of lines spills to disk on PostgreSQL's default work_mem.
    return (
        select(*scope.columns())
        .join(Worker, Worker.id == StoredLine.worker_id)
        .where(*scope.where(StoredLine), *conditions)
    )


def _rows(session: Session, query: Select[*tuple[Any, ...]]) -> Sequence[Any]:
    # Core rows fetched in one go: far cheaper per row than the ORM's or a server-side
    # cursor's chunks, and the books hold these lines anyway.
    return session.connection().execute(query).fetchall()


def _line(row: Any, suppliers: Mapping[int, str]) -> PayrollLine:
    supplier_id, worker_id, start, end, pay_date, premium, retention, hours, wages, units = row
    return PayrollLine(
        supplier=suppliers[supplier_id],
        worker_id=worker_id,
        period_start=start,
        period_end=end,
        pay_date=pay_date,
        premium=premium,
        retention=retention,
        hours=hours,
        gross_wages=wages,
        units=units,
    )


def _payouts(
    session: Session, scope: PayrollScope, listed_from: dt.date, listed: Sequence[PayrollLine]
) -> list[Payout]:
    query = (
        select(
            StoredLine.supplier_id,
            StoredLine.pay_date,
            func.sum(StoredLine.premium),
            func.sum(StoredLine.retention),
        )
        .where(*scope.where(StoredLine), StoredLine.pay_date < listed_from)
        .group_by(StoredLine.supplier_id, StoredLine.pay_date)
    )
    sums: dict[tuple[str, dt.date], Decimal] = {}
    for supplier_id, pay_date, premium, retention in _rows(session, query):
        sums[(scope.suppliers[supplier_id], pay_date)] = premium + retention
    for line in listed:
        sums[(line.supplier, line.pay_date)] -= line.premium + line.retention
    return [
        Payout(supplier=supplier, pay_date=pay_date, amount=amount)
        for (supplier, pay_date), amount in sorted(sums.items())
        if amount != 0
    ]
