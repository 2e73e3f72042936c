"""Stored runs of scheduled jobs, and the claim that lets one job run only once per fire time.

A scheduled job does its work program by program. Before it works on a program it
claims `(job, program, fire time)` by inserting its run row, in the same
transaction as the work: a unique index over the succeeded runs refuses a second
claim, so of two scheduler processes firing the same job only one does the work
(on PostgreSQL the second insert waits for the first transaction and then fails;
on SQLite the second transaction waits for the write lock and then sees the
claim). Because the claim commits with the work, a process killed mid-job leaves
neither, and the next attempt runs the job. A run that failed is recorded
afterwards in its own transaction, outside the unique index, so it can be retried.
"""

from dataclasses import dataclass, fields
from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.errors import LedgerError
from ledger.orm import Base
from ledger.participants import Program

OUTCOMES = ("succeeded", "failed")
_SUCCEEDED = text("outcome = 'succeeded'")


class AlreadyClaimed(LedgerError):
    """A job that already ran for this program and fire time."""


class JobRun(Base):
    """One run of a scheduled job for one program; succeeded runs are the claims."""

    __tablename__ = "job_runs"
    __table_args__ = (
        CheckConstraint("outcome IN ('succeeded', 'failed')", name="outcome"),
        Index(
            "uq_job_runs_claim",
            "job_id",
            "program_id",
            "fire_time",
            unique=True,
            postgresql_where=_SUCCEEDED,
            sqlite_where=_SUCCEEDED,
        ),
        Index("ix_job_runs_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    fire_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(200), default="")


@dataclass(frozen=True, slots=True, kw_only=True)
class JobRunRecord:
    """A stored job run as plain values, with its program's code; times in UTC."""

    id: int
    job_id: str
    program_id: int
    program: str
    fire_time: datetime
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    detail: str
    error: str
    worker: str


def is_claimed(session: Session, job_id: str, program_id: int, fire_time: datetime) -> bool:
    """Whether the job already ran (and committed) for this program and fire time."""
    query = select(JobRun.id).where(
        JobRun.job_id == job_id,
        JobRun.program_id == program_id,
        JobRun.fire_time == utc(fire_time),
        JobRun.outcome == "succeeded",
    )
    return session.scalar(query.limit(1)) is not None


def claim(
    session: Session, job_id: str, program_id: int, fire_time: datetime, worker: str
) -> JobRun:
    """Claim the job's run for this program and fire time, or raise AlreadyClaimed.

    The claim stands only if the caller's transaction commits: do the work in it.
    """
    run = JobRun(
        job_id=job_id,
        program_id=program_id,
        fire_time=utc(fire_time),
        started_at=datetime.now(UTC),
        outcome="succeeded",
        worker=worker,
    )
    session.add(run)
    try:
        session.flush()
    except IntegrityError as error:
        raise AlreadyClaimed(
            f"{job_id} already ran for program {program_id} at {fire_time.isoformat()}"
        ) from error
    return run


def finish(session: Session, run: JobRun, detail: str) -> None:
    """Mark the claimed run finished with what it did; it commits with the work."""
    run.finished_at, run.detail = datetime.now(UTC), detail
    session.flush()


def record_failure(
    session: Session,
    job_id: str,
    program_id: int,
    fire_time: datetime,
    *,
    started_at: datetime,
    worker: str,
    error: str,
) -> None:
    """Record a run whose work failed and was rolled back; it claims nothing."""
    run = JobRun(
        job_id=job_id,
        program_id=program_id,
        fire_time=utc(fire_time),
        started_at=utc(started_at),
        finished_at=datetime.now(UTC),
        outcome="failed",
        error=error,
        worker=worker,
    )
    session.add(run)
    session.flush()


def recent_runs(session: Session, limit: int, program_id: int | None = None) -> list[JobRunRecord]:
    """The latest job runs, newest first, of one program or all."""
    query = (
        select(JobRun, Program.code)
        .join(Program, Program.id == JobRun.program_id)
        .order_by(JobRun.started_at.desc(), JobRun.id.desc())
        .limit(limit)
    )
    if program_id is not None:
        query = query.where(JobRun.program_id == program_id)
    return [_record(run, code) for run, code in session.execute(query)]


def utc(moment: datetime) -> datetime:
    """The moment in UTC; naive moments (SQLite keeps no offset) are UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _record(run: JobRun, program: str) -> JobRunRecord:
    names = [field.name for field in fields(JobRunRecord) if field.name != "program"]
    values = {name: getattr(run, name) for name in names}
    for name in ("fire_time", "started_at", "finished_at"):
        if values[name] is not None:
            values[name] = utc(values[name])
    return JobRunRecord(program=program, **values)
