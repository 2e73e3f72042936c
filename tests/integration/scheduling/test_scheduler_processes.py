"""Scheduler processes at once, or killed mid-job: every job's work happens exactly once.

A job claims its program and fire time in the transaction that does the work. A
test-only pause (SCHEDULER_PAUSE_AFTER_CLAIM) holds a process between its claim
and its commit, so a second process is sure to fire the same job meanwhile, or
the test can SIGKILL it there.
"""

import datetime as dt
import signal
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from ledger.database import make_sessionmaker
from tests.integration.reconciliation.stored import stored_books
from tests.integration.scheduling.processes import SchedulerProcess, counts, wait_until

pytestmark = pytest.mark.slow
PAUSED = "claimed; pausing"


@pytest.fixture
def program(committed_engine: Engine) -> str:
    with make_sessionmaker(committed_engine).begin() as session:
        books = stored_books(session)
        books.purchase("2026-10-03", "120.00")
        books.payment("2026-10-10", "120.00")
        return books.code


def _pause(program: str, seconds: int) -> dict[str, str]:
    return {"SCHEDULER_PAUSE_AFTER_CLAIM": str(seconds), "SCHEDULER_PAUSE_PROGRAM": program}


def _due_now() -> dict[str, str]:
    """Settings under which both jobs last fired a little earlier today (UTC)."""
    now = dt.datetime.now(dt.UTC)
    return {
        "MONTH_CLOSE_DAY": str(min(now.day, 28)),
        "MONTH_CLOSE_HOUR": "0",
        "OVERDUE_CHECK_HOUR": str(now.hour),
    }


@pytest.fixture
def started() -> Iterator[list[SchedulerProcess]]:
    """Processes a test starts, killed at the end if the test left them running."""
    processes: list[SchedulerProcess] = []
    yield processes
    for process in processes:
        process.kill()


def test_two_processes_firing_one_job_at_once_do_its_work_once(
    database_url: str, committed_engine: Engine, program: str, started: list[SchedulerProcess]
) -> None:
    once = ("--once", "overdue-check", "--program", program)
    first = SchedulerProcess(database_url, *once, env=_pause(program, 3))
    started.append(first)
    first.wait_for(PAUSED)
    second = SchedulerProcess(database_url, *once)
    started.append(second)
    assert (first.finish(), second.finish()) == (0, 0)
    assert f"{program}: ran" in first.log
    assert f"{program}: skipped" in second.log
    assert counts(committed_engine, program) == {
        "succeeded": 1,
        "failed": 0,
        "checks": 1,
        "reconciliations": 0,
    }


@pytest.mark.parametrize(
    ("job", "work"), [("overdue-check", "checks"), ("month-close", "reconciliations")]
)
def test_a_process_killed_mid_job_leaves_nothing_and_the_restart_does_it_once(
    database_url: str,
    committed_engine: Engine,
    program: str,
    started: list[SchedulerProcess],
    job: str,
    work: str,
) -> None:
    once = ("--once", job, "--program", program)
    killed = SchedulerProcess(database_url, *once, env=_pause(program, 60))
    started.append(killed)
    killed.wait_for(PAUSED)
    assert killed.stop(signal.SIGKILL) == -signal.SIGKILL
    assert counts(committed_engine, program) == {
        "succeeded": 0,
        "failed": 0,
        "checks": 0,
        "reconciliations": 0,
    }
    for attempt in range(2):
        restarted = SchedulerProcess(database_url, *once)
        started.append(restarted)
        assert restarted.finish() == 0
        assert f"{program}: {'ran' if attempt == 0 else 'skipped'}" in restarted.log
    found = counts(committed_engine, program)
    assert (found["succeeded"], found["failed"], found[work]) == (1, 0, 1)


def test_two_full_schedulers_catch_up_each_job_once_and_stop_gracefully_on_sigterm(
    engine_name: str,
    database_url: str,
    committed_engine: Engine,
    program: str,
    started: list[SchedulerProcess],
) -> None:
    if engine_name != "sqlite":
        pytest.skip("a full scheduler closes every program of the shared PostgreSQL database")
    first = SchedulerProcess(database_url, env=_due_now() | _pause(program, 3))
    started.append(first)
    first.wait_for(PAUSED)
    second = SchedulerProcess(database_url, env=_due_now())
    started.append(second)
    wait_until(committed_engine, program, succeeded=2)
    second.wait_for("scheduler started")
    assert first.stop(signal.SIGTERM) == 0
    second.process.send_signal(signal.SIGTERM)  # twice: an impatient operator
    assert second.stop(signal.SIGTERM) == 0
    assert "scheduler stopped" in first.log and "scheduler stopped" in second.log
    assert counts(committed_engine, program) == {
        "succeeded": 2,
        "failed": 0,
        "checks": 1,
        "reconciliations": 1,
    }


def test_a_full_scheduler_killed_mid_job_redoes_the_run_once_when_restarted(
    engine_name: str,
    database_url: str,
    committed_engine: Engine,
    program: str,
    started: list[SchedulerProcess],
) -> None:
    if engine_name != "sqlite":
        pytest.skip("a full scheduler closes every program of the shared PostgreSQL database")
    killed = SchedulerProcess(database_url, env=_due_now() | _pause(program, 60))
    started.append(killed)
    killed.wait_for(PAUSED)
    killed.stop(signal.SIGKILL)
    assert counts(committed_engine, program)["succeeded"] == 0
    restarted = SchedulerProcess(database_url, env=_due_now())
    started.append(restarted)
    wait_until(committed_engine, program, succeeded=2)
    assert restarted.stop(signal.SIGINT) == 0
    assert counts(committed_engine, program) == {
        "succeeded": 2,
        "failed": 0,
        "checks": 1,
        "reconciliations": 1,
    }


@pytest.fixture
def engine_name(committed_engine: Engine) -> str:
    return committed_engine.dialect.name
