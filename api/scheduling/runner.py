"""Running a job once for its latest fire time: program by program, each claimed, once.

For each program, one transaction claims `(job, program, fire time)` and does the
work; it commits both or neither (ledger.job_runs). A program another scheduler
process already did, or is doing, is skipped: on PostgreSQL our claim waits for
its transaction and fails when it commits; on SQLite our transaction waits for
the write lock and then finds the claim. A program whose work fails is recorded
as a failed run and the job goes on with the next program, so one bad program
does not stop the others' month close.

`fire` is what APScheduler calls (by reference, so the job store can hold it): it
reads the settings from the environment and runs the job on the real clock. Tests
call `run_job` with a clock of their own.
"""

import datetime as dt
import logging
import os
import socket
import time
import traceback
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.config import SchedulerSettings, load_settings
from api.scheduling.jobs import ScheduledJob, job_by_id
from ledger.database import make_engine, make_sessionmaker
from ledger.job_runs import AlreadyClaimed, claim, finish, is_claimed, record_failure
from ledger.participants import Program

log = logging.getLogger("premium_ledger.scheduler")


class Status(StrEnum):
    """What became of a job for one program."""

    RAN = "ran"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ProgramRun:
    """A job's outcome for one program, with what it did or why not."""

    program: str
    status: Status
    detail: str


@dataclass(frozen=True, slots=True)
class JobReport:
    """A job's run for one fire time (None: the job never fired yet) over every program."""

    job: str
    fire_time: dt.datetime | None
    programs: tuple[ProgramRun, ...]

    @property
    def failed(self) -> bool:
        """Whether the work failed for any program."""
        return any(run.status is Status.FAILED for run in self.programs)


def fire(job_id: str) -> None:
    """Run the job now, configured from the environment (APScheduler calls this)."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        job = job_by_id(settings.scheduler, job_id)
        run_job(make_sessionmaker(engine), job, settings.scheduler, dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()


def run_job(
    sessions: sessionmaker[Session],
    job: ScheduledJob,
    settings: SchedulerSettings,
    now: dt.datetime,
    only: Collection[str] = (),
) -> JobReport:
    """Run the job for its latest fire time at `now`, for every program (or those named)."""
    fire_time = job.last_fire_time(now)
    if fire_time is None:
        return JobReport(job.id, None, ())
    query = select(Program.id, Program.code).order_by(Program.code)
    if only:
        query = query.where(Program.code.in_([code.strip() for code in only]))
    with sessions() as session:
        programs = session.execute(query).all()
    runs = tuple(
        _run_for_program(sessions, job, settings, fire_time, program_id, code)
        for program_id, code in programs
    )
    return JobReport(job.id, fire_time, runs)


def worker_name() -> str:
    """This process, as job runs name it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _run_for_program(
    sessions: sessionmaker[Session],
    job: ScheduledJob,
    settings: SchedulerSettings,
    fire_time: dt.datetime,
    program_id: int,
    code: str,
) -> ProgramRun:
    started = dt.datetime.now(dt.UTC)
    try:
        with sessions.begin() as session:
            if is_claimed(session, job.id, program_id, fire_time):
                return ProgramRun(code, Status.SKIPPED, "already done")
            run = claim(session, job.id, program_id, fire_time, worker_name())
            _pause_if_asked(settings, job, code, fire_time)
            program = session.get_one(Program, program_id)
            detail = job.work(session, program, fire_time, settings, run.id)
            finish(session, run, detail)
    except AlreadyClaimed:
        log.info("%s for %s at %s: another scheduler did it; skipped", job.id, code, fire_time)
        return ProgramRun(code, Status.SKIPPED, "done by another scheduler")
    except Exception as error:  # recorded and logged: one program must not stop the others
        log.exception("%s for %s at %s failed", job.id, code, fire_time)
        _record_failure(sessions, job, program_id, fire_time, started, error)
        return ProgramRun(code, Status.FAILED, str(error) or type(error).__name__)
    log.info("%s for %s at %s: %s", job.id, code, fire_time, detail)
    return ProgramRun(code, Status.RAN, detail)


def _record_failure(
    sessions: sessionmaker[Session],
    job: ScheduledJob,
    program_id: int,
    fire_time: dt.datetime,
    started: dt.datetime,
    error: Exception,
) -> None:
    text = "".join(traceback.format_exception_only(error)).strip()
    with sessions.begin() as session:
        record_failure(
            session,
            job.id,
            program_id,
            fire_time,
            started_at=started,
            worker=worker_name(),
            error=text,
        )


def _pause_if_asked(
    settings: SchedulerSettings, job: ScheduledJob, code: str, fire_time: dt.datetime
) -> None:
    # Crash tests kill the process here, between the claim and the commit.
    if settings.pause_after_claim and settings.pause_program in (None, code):
        log.warning(
            "%s for %s at %s claimed; pausing %s s (SCHEDULER_PAUSE_AFTER_CLAIM)",
            job.id,
            code,
            fire_time.isoformat(),
            settings.pause_after_claim,
        )
        time.sleep(settings.pause_after_claim)
