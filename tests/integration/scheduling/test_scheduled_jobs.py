"""Scheduled jobs on a controlled clock: the month close stores a run, the check stores a check.

Each run claims its program and fire time with the work, so a second run of the
same fire time skips, and a failed run is recorded and claims nothing.
"""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from api.config import SchedulerSettings
from api.scheduling.jobs import MONTH_CLOSE, OVERDUE_CHECK, job_by_id
from api.scheduling.runner import Status, run_job
from ledger.database import make_sessionmaker
from ledger.job_runs import JobRun, recent_runs
from ledger.participants import Program, program_by_code
from ledger.reconciliation_runs import ReconciliationRun, latest_run
from reconciliation.overdue_checks import latest_overdue
from tests.integration.reconciliation.stored import stored_books

SETTINGS = SchedulerSettings(month_close_day=5, month_close_hour=6, overdue_check_hour=7)
CLOSE_DAY = dt.datetime(2026, 12, 5, 6, 30, tzinfo=dt.UTC)


@pytest.fixture
def sessions(committed_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(committed_engine)


@pytest.fixture
def program(sessions: sessionmaker[Session]) -> str:
    with sessions.begin() as session:
        books = stored_books(session)
        books.purchase("2026-10-03", "120.00")
        books.payment("2026-10-10", "120.00")
        return books.code


def _runs(sessions: sessionmaker[Session], code: str) -> list[tuple[str, str, str]]:
    with sessions() as session:
        found = recent_runs(session, 50, program_by_code(session, code).id)
    return [(run.job_id, run.outcome, run.detail) for run in reversed(found)]


def _versions(sessions: sessionmaker[Session], code: str) -> int:
    with sessions() as session:
        query = select(func.count()).select_from(ReconciliationRun).join(Program)
        return session.scalar(query.where(Program.code == code)) or 0


def test_the_month_close_reconciles_the_month_before_the_fire_time_once(
    sessions: sessionmaker[Session], program: str
) -> None:
    close = job_by_id(SETTINGS, MONTH_CLOSE)
    report = run_job(sessions, close, SETTINGS, CLOSE_DAY, [program])
    assert report.fire_time == dt.datetime(2026, 12, 5, 6, 0, tzinfo=dt.UTC)
    assert [(r.program, r.status) for r in report.programs] == [(program, Status.RAN)]
    again = run_job(sessions, close, SETTINGS, CLOSE_DAY + dt.timedelta(days=3), [program])
    assert [(r.status, r.detail) for r in again.programs] == [(Status.SKIPPED, "already done")]
    with sessions() as session:
        run = latest_run(session, program_by_code(session, program).id, "2026-11")
    assert run is not None and (run.version, run.run_by) == (1, "scheduler")
    assert _versions(sessions, program) == 1
    assert _runs(sessions, program) == [("month-close", "succeeded", "2026-11 stored as version 1")]


def test_the_overdue_check_stores_a_check_as_of_the_fire_date_by_its_job_run(
    sessions: sessionmaker[Session], program: str
) -> None:
    check = job_by_id(SETTINGS, OVERDUE_CHECK)
    run_job(sessions, check, SETTINGS, CLOSE_DAY + dt.timedelta(hours=2), [program])
    with sessions() as session:
        stored = latest_overdue(session, program)
        (job_run,) = session.scalars(select(JobRun).join(Program).where(Program.code == program))
    assert stored is not None
    assert (stored.check.as_of, stored.check.checked_by) == (dt.date(2026, 12, 5), "scheduler")
    assert stored.check.job_run_id == job_run.id
    assert [(i.kind, i.party, i.period) for i in stored.items] == [
        ("payroll", "S-1", "2026-10-10/2026-11-09"),
        ("purchases", "B-1", "2026-11"),
    ]
    assert job_run.detail == "as of 2026-12-05: 2 overdue"


def test_a_failed_run_is_recorded_claims_nothing_and_the_next_attempt_runs(
    sessions: sessionmaker[Session], program: str
) -> None:
    def broken(*_: object) -> str:
        raise RuntimeError("the disk is full")

    check = job_by_id(SETTINGS, OVERDUE_CHECK)
    report = run_job(
        sessions, dataclasses.replace(check, work=broken), SETTINGS, CLOSE_DAY, [program]
    )
    assert report.failed and report.programs[0].detail == "the disk is full"
    with sessions() as session:
        assert latest_overdue(session, program) is None
    run_job(sessions, check, SETTINGS, CLOSE_DAY, [program])
    assert [(job, outcome) for job, outcome, _ in _runs(sessions, program)] == [
        ("overdue-check", "failed"),
        ("overdue-check", "succeeded"),
    ]
    with sessions() as session:
        (failed,) = [r for r in recent_runs(session, 10) if r.program == program and r.error]
    assert failed.error == "RuntimeError: the disk is full"


def test_a_job_that_never_fired_in_the_last_month_does_nothing(
    sessions: sessionmaker[Session], program: str
) -> None:
    close = job_by_id(SETTINGS, MONTH_CLOSE)
    never = dataclasses.replace(close, trigger=close.trigger.__class__(year=2030, timezone="UTC"))
    report = run_job(sessions, never, SETTINGS, CLOSE_DAY, [program])
    assert (report.fire_time, report.programs) == (None, ())
