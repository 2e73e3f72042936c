"""A worker's pay period must not repeat a live batch's line unless the upload supersedes it.

The same worker and period twice inside one file is accepted (two jobs are possible) and
left to reconciliation; against earlier uploads it is a resubmission, which must say
which batch it corrects.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from imports.pipeline import Context, StagedLine
from imports.reading import Problem
from ledger.batches import ImportBatch, superseded_batch_ids
from ledger.lines import PayrollLine
from ledger.participants import Worker
from ledger.workers import roster

_QUERY_CHUNK = 500

PayPeriod = tuple[str, date, date]  # worker_id, period_start, period_end


def repeated_pay_periods(context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
    """A problem for each line whose worker and period a live line of this supplier has."""
    wanted = {_period(line) for line in lines}
    earlier = _earlier_lines(context, wanted)
    return [
        _repeat(context, line, *earlier[_period(line)])
        for line in lines
        if _period(line) in earlier
    ]


def _earlier_lines(context: Context, wanted: set[PayPeriod]) -> dict[PayPeriod, tuple[int, int]]:
    """(batch, row) of the first live line of another batch for each wanted pay period."""
    batches = _other_live_batches(context)
    if not batches:  # a supplier's first payroll, or its only one being corrected
        return {}
    known = roster(context.session, context.party.id)
    # A worker not on the roster yet has no earlier lines.
    workers = sorted({known[w][0] for w, _, _ in wanted if w in known})
    starts = sorted({start for _, start, _ in wanted})
    found: dict[PayPeriod, tuple[int, int]] = {}
    for first in range(0, len(workers), _QUERY_CHUNK):
        query = (
            select(
                Worker.worker_id,
                PayrollLine.period_start,
                PayrollLine.period_end,
                PayrollLine.batch_id,
                PayrollLine.row,
            )
            .join(Worker, Worker.id == PayrollLine.worker_id)
            .where(
                PayrollLine.worker_id.in_(workers[first : first + _QUERY_CHUNK]),
                PayrollLine.period_start.in_(starts),
                PayrollLine.batch_id.in_(batches),
            )
            .order_by(PayrollLine.batch_id, PayrollLine.row)
        )
        for worker_id, start, end, batch, row in context.session.execute(query):
            found.setdefault((worker_id, start, end), (batch, row))
    return {period: where for period, where in found.items() if period in wanted}


def _other_live_batches(context: Context) -> list[int]:
    """The supplier's live payroll batches, leaving out this upload's and the one it replaces."""
    query = select(ImportBatch.id).where(
        ImportBatch.program_id == context.program.id,
        ImportBatch.party_id == context.party.id,
        ImportBatch.kind == "payroll",
        ImportBatch.id.not_in(superseded_batch_ids()),
    )
    mine = {context.batch_id, context.superseded}
    return [batch for batch in context.session.scalars(query) if batch not in mine]


def _period(line: StagedLine) -> PayPeriod:
    key = line.key
    assert isinstance(key, tuple)
    worker_id, start, end = key
    return worker_id, start, end


def _repeat(context: Context, line: StagedLine, batch: int, row: int) -> Problem:
    worker_id, start, end = _period(line)
    reason = (
        f"this worker and pay period (period_start {start.isoformat()}, period_end"
        f" {end.isoformat()}) are already in batch {batch}, row {row};"
        f" upload the corrected file with --supersedes {batch}"
    )
    return Problem(reason, context.sheet, line.row, "worker_id", worker_id)
