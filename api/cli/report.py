"""`premium-ledger report`: a month's stored reconciliation as an XLSX, HTML or JSON report."""

import os
from pathlib import Path

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from api.cli.reconcile import MonthParameter
from ledger.database import make_reading_sessionmaker
from reconciliation.months import Month
from reports.month_report import ReportFormat, write_report


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option("--month", required=True, type=MonthParameter(), help="The month, as YYYY-MM.")
@click.option(
    "--format",
    "report_format",
    required=True,
    type=click.Choice([f.value for f in ReportFormat]),
    help="xlsx (with every worker line), html (printable) or json.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write.",
)  # fmt: skip
@click.option("--version", type=click.IntRange(min=1), help="A run version; default the latest.")
@pass_app
def report(
    app: AppContext,
    program_code: str,
    month: Month,
    report_format: str,
    output: Path,
    version: int | None,
) -> None:
    """Write the report of a month's stored reconciliation run.

    The month must have been reconciled (`premium-ledger reconcile`); the
    report shows that run as stored, with its findings' review. The file is
    written beside its target and renamed into place when complete.
    """
    partial = output.with_name(output.name + ".partial")
    try:
        reading = make_reading_sessionmaker(app.engine)
        with reading.begin() as session, partial.open("wb") as out:
            made = write_report(
                session, program_code, month, ReportFormat(report_format), out, version
            )
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(
        f"report {made.month} of {made.program}, run version {made.run.version},"
        f" written to {output}",
        err=True,
    )
