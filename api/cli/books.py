"""Commands on the books themselves: create the database, show balances, verify the chain."""

import json
from datetime import datetime

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import REJECTED, main
from ledger import balances as ledger_balances
from ledger.database import upgrade
from ledger.money import format_amount
from ledger.participants import program_by_code
from ledger.verification import verify as verify_books


@main.command()
@pass_app
def init(app: AppContext) -> None:
    """Create or upgrade the database (DATABASE_URL, default ./premium-ledger.db)."""
    upgrade(app.engine)
    click.echo(f"database ready: {app.engine.url.render_as_string(hide_password=True)}", err=True)


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Balances on this date.")
@click.option("--prefix", help="Only accounts named so or below (e.g. suppliers:S-201).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON on standard output.")
@pass_app
def balances(
    app: AppContext, program_code: str, as_of: datetime | None, prefix: str | None, as_json: bool
) -> None:
    """Balance of every account with postings."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        day = as_of.date() if as_of is not None else None
        found = ledger_balances.balances(session, program.id, as_of=day, prefix=prefix)
    printable = {
        account: {currency: format_amount(amount, currency) for currency, amount in sums.items()}
        for account, sums in found.items()
    }
    if as_json:
        click.echo(json.dumps(printable, indent=1))
        return
    width = max((len(name) for name in printable), default=10)
    for account, sums in printable.items():
        for currency, amount in sums.items():
            click.echo(f"{account:<{width}}  {amount:>14} {currency}")


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@pass_app
def verify(app: AppContext, program_code: str) -> None:
    """Recompute the hash chain and the zero sum per currency."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        result = verify_books(session, program.id)
    totals = ", ".join(f"{format_amount(t, c)} {c}" for c, t in sorted(result.totals.items()))
    if result.ok:
        click.echo(f"ok: {result.entries} entries, chain intact, totals {totals or 'none'}")
        return
    where = f"entry {result.broken_entry}" if result.broken_entry else "the books"
    click.echo(f"BROKEN at {where}: {result.reason}", err=True)
    raise SystemExit(REJECTED)
