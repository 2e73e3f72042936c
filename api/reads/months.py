"""A program's months as monitors review them: reconciled or not, which version, signed off.

A month is listed from the first month with an entry in the books to the last month
with an entry or a run. Each shows its latest run (if any) with its findings counted by
severity and by review status; one month's review lists its findings in report order,
numbered as the API numbers them (1 = first).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.batches import ImportBatch
from ledger.books import JournalEntry
from ledger.participants import Program
from ledger.reconciliation_runs import FindingRecord, ReconciliationRun, RunFinding, run_findings
from ledger.web_sessions import utc

SEVERITIES = ("critical", "warning", "info")


@dataclass(frozen=True, slots=True)
class RunView:
    """One stored version of a month."""

    id: int
    month: str
    version: int
    run_at: dt.datetime
    run_by: str
    signed_off_at: dt.datetime | None
    signed_off_by: str | None
    result_sha256: str


@dataclass(frozen=True, slots=True)
class MonthStatus:
    """A month of the program, its latest run and how its findings stand."""

    month: str
    run: RunView | None
    severities: dict[str, int] = field(default_factory=dict)
    open: int = 0


@dataclass(frozen=True, slots=True)
class MonthReview:
    """A month's versions (newest first) and the latest one's numbered findings."""

    month: str
    versions: list[RunView]
    findings: list[tuple[int, FindingRecord]]
    uploads_since_run: int  # batches uploaded after the latest run

    @property
    def run(self) -> RunView | None:
        return self.versions[0] if self.versions else None


def month_statuses(session: Session, program: Program) -> list[MonthStatus]:
    """Every month of the program, newest first."""
    latest = _latest_runs(session, program.id)
    counts = _finding_counts(session, [run.id for run in latest.values()])
    months = sorted(set(_data_months(session, program.id)) | set(latest), reverse=True)
    return [
        MonthStatus(month, run, *counts.get(run.id, ({}, 0)))
        if (run := latest.get(month)) is not None
        else MonthStatus(month, None)
        for month in months
    ]


def month_review(session: Session, program: Program, month: str) -> MonthReview:
    """The month's versions and the latest version's findings."""
    query = (
        select(ReconciliationRun)
        .where(ReconciliationRun.program_id == program.id, ReconciliationRun.month == month)
        .order_by(ReconciliationRun.version.desc())
    )
    versions = [_view(run) for run in session.scalars(query)]
    if not versions:
        return MonthReview(month, [], [], 0)
    findings = list(enumerate(run_findings(session, versions[0].id), start=1))
    newer = session.scalar(
        select(func.count()).where(
            ImportBatch.program_id == program.id,
            ImportBatch.created_at > utc(versions[0].run_at),
        )
    )
    return MonthReview(month, versions, findings, newer or 0)


def _latest_runs(session: Session, program_id: int) -> dict[str, RunView]:
    query = (
        select(ReconciliationRun)
        .where(ReconciliationRun.program_id == program_id)
        .order_by(ReconciliationRun.month, ReconciliationRun.version)
    )
    # In version order, so each month ends with its latest.
    return {run.month: _view(run) for run in session.scalars(query)}


def _finding_counts(session: Session, run_ids: list[int]) -> dict[int, tuple[dict[str, int], int]]:
    query = (
        select(RunFinding.run_id, RunFinding.severity, RunFinding.status, func.count())
        .where(RunFinding.run_id.in_(run_ids))
        .group_by(RunFinding.run_id, RunFinding.severity, RunFinding.status)
    )
    severities: dict[int, Counter[str]] = {}
    still_open: Counter[int] = Counter()
    for run_id, severity, status, count in session.execute(query):
        severities.setdefault(run_id, Counter())[severity] += count
        if status == "open":
            still_open[run_id] += count
    return {
        run_id: ({s: counted[s] for s in SEVERITIES if counted[s]}, still_open[run_id])
        for run_id, counted in severities.items()
    }


def _data_months(session: Session, program_id: int) -> list[str]:
    first, last = session.execute(
        select(func.min(JournalEntry.effective_date), func.max(JournalEntry.effective_date)).where(
            JournalEntry.program_id == program_id
        )
    ).one()
    if first is None or last is None:
        return []
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _view(run: ReconciliationRun) -> RunView:
    return RunView(
        run.id,
        run.month,
        run.version,
        run.run_at,
        run.run_by,
        run.signed_off_at,
        run.signed_off_by,
        run.result_sha256,
    )
