"""`premium-ledger standing set`: a person records a supplier's standing, e.g. as recommended."""

from datetime import datetime

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from reconciliation.books import Standing
from reconciliation.standing_changes import set_standing

STANDINGS = [standing.value for standing in Standing]


@main.group()
def standing() -> None:
    """Supplier standing: good, probation or suspended."""


@standing.command("set")
@click.option("--program", "program_code", required=True, help="Program code.")
@click.argument("supplier")
@click.argument("new_standing", metavar="good|probation|suspended", type=click.Choice(STANDINGS))
@click.option(
    "--since", required=True, type=click.DateTime(["%Y-%m-%d"]), help="From this date on."
)
@click.option("--reason", required=True, help="Why, for the audit trail.")
@click.option("--by", "recorded_by", default=None, help="Who makes the change (default: you).")
@pass_app
def set_command(
    app: AppContext,
    program_code: str,
    supplier: str,
    new_standing: str,
    since: datetime,
    reason: str,
    recorded_by: str | None,
) -> None:
    """Record SUPPLIER's standing from --since on (recorded with who and why)."""
    who = recorded_by or f"{app.user} (cli)"
    with app.sessions.begin() as session:
        update = set_standing(
            session, program_code, supplier, Standing(new_standing), since.date(), reason, who
        )
    if update.change is None:
        click.echo(f"supplier {update.supplier} unchanged: already {new_standing}")
    else:
        click.echo(update.change)
