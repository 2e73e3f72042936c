"""The `overdue`, `scheduler --once` and `jobs` commands, and an app that never schedules."""

import json
import subprocess
import sys

from click.testing import CliRunner
from sqlalchemy import Engine

from api.cli import main
from ledger.database import make_sessionmaker
from tests.integration.reconciliation.stored import stored_books


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def _program(engine: Engine) -> str:
    with make_sessionmaker(engine).begin() as session:
        books = stored_books(session)
        books.purchase("2026-07-03", "120.00")
        books.payment("2026-08-04", "100.00")
        return books.code


def test_overdue_check_stores_a_check_and_overdue_shows_the_latest(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    assert _run(database_url, "overdue", "--program", code) == (
        0,
        "",
        f"{code}: never checked; run with --check\n",
    )
    status, out, _ = _run(
        database_url, "overdue", "--program", code, "--check", "--as-of", "2026-09-10"
    )
    assert status == 0
    assert out.splitlines()[0].startswith(f"{code}: 2 overdue as of 2026-09-10 (checked ")
    status, out, _ = _run(database_url, "overdue", "--program", code, "--json")
    document = json.loads(out)
    assert (document["as_of"], document["job_run"], document["currency"]) == (
        "2026-09-10",
        None,
        "USD",
    )
    assert [(i["kind"], i["party"], i["days_overdue"], i["amount"]) for i in document["items"]] == [
        ("payroll", "S-1", 7, "100.00"),
        ("purchases", "B-1", 6, None),
    ]


def test_overdue_refuses_a_future_date_and_a_date_without_check(database_url: str) -> None:
    status, _, err = _run(
        database_url, "overdue", "--program", "X", "--check", "--as-of", "2999-01-01"
    )
    assert status == 2 and "2999-01-01 is after today" in err
    status, _, err = _run(database_url, "overdue", "--program", "X", "--as-of", "2026-01-01")
    assert status == 2 and "--as-of goes with --check" in err


def test_once_runs_a_job_for_its_latest_fire_time_then_skips_it(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    once = ("scheduler", "--once", "month-close", "--program", code)
    status, _, err = _run(database_url, *once)
    assert status == 0 and f"{code}: ran (" in err and "stored as version 1" in err
    status, _, err = _run(database_url, *once)
    assert status == 0 and f"{code}: skipped (already done)" in err
    status, out, _ = _run(database_url, "jobs", "--program", code, "--json")
    (run,) = json.loads(out)
    assert (run["job"], run["program"], run["outcome"], run["error"]) == (
        "month-close",
        code,
        "succeeded",
        "",
    )
    assert run["detail"].endswith("stored as version 1")


def test_once_names_the_jobs_when_given_another(database_url: str) -> None:
    status, _, err = _run(database_url, "scheduler", "--once", "month-end")
    assert status == 2 and "the jobs are month-close, overdue-check" in err


def test_the_web_app_does_not_even_import_the_scheduler() -> None:
    script = (
        "import sys; from api.app import create_app; create_app({'DATABASE_URL': 'sqlite://'});"
        " print(sorted(m for m in sys.modules if m.startswith(('apscheduler', 'api.scheduling'))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
