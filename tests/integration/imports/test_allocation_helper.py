"""The allocation helper: a pool shared over a payroll, written back, imported cleanly."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy.orm import Session

from imports.allocation_sheet import AllocationRefused, share_payroll_pool
from tests.integration.imports.payroll_files import (
    ENGLISH,
    SPANISH,
    balance,
    english_xlsx,
    example_program,
    line,
    payroll_csv,
    stored_lines,
    upload,
    weeks_later,
)
from tests.unit.imports.reading_builders import write_xlsx

D = Decimal
WEEK = [date(2026, 8, 3), date(2026, 8, 9), date(2026, 8, 14)]
NEXT = [date(2026, 8, 10), date(2026, 8, 16), date(2026, 8, 21)]


def _spanish(path: Path) -> Path:
    rows: list[list[Any]] = [
        ["Rio Bravo Growers - Nómina de prima"],
        SPANISH,
        ["00123", "Rosa Pérez", *WEEK, 40, 600, 25, None],
        ["E-2", "Lucía Méndez", *WEEK, 20, 300, 0, "$9.99"],
        [],
        ["E-3", "José Xol", *NEXT, 30, 450, 5, None],
        ["00123", "Rosa Pérez", *NEXT, 10, 150, 5, None],
        [None, "Totales", None, None, None, 100, 1500, 35, None],
    ]
    return write_xlsx(path, {"Nomina": rows})


def _sheet(path: Path) -> list[list[Any]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_index(0).to_python()


def test_the_filled_payroll_imports_cleanly_with_its_lines_summing_to_the_pool(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    out = tmp_path / "filled.xlsx"
    shared = share_payroll_pool(
        session, program.code, "S-202", D("100.00"), _spanish(tmp_path / "n.xlsx"), "n.xlsx", out
    )
    assert (shared.lines, shared.pay_periods, shared.basis) == (4, 2, "hours")
    result = upload(session, program, out, supplier="S-202")
    assert (result.rows, result.entries, result.premium) == (4, 4, D("100.00"))
    assert [row[2] for row in stored_lines(session, result.batch)] == [
        D("40.00"),
        D("20.00"),
        D("30.00"),
        D("10.00"),
    ]
    assert shared.retention == D("7.66")  # 3.06 + 1.53 + 2.30 + 0.77, rounded per line
    assert balance(session, program, "suppliers:S-202:retained") == shared.retention


def test_the_output_keeps_the_supplier_s_header_names_and_text_ids(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    out = tmp_path / "filled.xlsx"
    share_payroll_pool(
        session, program.code, "S-202", D("100"), _spanish(tmp_path / "n.xlsx"), "n.xlsx", out
    )
    header, first, *_ = _sheet(out)
    assert header == [
        "No. Empleado",
        "Nombre",
        "Inicio",
        "Fin",
        "Fecha de Pago",
        "Horas",
        "Salario Bruto",
        "Prima",
    ]
    assert first[:3] == ["00123", "Rosa Pérez", date(2026, 8, 3)]
    assert first[-1] == 40


def test_a_payroll_without_a_premium_column_gets_one(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    rows = [row[:-1] for row in [ENGLISH, line("1001", hours=30), line("1002", hours=10)]]
    source = write_xlsx(tmp_path / "p.xlsx", {"Payroll": rows})
    out = tmp_path / "filled.xlsx"
    share_payroll_pool(session, program.code, "S-201", D("0.05"), source, "p.xlsx", out)
    assert [row[-1] for row in _sheet(out)] == ["premium", 0.04, 0.01]
    assert upload(session, program, out).premium == D("0.05")


def test_a_corrected_share_supersedes_the_payroll_it_replaces(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    source = english_xlsx(tmp_path / "p.xlsx", [line("1001", hours=30), line("1002", hours=10)])
    first = upload(session, program, source)
    out = tmp_path / "filled.xlsx"
    share_payroll_pool(session, program.code, "S-201", D("80.00"), source, "p.xlsx", out)
    upload(session, program, out, supersedes=first.batch)
    assert balance(session, program, "workers:S-201:1001") == D("60.00")
    assert balance(session, program, "workers:S-201:1002") == D("20.00")


@pytest.mark.parametrize(
    ("pool", "supplier", "reason"),
    [
        ("1.005", "S-201", 'pool = "1.005 USD": the pool must be more than 0'),
        ("0", "S-201", 'pool = "0 USD": the pool must be more than 0'),
        ("10", "S-999", "has no supplier 'S-999'"),
    ],
)
def test_a_pool_that_cannot_be_shared_is_refused(
    session: Session, tmp_path: Path, pool: str, supplier: str, reason: str
) -> None:
    program = example_program(session)
    source = english_xlsx(tmp_path / "p.xlsx", [line("1001")])
    with pytest.raises(AllocationRefused) as refused:
        share_payroll_pool(
            session, program.code, supplier, D(pool), source, "p.xlsx", tmp_path / "o.xlsx"
        )
    assert reason in str(refused.value.problems[0])
    assert not (tmp_path / "o.xlsx").exists()


def test_rows_the_import_would_refuse_are_refused_here_too(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    rows = [
        line("1001", premium="n/a"),
        line("S:2", premium=None),
        line("1003", hours="forty"),
        line("1004", week=(date(2026, 8, 3), date(2026, 8, 1), date(2026, 8, 14))),
    ]
    source = english_xlsx(tmp_path / "p.xlsx", rows)
    with pytest.raises(AllocationRefused) as refused:
        share_payroll_pool(
            session, program.code, "S-201", D("10"), source, "p.xlsx", tmp_path / "o.xlsx"
        )
    assert [str(problem) for problem in refused.value.problems] == [
        'sheet "Payroll", row 6, worker_id = "S:2": contains ":",'
        " which cannot be part of an account name",
        'sheet "Payroll", row 7, hours = "forty": not a number',
        'sheet "Payroll", row 8, period_end = "2026-08-01": before period_start 2026-08-03',
    ]


def test_a_payroll_with_no_basis_at_all_is_refused(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    source = english_xlsx(tmp_path / "p.xlsx", [line("1001", hours=0, week=weeks_later(1))])
    with pytest.raises(AllocationRefused, match="every line has 0 hours"):
        share_payroll_pool(
            session, program.code, "S-201", D("10"), source, "p.xlsx", tmp_path / "o.xlsx"
        )


def test_text_that_looks_like_a_formula_is_written_back_as_text(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    source = payroll_csv(tmp_path / "p.csv", [line("=1+2", name="=SUM(A1:A9)")])
    out = tmp_path / "filled.xlsx"
    share_payroll_pool(session, program.code, "S-201", D("5.00"), source, "p.csv", out)
    assert _sheet(out)[1][:2] == ["=1+2", "=SUM(A1:A9)"]
    assert upload(session, program, out).premium == D("5.00")
