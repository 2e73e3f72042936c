"""The scheduler's jobs: when each fires and the work it does for one program.

- `month-close`: on `MONTH_CLOSE_DAY` at `MONTH_CLOSE_HOUR`, reconcile the month
  before the fire time's month and store the run (a month not signed off is re-run
  in place, so a second close of it changes nothing but the run time).
- `overdue-check`: daily at `OVERDUE_CHECK_HOUR`, store a check of the program's
  overdue submissions as of the fire time's date.

A job works out its own fire time from the clock it is given: the latest time its
trigger fired at or before now (APScheduler 3 does not hand the scheduled time to
the function it calls). That time, with the job and the program, is the claim
that makes each run happen once (ledger.job_runs).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.orm import Session

from api.config import SchedulerSettings
from ledger.participants import Program
from reconciliation.months import Month
from reconciliation.overdue_checks import check_overdue
from reconciliation.runs import run_reconciliation

SCHEDULER = "scheduler"
MONTH_CLOSE = "month-close"
OVERDUE_CHECK = "overdue-check"

_LOOKBACK = dt.timedelta(days=32)  # longer than the longest interval between fire times
#: The work of a job for one program: (session, program, fire time, settings, job run id)
#: → a line saying what it did.
Work = Callable[[Session, Program, dt.datetime, SchedulerSettings, int], str]


class UnknownJob(ValueError):
    """A job id that is not one of the scheduler's jobs."""


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    """A job: its id, when it fires, how late a missed run may still start, and its work."""

    id: str
    description: str
    trigger: CronTrigger
    misfire_grace: dt.timedelta
    work: Work

    def last_fire_time(self, now: dt.datetime) -> dt.datetime | None:
        """The latest time the trigger fired at or before `now` (None: not in the last month)."""
        fired = None
        candidate = self.trigger.get_next_fire_time(None, now - _LOOKBACK)
        while candidate is not None and candidate <= now:
            fired = candidate
            candidate = self.trigger.get_next_fire_time(fired, fired + dt.timedelta(seconds=1))
        return fired


def scheduled_jobs(settings: SchedulerSettings) -> tuple[ScheduledJob, ...]:
    """Every job of the scheduler, fired as the settings say."""
    zone = settings.timezone
    return (
        ScheduledJob(
            id=MONTH_CLOSE,
            description="reconcile the previous month of every program",
            trigger=CronTrigger(
                day=settings.month_close_day, hour=settings.month_close_hour, timezone=zone
            ),
            # A close missed while the scheduler was down is still worth running later
            # in the month: the month stays unreconciled until it runs.
            misfire_grace=dt.timedelta(days=25),
            work=close_month,
        ),
        ScheduledJob(
            id=OVERDUE_CHECK,
            description="record every program's overdue submissions",
            trigger=CronTrigger(hour=settings.overdue_check_hour, timezone=zone),
            misfire_grace=dt.timedelta(hours=23),
            work=record_overdue,
        ),
    )


def job_by_id(settings: SchedulerSettings, job_id: str) -> ScheduledJob:
    """The job with this id, or UnknownJob naming the ones there are."""
    for job in scheduled_jobs(settings):
        if job.id == job_id:
            return job
    known = ", ".join(job.id for job in scheduled_jobs(settings))
    raise UnknownJob(f"no job {job_id!r}; the jobs are {known}")


def close_month(
    session: Session, program: Program, fired: dt.datetime, settings: SchedulerSettings, _: int
) -> str:
    """Reconcile the month before the fire time's month, as the scheduler."""
    month = Month.of(fired.astimezone(settings.timezone).date()).previous()
    outcome = run_reconciliation(session, program.code, month, run_by=SCHEDULER)
    how = "stored as version" if outcome.new_version else "re-run in place, version"
    return f"{month} {how} {outcome.run.version}"


def record_overdue(
    session: Session,
    program: Program,
    fired: dt.datetime,
    settings: SchedulerSettings,
    job_run_id: int,
) -> str:
    """Store a check of the program's overdue submissions as of the fire time's date."""
    as_of = fired.astimezone(settings.timezone).date()
    stored = check_overdue(
        session,
        program,
        as_of,
        SCHEDULER,
        month_close_day=settings.month_close_day,
        job_run_id=job_run_id,
    )
    return f"as of {as_of}: {len(stored.items)} overdue"
