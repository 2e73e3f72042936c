"""`premium-ledger scheduler` runs the scheduler process; `premium-ledger jobs` shows its runs."""

import datetime as dt
import json
import logging
import sys
from typing import Any

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import REJECTED, main
from api.scheduling.jobs import job_by_id, scheduled_jobs
from api.scheduling.process import run_scheduler
from api.scheduling.runner import JobReport, run_job
from ledger.job_runs import JobRunRecord, recent_runs
from ledger.participants import program_by_code


@main.command()
@click.option(
    "--once",
    "once",
    metavar="JOB",
    help="Run JOB (month-close or overdue-check) for its latest fire time now, then exit.",
)
@click.option(
    "--program",
    "programs",
    multiple=True,
    help="With --once: only this program (repeatable; default: every program).",
)
@pass_app
def scheduler(app: AppContext, once: str | None, programs: tuple[str, ...]) -> None:
    """Run the scheduler: close each month and check overdue submissions daily.

    Jobs fire as MONTH_CLOSE_DAY, MONTH_CLOSE_HOUR, OVERDUE_CHECK_HOUR and
    SCHEDULER_TIMEZONE say, and are stored in the database. Any number of
    scheduler processes may run: each job runs once per program and fire time,
    and a run that a crash interrupted is redone on the next start. SIGTERM or
    SIGINT stops it after the running jobs finish.

    With --once JOB, the job runs now for its latest fire time, for every
    program that no scheduler has done yet, and the command exits (1 if any
    program failed). To reconcile or check again regardless, use `reconcile`
    or `overdue --check`.
    """
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if once is None:
        if programs:
            raise click.UsageError("--program goes with --once")
        run_scheduler(app.settings)
        return
    try:
        job = job_by_id(app.settings.scheduler, once)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--once") from None
    now = dt.datetime.now(dt.UTC)
    report = run_job(app.sessions, job, app.settings.scheduler, now, programs)
    click.echo(_summary(report), err=True)
    if report.failed:
        click.get_current_context().exit(REJECTED)


def _summary(report: JobReport) -> str:
    if report.fire_time is None:
        return f"{report.job}: has not fired in the last month; nothing to do"
    lines = [f"{report.job} for {report.fire_time.isoformat()}:"]
    lines += [f"  {run.program}: {run.status} ({run.detail})" for run in report.programs]
    return "\n".join(lines)


@main.command()
@click.option("--program", "program_code", help="Only this program's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print JSON on standard output.")
@pass_app
def jobs(app: AppContext, program_code: str | None, limit: int, as_json: bool) -> None:
    """The scheduler's latest job runs, newest first, and when its jobs fire."""
    with app.sessions.begin() as session:
        program_id = program_by_code(session, program_code).id if program_code else None
        runs = recent_runs(session, limit, program_id)
    if as_json:
        click.echo(json.dumps([_run_json(run) for run in runs], indent=1))
        return
    for job in scheduled_jobs(app.settings.scheduler):
        click.echo(f"{job.id}: {job.description}, {job.trigger}", err=True)
    for run in runs:
        finished = run.finished_at.strftime("%H:%M:%S") if run.finished_at else "-"
        what = run.detail if run.outcome == "succeeded" else run.error
        click.echo(
            f"{run.started_at:%Y-%m-%d %H:%M:%S}-{finished} {run.job_id:<13}"
            f" {run.program:<12} fire {run.fire_time:%Y-%m-%d %H:%M}"
            f" {run.outcome:<9} {what}"
        )


def _run_json(run: JobRunRecord) -> dict[str, Any]:
    return {
        "id": run.id,
        "job": run.job_id,
        "program": run.program,
        "fire_time": run.fire_time.isoformat(),
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "outcome": run.outcome,
        "detail": run.detail,
        "error": run.error,
        "worker": run.worker,
    }
