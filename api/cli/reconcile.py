"""`premium-ledger reconcile`: a month's reconciliation, stored as a run for review."""

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from reconciliation.months import Month
from reconciliation.runs import RunOutcome, run_reconciliation
from reconciliation.standing_review import render_standings
from reconciliation.text_output import render_text


class MonthParameter(click.ParamType[Month]):
    """A `YYYY-MM` month; anything else is a usage error (exit 2) naming the option."""

    name = "YYYY-MM"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Month:
        if isinstance(value, Month):
            return value
        try:
            return Month.parse(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option("--month", required=True, type=MonthParameter(), help="The month, as YYYY-MM.")
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON (DESIGN.md §6).")
@pass_app
def reconcile(app: AppContext, program_code: str, month: Month, as_json: bool) -> None:
    """Reconcile a month as of its last day, and store the run for review.

    Every run is stored, with --json too. Re-running a month that is not signed
    off replaces its findings, each keeping its review status while it is
    unchanged; re-running a signed-off month adds a new version beside it.
    Each supplier's standing and any recommended change follow the tables
    (on standard error with --json, which prints only the contract JSON).
    """
    with app.sessions.begin() as session:
        outcome = run_reconciliation(session, program_code, month, f"{app.user} (cli)")
    standings = render_standings(outcome.standings)
    if as_json:
        click.echo(outcome.contract_json, nl=False)
        click.echo(standings, err=True, nl=False)
    else:
        click.echo(render_text(outcome.result) + "\n" + standings, nl=False)
    click.echo(_stored(outcome), err=True)


def _stored(outcome: RunOutcome) -> str:
    run = outcome.run
    how = "stored as version" if outcome.new_version else "re-run in place, version"
    return f"run {run.id}: {run.month} {how} {run.version}, sha256 {run.result_sha256}"
