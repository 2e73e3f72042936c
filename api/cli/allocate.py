"""`premium-ledger allocate`: fill a payroll's premium column from a pool (DESIGN.md §6)."""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from imports.allocation_sheet import SharedPool, share_payroll_pool
from ledger import accounts
from ledger.money import format_amount


class _Amount(click.ParamType[Decimal]):
    """An exact amount greater than zero, as typed: never through a float."""

    name = "amount"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        try:
            amount = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            self.fail(f"{value!r} is not an amount", param, ctx)
        if not amount.is_finite() or amount <= 0:
            self.fail(f"{value!r} is not an amount greater than 0", param, ctx)
        return amount


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option("--supplier", required=True, help="The supplier's code.")
@click.option("--pool", required=True, type=_Amount(), help="Premium to share, e.g. 1234.56.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The filled payroll (XLSX) to write.",
)
@click.option("--sheet", help="Read this sheet of a workbook.")
@pass_app
def allocate(
    app: AppContext,
    program_code: str,
    supplier: str,
    pool: Decimal,
    path: Path,
    out: Path,
    sheet: str | None,
) -> None:
    """Share a premium pool over a payroll by the program's allocation basis."""
    with app.sessions.begin() as session:
        shared = share_payroll_pool(
            session, program_code, supplier, pool, path, path.name, out, sheet=sheet
        )
    for line in _summary(shared, supplier, out):
        click.echo(line)


def _summary(shared: SharedPool, supplier: str, out: Path) -> list[str]:
    currency = shared.currency

    def money(amount: Decimal) -> str:
        return f"{format_amount(amount, currency)} {currency}"

    exact = f"{shared.pool * shared.retention_rate:f}"
    pool = format_amount(shared.pool, currency)
    return [
        f"premium {money(shared.pool)} to workers: {shared.lines} lines in"
        f" {shared.pay_periods} pay period(s), shared by {shared.basis}, written to {out}",
        f"retention {money(shared.retention)} (rounded per line, as posted;"
        f" {pool} × {shared.retention_rate} = {exact})",
        f"total {money(shared.pool + shared.retention)}"
        f" out of {accounts.supplier_held(supplier.strip())}",
    ]
