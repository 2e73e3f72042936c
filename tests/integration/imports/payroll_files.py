"""Builders for payroll tests: the example program, payroll workbooks and CSV, one upload."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from imports.program_file import read_program_file
from ledger.balances import balances
from ledger.lines import PayrollLine
from ledger.participants import Program, Worker, program_by_code
from ledger.program_setup import apply_program
from tests.builders import unique_code
from tests.unit.imports.reading_builders import write_xlsx

EXAMPLE = Path(__file__).parents[3] / "api" / "demo" / "scenario-small"
ENGLISH = ["Worker ID", "Worker Name", "Crew", "Period Start", "Period End", "Pay Date"]
ENGLISH += ["Hours", "Gross Wages", "Premium"]
SPANISH = ["No. Empleado", "Nombre", "Inicio", "Fin", "Fecha de Pago", "Horas"]
SPANISH += ["Salario Bruto", "Bono", "Prima"]
WEEK = (date(2026, 8, 3), date(2026, 8, 9), date(2026, 8, 14))


def example_program(session: Session, **settings: str) -> Program:
    """The worked example's program (FFP-FL: hours, retention 0.0765) under a new code."""
    text = (EXAMPLE / "program.toml").read_text()
    text = text.replace('code = "FFP-FL"', f'code = "{unique_code("PAY")}"')
    for key, value in settings.items():
        start = text.index(f"\n{key} = ") + 1
        end = text.index("\n", start)
        text = text[:start] + f'{key} = "{value}"' + text[end:]
    definition = read_program_file(text.encode())
    apply_program(session, definition, "tests")
    return program_by_code(session, definition.code)


def line(
    worker: Any = "1001",
    hours: Any = 40,
    premium: Any = "20.00",
    *,
    name: str = "Ana Pérez",
    week: tuple[date, date, date] = WEEK,
    crew: str = "C1",
    wages: Any = 600,
) -> list[Any]:
    """One row in ENGLISH column order."""
    start, end, paid = week
    return [worker, name, crew, start, end, paid, hours, wages, premium]


def weeks_later(count: int) -> tuple[date, date, date]:
    return tuple(day + timedelta(weeks=count) for day in WEEK)  # type: ignore[return-value]


def english_xlsx(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Payroll") -> Path:
    """A payroll workbook with two title rows above the English header and a total row."""
    total = ["", "TOTAL", "", "", "", "", None, None, None]
    title = [["Palmetto Ridge Farms"], ["Fair Food Premium payroll"], [], ENGLISH]
    return write_xlsx(path, {sheet: [*title, *rows, total]})


def payroll_csv(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """The rows as CSV text under the English header, dates as ISO text."""
    texts = [",".join(_text(cell) for cell in row) for row in [ENGLISH, *rows]]
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return path


def _text(cell: Any) -> str:
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell)
    return f'"{text}"' if "," in text else text


def upload(
    session: Session,
    program: Program,
    path: Path,
    *,
    supplier: str = "S-201",
    dry_run: bool = False,
    supersedes: int | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """One payroll upload as its own unit of work: a refused upload leaves nothing behind."""
    request = Upload(
        program.code, supplier, path.name, path, dry_run, supersedes, sheet, uploaded_by="tests"
    )
    with session.begin_nested():
        return import_upload(session, request, KINDS["payroll"])


def balance(session: Session, program: Program, account: str) -> Decimal:
    return balances(session, program.id).get(account, {}).get("USD", Decimal("0"))


def stored_lines(session: Session, batch: int | None) -> list[tuple[Any, ...]]:
    """(worker id, hours, premium, retention, has entry) of a batch's lines, by row."""
    rows = session.execute(
        select(
            Worker.worker_id,
            PayrollLine.hours,
            PayrollLine.premium,
            PayrollLine.retention,
            PayrollLine.entry_id,
        )
        .join(Worker, Worker.id == PayrollLine.worker_id)
        .where(PayrollLine.batch_id == batch)
        .order_by(PayrollLine.row)
    )
    return [(w, h, p, r, entry is not None) for w, h, p, r, entry in rows]


def workers(session: Session, program: Program) -> dict[str, Worker]:
    found = session.scalars(select(Worker).where(Worker.program_id == program.id))
    return {worker.worker_id: worker for worker in found}
