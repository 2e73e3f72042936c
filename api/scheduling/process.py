"""The scheduler process: APScheduler 3's BlockingScheduler with its jobs stored in our database.

The web app never starts it (`create_app` knows nothing of it); `premium-ledger
scheduler` does. Its jobs live in APScheduler's `SQLAlchemyJobStore` table of the
books' database, each run coalesced, at most one instance at a time, and allowed
to start late within its grace time.

APScheduler 3 does not coordinate schedulers that share a job store (its user
guide says a job store must never be shared): two processes may both fire a job.
Every run therefore claims its work in our database (api.scheduling.runner), so
the work happens once however many processes fire it. APScheduler also moves a
job's next run time on as soon as it submits the run, so a process killed during
a run would not run it again when restarted; on start, each job whose latest fire
time is within its grace time is scheduled to run at once, and the claims skip
every program whose work was already committed.

SIGTERM and SIGINT stop the scheduler after the running jobs finish; a process
killed outright loses only uncommitted work, which the next start redoes.
"""

import datetime as dt
import logging
import signal
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from api.config import Settings
from api.scheduling.jobs import ScheduledJob, scheduled_jobs
from api.scheduling.runner import fire
from ledger.database import make_engine

log = logging.getLogger("premium_ledger.scheduler")


def run_scheduler(settings: Settings) -> None:
    """Run the scheduler until SIGTERM or SIGINT, then wait for running jobs and return."""
    engine = make_engine(settings.database_url)
    try:
        scheduler = build_scheduler(settings, SQLAlchemyJobStore(engine=engine))
        _stop_on_signals(scheduler)
        now = dt.datetime.now(dt.UTC)
        for job in scheduled_jobs(settings.scheduler):
            _add(scheduler, job, now)
        log.info("scheduler started: %s", ", ".join(job.id for job in scheduler.get_jobs()))
        scheduler.start()
        log.info("scheduler stopped")
    finally:
        engine.dispose()


def build_scheduler(settings: Settings, store: Any) -> BlockingScheduler:
    """A scheduler with one job store and a small thread pool, not yet started."""
    return BlockingScheduler(
        jobstores={"default": store},
        executors={"default": ThreadPoolExecutor(max_workers=2)},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=settings.scheduler.timezone,
    )


def catch_up_time(job: ScheduledJob, now: dt.datetime) -> dt.datetime | None:
    """The latest fire time to run at start, if it is within the job's grace time."""
    fired = job.last_fire_time(now)
    if fired is None or now - fired > job.misfire_grace:
        return None
    return fired


def _add(scheduler: BlockingScheduler, job: ScheduledJob, now: dt.datetime) -> None:
    options: dict[str, Any] = {}
    caught_up = catch_up_time(job, now)
    if caught_up is not None:
        options["next_run_time"] = caught_up
        log.info("%s: making sure the run of %s is done", job.id, caught_up.isoformat())
    scheduler.add_job(
        fire,
        trigger=job.trigger,
        args=[job.id],
        id=job.id,
        name=job.description,
        replace_existing=True,
        misfire_grace_time=int(job.misfire_grace.total_seconds()),
        **options,
    )


def _stop_on_signals(scheduler: BlockingScheduler) -> None:
    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        # Mark first: a second signal may arrive while this handler logs or waits, and
        # its handler then runs inside this one.
        if stopping:
            return
        stopping.append(signum)
        # Ignored from now on, through the interpreter's exit too (which would otherwise
        # restore the default action and let an impatient second signal kill the process).
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        log.info("%s: stopping once running jobs finish", signal.Signals(signum).name)
        if not scheduler.running:  # still starting: nothing runs yet, so stop right here
            raise SystemExit(0)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
