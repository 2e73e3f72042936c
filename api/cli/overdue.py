"""`premium-ledger overdue`: the latest check of a program's overdue submissions, or a new one."""

import datetime as dt
import json

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from ledger.participants import program_by_code
from reconciliation.overdue_checks import (
    StoredCheck,
    check_overdue,
    latest_overdue,
    overdue_document,
)


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option("--check", "run_check", is_flag=True, help="Check now and store the check.")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="With --check: the date to check as of (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON on standard output.")
@pass_app
def overdue(
    app: AppContext, program_code: str, run_check: bool, as_of: dt.datetime | None, as_json: bool
) -> None:
    """Payroll and purchase reports the program is waiting for, as of the latest check.

    A supplier owes payroll once premium it received has gone unanswered by any
    payroll for longer than the distribution deadline; a buyer owes a purchase
    report for each month since its first purchase that closed without one.
    The scheduler checks every program daily; --check checks now.
    """
    today = dt.datetime.now(app.settings.scheduler.timezone).date()
    if as_of is not None and not run_check:
        raise click.UsageError("--as-of goes with --check")
    if as_of is not None and as_of.date() > today:
        raise click.BadParameter(f"{as_of.date()} is after today", param_hint="--as-of")
    if run_check:
        with app.sessions.begin() as session:
            stored: StoredCheck | None = check_overdue(
                session,
                program_by_code(session, program_code),
                as_of.date() if as_of is not None else today,
                f"{app.user} (cli)",
                month_close_day=app.settings.scheduler.month_close_day,
            )
    else:
        with app.sessions.begin() as session:
            stored = latest_overdue(session, program_code)
    if stored is None:
        click.echo(f"{program_code}: never checked; run with --check", err=True)
        if as_json:
            click.echo(json.dumps(None))
        return
    click.echo(json.dumps(overdue_document(stored), indent=1) if as_json else _text(stored))


def _text(stored: StoredCheck) -> str:
    check = stored.check
    when = check.checked_at.strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"{stored.program}: {len(stored.items)} overdue as of {check.as_of}"
        f" (checked {when} by {check.checked_by})"
    ]
    for item in stored.items:
        lines.append(
            f"  {item.kind:<9} {item.role:<8} {item.party:<12} {item.period:<21}"
            f" due {item.due_on}  {item.days_overdue:>4} day(s) overdue"
        )
        lines.append(f"    {item.message}")
    return "\n".join(lines)
