"""The allocation helper (DESIGN.md §6): a supplier's payroll back with its premium filled.

The pool is shared by the program's allocation basis (see `imports.pool_shares`), and the
workbook written has one row per data row of the payroll, under the payroll's own header
names for the columns the program knows, so that it imports as it is. Columns the program
does not know (a separate bonus, notes) are left out.

Choices where DESIGN.md is silent: the premium column may be missing or hold anything,
since it is replaced; a row that `import payroll` would refuse for another reason is
refused here too, so the output never fails on it; the rows are held in memory, as the
pool can only be shared once every basis is known.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy.orm import Session

from imports.payroll import worker_problems
from imports.pool_shares import BasisLine, share_pool
from imports.reading import (
    Column,
    FileRejected,
    Kind,
    Layout,
    ParsedRow,
    Problem,
    Source,
    open_table,
    payroll_layout,
)
from ledger.catalog import load_catalog
from ledger.errors import LedgerError
from ledger.money import minor_places, round_half_up
from ledger.participants import program_by_code

_PREMIUM = "premium"


class AllocationRefused(LedgerError):
    """A payroll whose pool cannot be shared; `problems` says why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "\n  ".join(str(problem) for problem in self.problems[:50])
        super().__init__(f"cannot share the pool, {len(self.problems)} problem(s):\n  {shown}")


@dataclass(frozen=True, slots=True)
class SharedPool:
    """What the helper wrote: the pool over so many lines, and the retention that goes with it."""

    pool: Decimal
    currency: str
    basis: str
    lines: int
    pay_periods: int
    retention_rate: Decimal
    retention: Decimal  # the sum of each line's retention, rounded half-up per line, as posted


def allocation_layout(basis: str) -> Layout:
    """The payroll layout with `premium` optional, since the helper fills it in."""
    layout = payroll_layout(basis)
    required = tuple(column for column in layout.required if column.name != _PREMIUM)
    premium = Column(_PREMIUM, Kind.MONEY)
    return Layout(layout.name, required, (premium, *layout.optional), checks=layout.checks)


def share_payroll_pool(
    session: Session,
    program_code: str,
    supplier_code: str,
    pool: Decimal,
    source: Source,
    filename: str,
    out: Path | BinaryIO,
    *,
    sheet: str | None = None,
) -> SharedPool:
    """Share the pool over the payroll's lines and write the filled payroll to `out`."""
    program = program_by_code(session, program_code)
    if load_catalog(session, program).party("supplier", supplier_code) is None:
        reason = f"program {program.code} has no supplier {supplier_code!r}"
        raise AllocationRefused([Problem(reason)])
    places = minor_places(program.currency)
    _check_pool(pool, places, program.currency)
    basis = program.allocation_basis
    rows, header, sheet_name = _read(source, filename, allocation_layout(basis), sheet)
    lines = [_basis_line(row, basis) for row in rows]
    if all(line.basis == 0 for line in lines):
        raise AllocationRefused([Problem(f"every line has 0 {basis}: nothing to share by")])
    amounts = share_pool(pool, lines, places)
    _write(out, sheet_name or "Payroll", header, rows, amounts)
    rate = program.retention_rate
    return SharedPool(
        pool=pool,
        currency=program.currency,
        basis=basis,
        lines=len(lines),
        pay_periods=len({line.pay_period for line in lines}),
        retention_rate=rate,
        retention=sum((round_half_up(a * rate, places) for a in amounts), Decimal(0)),
    )


def _check_pool(pool: Decimal, places: int, currency: str) -> None:
    if pool <= 0 or pool != round_half_up(pool, places):
        reason = f"the pool must be more than 0 with at most {places} decimal places"
        raise AllocationRefused([Problem(reason, column="pool", value=f"{pool} {currency}")])


def _read(
    source: Source, filename: str, layout: Layout, sheet: str | None
) -> tuple[list[ParsedRow], dict[str, str], str | None]:
    """Every data row, the header names by contract column, and the sheet read."""
    try:
        with open_table(source, filename, layout, sheet=sheet) as table:
            rows = list(table)
            header, sheet_name = dict(table.columns), table.sheet
    except FileRejected as refused:
        raise AllocationRefused(refused.problems) from None
    problems = [problem for row in rows for problem in _problems(row, sheet_name)]
    if problems:
        raise AllocationRefused(problems)
    return rows, header, sheet_name


def _problems(row: ParsedRow, sheet: str | None) -> list[Problem]:
    """The row's problems, leaving out its premium cell: whatever that held is replaced."""
    found = [problem for problem in row.problems if problem.column != _PREMIUM]
    return found or worker_problems(row, sheet)


def _basis_line(row: ParsedRow, basis: str) -> BasisLine:
    return BasisLine(
        worker_id=row.text("worker_id"),
        period_start=row.date("period_start"),
        period_end=row.date("period_end"),
        pay_date=row.date("pay_date"),
        basis=row.decimal(basis),
    )


def _write(
    out: Path | BinaryIO,
    sheet: str,
    header: dict[str, str],
    rows: Sequence[ParsedRow],
    amounts: Sequence[Decimal],
) -> None:
    columns = list(header) if _PREMIUM in header else [*header, _PREMIUM]
    book = Workbook(write_only=True)
    written = book.create_sheet(sheet)
    written.append([header.get(column, column) for column in columns])
    for row, amount in zip(rows, amounts, strict=True):
        values = {**row.values, _PREMIUM: amount}
        written.append([_cell(written, values.get(column)) for column in columns])
    book.save(out)


def _cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    """The value, with text that starts with `=` kept as text: openpyxl would make it a formula."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value
