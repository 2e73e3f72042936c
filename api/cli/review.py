"""Monitor review from the command line: findings, their review, sign-off and the audit trail.

premium-ledger findings --program P --month M [--json]
premium-ledger review --program P --month M --finding N --status S [--comment C]
premium-ledger sign-off --program P --month M [--sha256 H]
premium-ledger audit --program P [--limit N] [--json]
"""

import json
from dataclasses import asdict
from typing import Any

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from api.cli.reconcile import MonthParameter
from ledger.audit import audit_trail
from ledger.finding_review import review_finding
from ledger.money import format_amount
from ledger.participants import program_by_code
from ledger.reconciliation_runs import REVIEW_STATUSES, RunRecord, reconciled_month, run_findings
from reconciliation.months import Month
from reports.sign_off import sign_off_month

_PROGRAM = click.option("--program", "program_code", required=True, help="Program code.")
_MONTH = click.option("--month", required=True, type=MonthParameter(), help="YYYY-MM.")
_BY = click.option("--by", default=None, help="Who does it, for the audit trail (default: you).")


@main.command()
@_PROGRAM
@_MONTH
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@pass_app
def findings(app: AppContext, program_code: str, month: Month, as_json: bool) -> None:
    """List the findings of the month's latest run, numbered, with their review status."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        run = reconciled_month(session, program, str(month))
        listed = [
            {**asdict(f), "number": n, "amount": format_amount(f.amount, program.currency)}
            for n, f in enumerate(run_findings(session, run.id), start=1)
        ]
    if as_json:
        click.echo(json.dumps(listed, default=str, indent=1))
        return
    click.echo(f"{month} version {run.version}{_signed(run)}: {len(listed)} findings", err=True)
    for finding in listed:
        click.echo(_finding_line(finding))


@main.command()
@_PROGRAM
@_MONTH
@click.option("--finding", "number", required=True, type=click.IntRange(1), help="Its number.")
@click.option("--status", required=True, type=click.Choice(REVIEW_STATUSES))
@click.option("--comment", default="", help="Why (needed to resolve or dispute).")
@_BY
@pass_app
def review(
    app: AppContext,
    program_code: str,
    month: Month,
    number: int,
    status: str,
    comment: str,
    by: str | None,
) -> None:
    """Acknowledge, resolve or dispute a finding of the month's latest run."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        run = reconciled_month(session, program, str(month))
        who = by or f"{app.user} (cli)"
        finding = review_finding(session, run.id, number, status, comment, who)
    click.echo(f"{month} version {run.version} finding {number} {finding.code}: {status}")


@main.command("sign-off")
@_PROGRAM
@_MONTH
@click.option("--sha256", default=None, help="The contract JSON's SHA-256 you reviewed.")
@_BY
@pass_app
def sign_off_command(
    app: AppContext, program_code: str, month: Month, sha256: str | None, by: str | None
) -> None:
    """Sign off the month's latest run: its report is frozen with its SHA-256."""
    with app.sessions.begin() as session:
        run = sign_off_month(
            session, program_code, month, by or f"{app.user} (cli)", expected_sha256=sha256
        )
    click.echo(
        f"{run.month} version {run.version} signed off by {run.signed_off_by};"
        f" report snapshot sha256 {run.snapshot_sha256}"
    )


@main.command()
@_PROGRAM
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@pass_app
def audit(app: AppContext, program_code: str, limit: int, as_json: bool) -> None:
    """Who did what to the program's books and reviews, and when, newest first."""
    with app.sessions.begin() as session:
        events = audit_trail(session, program_by_code(session, program_code).id, limit=limit)
    if as_json:
        click.echo(json.dumps([asdict(e) for e in events], default=str, indent=1))
        return
    for event in events:
        click.echo(
            f"{event.at:%Y-%m-%d %H:%M:%S} UTC  {event.actor}  {event.action}"
            f"  {event.subject}  {event.detail}".rstrip()
        )


def _signed(run: RunRecord) -> str:
    return f", signed off by {run.signed_off_by}" if run.signed_off_by else ""


def _finding_line(finding: dict[str, Any]) -> str:
    parties = " ".join(str(finding[k]) for k in ("buyer", "supplier", "worker") if finding[k])
    status = finding["status"] + (
        f" ({finding['status_comment']})" if finding["status_comment"] else ""
    )
    return (
        f"{finding['number']:>4}  {finding['severity']:<8} {finding['code']:<28}"
        f" {parties:<24} {finding['amount']:>12}  {status}"
    )
