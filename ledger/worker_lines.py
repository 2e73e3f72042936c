"""A worker's own premium lines, found by their lookup code: what the worker page shows.

Only live lines count (lines of batches no later batch superseded). A line is flagged
when the latest reconciliation run of its pay date's month found something about that
worker and pay period (a missed worker, a share off the proportional one, a duplicate).
Looking up a code does the same work whether or not the code is known: the digest is
always looked up and every query always runs, so the answer's timing says nothing about
which codes exist.
"""

import hmac
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.batches import superseded_batch_ids
from ledger.lines import PayrollLine
from ledger.participants import Party, Program, Worker
from ledger.program_tables import Commodity, Rate
from ledger.reconciliation_runs import ReconciliationRun, RunFinding
from ledger.workers import lookup_digest

_NOBODY = -1  # a database id no row has: the queries of an unknown code still run


@dataclass(frozen=True, slots=True)
class WorkerLine:
    """One pay period's premium line, with the codes of findings about it."""

    line_id: int
    supplier: str
    supplier_name: str
    period_start: date
    period_end: date
    pay_date: date
    hours: Decimal | None
    premium: Decimal
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgramRate:
    """The premium the program pays per base unit of a commodity, in force today."""

    commodity: str
    base_unit: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SeasonTotal:
    """What a worker received in one season (the calendar year of the pay dates)."""

    year: int
    premium: Decimal
    hours: Decimal
    periods: int


@dataclass(frozen=True, slots=True)
class WorkerLines:
    """A worker's lines (newest first), their program, and the program's rates today."""

    program: str
    program_name: str
    currency: str
    lines: tuple[WorkerLine, ...]
    rates: tuple[ProgramRate, ...]

    @property
    def seasons(self) -> tuple[SeasonTotal, ...]:
        """Totals per season, newest first; a line without hours counts no hours."""
        totals: dict[int, SeasonTotal] = {}
        for line in self.lines:
            year = line.pay_date.year
            was = totals.get(year, SeasonTotal(year, Decimal(0), Decimal(0), 0))
            totals[year] = SeasonTotal(
                year, was.premium + line.premium, was.hours + (line.hours or 0), was.periods + 1
            )
        return tuple(sorted(totals.values(), key=lambda total: -total.year))


def worker_for_code(session: Session, code: str) -> Worker | None:
    """The worker whose lookup code this is (typed loosely), in any program, or None."""
    digest = lookup_digest(code)
    worker = session.scalar(select(Worker).where(Worker.lookup_digest == digest))
    stored = worker.lookup_digest if worker is not None else "0" * len(digest)
    return worker if hmac.compare_digest(stored, digest) else None


def lines_of_code(session: Session, code: str, today: date) -> WorkerLines | None:
    """The live premium lines of the code's worker, or None for a code nobody has."""
    worker = worker_for_code(session, code)
    program = session.get(Program, worker.program_id if worker else _NOBODY)
    lines = _lines(session, worker.id if worker else _NOBODY)
    flags = _flags(session, program.id if program else _NOBODY, worker, lines)
    rates = _rates(session, program.id if program else _NOBODY, today)
    if worker is None or program is None:
        return None
    shown = tuple(
        WorkerLine(*line, findings=flags.get((line[5].replace(day=1), line[3], line[4]), ()))
        for line in lines
    )
    return WorkerLines(program.code, program.name, program.currency, shown, rates)


def live_line_of_worker(session: Session, worker_pk: int, line_id: int) -> PayrollLine | None:
    """The worker's live payroll line with this id, or None if it is not theirs or not live."""
    return session.scalar(
        select(PayrollLine).where(
            PayrollLine.id == line_id,
            PayrollLine.worker_id == worker_pk,
            PayrollLine.batch_id.not_in(superseded_batch_ids()),
        )
    )


Row = tuple[int, str, str, date, date, date, Decimal | None, Decimal]


def _lines(session: Session, worker_pk: int) -> list[Row]:
    query = (
        select(
            PayrollLine.id,
            Party.code,
            Party.name,
            PayrollLine.period_start,
            PayrollLine.period_end,
            PayrollLine.pay_date,
            PayrollLine.hours,
            PayrollLine.premium,
        )
        .join(Party, Party.id == PayrollLine.supplier_id)
        .where(
            PayrollLine.worker_id == worker_pk,
            PayrollLine.batch_id.not_in(superseded_batch_ids()),
        )
        .order_by(PayrollLine.pay_date.desc(), PayrollLine.period_start.desc(), PayrollLine.id)
    )
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def _flags(
    session: Session, program_id: int, worker: Worker | None, lines: list[Row]
) -> dict[tuple[date, date, date], tuple[str, ...]]:
    """Finding codes by (pay date's month start, period), from each month's latest run."""
    months = sorted({f"{line[5]:%Y-%m}" for line in lines})
    latest: dict[str, tuple[int, int]] = {}
    runs = select(ReconciliationRun.month, ReconciliationRun.version, ReconciliationRun.id).where(
        ReconciliationRun.program_id == program_id, ReconciliationRun.month.in_(months)
    )
    for month, version, run_id in session.execute(runs):
        if month not in latest or latest[month][0] < version:
            latest[month] = (version, run_id)
    month_of_run = {run_id: month for month, (_, run_id) in latest.items()}
    query = select(RunFinding.run_id, RunFinding.period, RunFinding.code).where(
        RunFinding.run_id.in_(list(month_of_run)),
        RunFinding.worker == (worker.worker_id if worker else None),
        RunFinding.supplier.in_({line[1] for line in lines}),
    )
    found: dict[tuple[date, date, date], tuple[str, ...]] = {}
    for run_id, period, finding_code in session.execute(query.order_by(RunFinding.position)):
        key = _flag_key(month_of_run[run_id], period)
        if key is not None:
            found[key] = (*found.get(key, ()), finding_code)
    return found


def _flag_key(month: str, period: str | None) -> tuple[date, date, date] | None:
    if period is None or "/" not in period:
        return None
    start, end = period.split("/", 1)
    return (date.fromisoformat(f"{month}-01"), date.fromisoformat(start), date.fromisoformat(end))


def _rates(session: Session, program_id: int, today: date) -> tuple[ProgramRate, ...]:
    query = (
        select(Commodity.code, Commodity.base_unit, Rate.amount)
        .join(Commodity, Commodity.id == Rate.commodity_id)
        .where(
            Rate.program_id == program_id,
            Rate.buyer_id.is_(None),
            Rate.effective_from <= today,
            (Rate.effective_to.is_(None)) | (Rate.effective_to >= today),
        )
        .order_by(Commodity.code)
    )
    return tuple(ProgramRate(*row) for row in session.execute(query))
