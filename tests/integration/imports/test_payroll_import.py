"""Payroll uploads on both databases: postings, layouts, validation, supersedes, size."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from imports.errors import UploadRejected
from ledger.books import JournalEntry, JournalPosting
from ledger.lines import PayrollLine
from ledger.participants import Worker
from ledger.verification import verify
from tests.integration.imports.payroll_files import (
    SPANISH,
    balance,
    english_xlsx,
    example_program,
    line,
    payroll_csv,
    stored_lines,
    upload,
    weeks_later,
    workers,
)
from tests.unit.imports.reading_builders import write_xlsx

D = Decimal


def _problems(error: pytest.ExceptionInfo[UploadRejected]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_premium_goes_to_each_worker_and_retention_half_up_per_line_out_of_held(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    path = english_xlsx(
        tmp_path / "p.xlsx",
        [
            line("1001", premium="20.00"),  # 20.00 × 0.0765 = 1.53
            line("1002", premium="$10.00"),  # 0.765: half-up to 0.77, not 0.76
            line("1003", premium=6.54),  # 0.50031 → 0.50
        ],
    )
    result = upload(session, program, path)
    assert (result.status, result.rows, result.entries) == ("posted", 3, 3)
    assert result.premium == D("36.54")
    assert stored_lines(session, result.batch) == [
        ("1001", D("40"), D("20.00"), D("1.53"), True),
        ("1002", D("40"), D("10.00"), D("0.77"), True),
        ("1003", D("40"), D("6.54"), D("0.50"), True),
    ]
    assert balance(session, program, "workers:S-201:1002") == D("10.00")
    assert balance(session, program, "suppliers:S-201:retained") == D("2.80")
    assert balance(session, program, "suppliers:S-201:held") == D("-39.34")
    assert verify(session, program.id).ok


def test_an_entry_is_dated_by_pay_date_and_traceable_to_batch_sheet_and_row(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    result = upload(session, program, english_xlsx(tmp_path / "p.xlsx", [line("1001")]))
    entry = session.scalars(select(JournalEntry).where(JournalEntry.batch_id == result.batch)).one()
    assert (entry.kind, entry.effective_date) == ("payroll", date(2026, 8, 14))
    assert (entry.source_sheet, entry.source_row) == ("Payroll", 5)
    assert entry.idempotency_key is not None
    assert entry.idempotency_key.startswith("payroll:S-201:")
    assert entry.idempotency_key.endswith(":Payroll:5")


def test_a_premium_of_zero_is_stored_as_a_line_but_posts_nothing(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001", premium=0), line("1002", premium="")])
    result = upload(session, program, path)
    assert (result.rows, result.entries, result.premium) == (2, 0, D(0))
    assert stored_lines(session, result.batch) == [
        ("1001", D("40"), D("0.00"), D("0.00"), False),
        ("1002", D("40"), D("0.00"), D("0.00"), False),
    ]


def test_a_retention_that_rounds_to_zero_leaves_the_retained_leg_out(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    result = upload(session, program, english_xlsx(tmp_path / "p.xlsx", [line(premium="0.06")]))
    legs = session.scalars(
        select(JournalPosting.amount)
        .join(JournalEntry, JournalEntry.id == JournalPosting.entry_id)
        .where(JournalEntry.batch_id == result.batch)
        .order_by(JournalPosting.amount)
    ).all()
    assert legs == [D("-0.06"), D("0.06")]


def test_a_program_without_retention_posts_the_premium_alone(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session, retention_rate="0")
    upload(session, program, english_xlsx(tmp_path / "p.xlsx", [line(premium="20.00")]))
    assert balance(session, program, "suppliers:S-201:held") == D("-20.00")
    assert balance(session, program, "suppliers:S-201:retained") == D(0)


def test_a_spanish_payroll_as_growers_export_it(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    week = [date(2026, 8, 3), date(2026, 8, 9), date(2026, 8, 14)]
    rows: list[list[Any]] = [
        ["Everglades Fresh LLC - Nómina de prima"],
        ["Mes: agosto 2026"],
        SPANISH,
        ["0111139", "Ti-Jean Ramírez", *week, 31.75, 534.67, 50, "$1,234.56"],
        [],
        [1008227.0, "Ángel Ordóñez", *week, 9, 160.92, 75.5, 4.23],
        ["0111140", "Rosa Pérez", "08/03/2026", "2026-08-09", "08/14/2026", "40", "$600.00", 0, ""],
        [None, "Totales", None, None, None, 80.75, None, 125.5, "$1,238.79"],
    ]
    summary: list[list[Any]] = [
        ["Resumen de prima"],
        ["Semana", "Trabajadores", "Horas", "Prima"],
        ["32", 3, 80],
    ]
    path = write_xlsx(
        tmp_path / "nomina.xlsx",
        {"Resumen": summary, "Semana 32": rows},
        merged={"Semana 32": ["A1:I1", "A2:I2"]},
    )
    result = upload(session, program, path, supplier="s-204 ")
    assert (result.sheet, result.rows, result.entries) == ("Semana 32", 3, 2)
    assert result.premium == D("1238.79")  # the Bono column is not the premium
    assert balance(session, program, "workers:S-204:0111139") == D("1234.56")
    assert balance(session, program, "workers:S-204:1008227") == D("4.23")
    assert workers(session, program)["0111139"].name == "Ti-Jean Ramírez"


def test_the_named_sheet_is_read(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001")], sheet="Week 32")
    with pytest.raises(UploadRejected, match='no sheet named "Week 33"'):
        upload(session, program, path, sheet="Week 33")
    assert upload(session, program, path, sheet="week 32").sheet == "Week 32"


def test_leading_zeros_keep_worker_ids_apart(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    path = payroll_csv(tmp_path / "p.csv", [line("00123"), line("123"), line(" 0123 ")])
    result = upload(session, program, path)
    assert [row[0] for row in stored_lines(session, result.batch)] == ["00123", "123", "0123"]
    assert sorted(workers(session, program)) == ["00123", "0123", "123"]
    assert balance(session, program, "workers:S-201:00123") == D("20.00")


def test_the_program_allocation_basis_column_is_required(session: Session, tmp_path: Path) -> None:
    program = example_program(session, allocation_basis="units")
    hours_only = english_xlsx(tmp_path / "hours.xlsx", [line()])
    with pytest.raises(UploadRejected) as refused:
        upload(session, program, hours_only)
    assert "lacks units" in _problems(refused)[0]
    with_units = tmp_path / "units.csv"
    with_units.write_text(
        "worker_id;period_start;period_end;pay_date;Buckets;prima\n"
        "7;2026-08-03;2026-08-09;2026-08-14;120;$5.00\n"
    )
    assert upload(session, program, with_units).entries == 1


def test_every_row_problem_is_reported_with_sheet_row_column_and_value(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    early = (date(2026, 8, 3), date(2026, 8, 1), date(2026, 8, 2))
    rows = [
        line("1001"),
        line("1002", week=early),
        line("1003", hours=-1),
        line("1004", hours="forty"),
        line("1005", premium="-5.00"),
        line("1006", premium="2.505"),
        line("S:1007"),
        line(None),
        line("1009", wages="lots"),
    ]
    with pytest.raises(UploadRejected) as refused:
        upload(session, program, english_xlsx(tmp_path / "bad.xlsx", rows))
    assert _problems(refused) == [
        'sheet "Payroll", row 6, period_end = "2026-08-01": before period_start 2026-08-03',
        'sheet "Payroll", row 6, pay_date = "2026-08-02": before period_start 2026-08-03',
        'sheet "Payroll", row 7, hours = "-1": must not be negative',
        'sheet "Payroll", row 8, hours = "forty": not a number',
        'sheet "Payroll", row 9, premium = "-5.00": must not be negative',
        'sheet "Payroll", row 10, premium = "2.505": more than 2 decimal places:'
        " not an amount that can be paid in USD",
        'sheet "Payroll", row 11, worker_id = "S:1007": contains ":",'
        " which cannot be part of an account name",
        'sheet "Payroll", row 12, worker_id = "": required, but blank',
        'sheet "Payroll", row 13, gross_wages = "lots": not an amount of money',
    ]
    assert workers(session, program) == {}
    entries = select(func.count()).where(JournalEntry.program_id == program.id)
    assert session.scalar(entries) == 0


def test_a_dry_run_checks_every_row_and_creates_nothing(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001"), line("1002")])
    result = upload(session, program, path, dry_run=True)
    assert (result.status, result.batch, result.rows) == ("dry_run", None, 2)
    assert result.new_worker_codes == ()
    assert workers(session, program) == {}
    assert upload(session, program, path).status == "posted"


def test_the_identical_file_again_is_a_no_op_naming_the_earlier_batch(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001")])
    first = upload(session, program, path)
    again = upload(session, program, path)
    assert (again.status, again.batch, again.new_worker_codes) == ("duplicate", first.batch, ())
    assert balance(session, program, "workers:S-201:1001") == D("20.00")


def test_a_10000_row_payroll_posts_in_chunks(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    rows = [
        line(
            f"{worker:05d}",
            hours=20 + worker % 30,
            premium=f"{worker % 50}.25",
            week=weeks_later(w),
        )
        for w in range(4)
        for worker in range(2500)
    ]
    result = upload(session, program, english_xlsx(tmp_path / "big.xlsx", rows))
    assert (result.rows, result.entries) == (10_000, 10_000)
    expected = sum((D(f"{worker % 50}.25") for worker in range(2500)), D(0)) * 4
    assert result.premium == expected
    assert len(result.new_worker_codes) == 2500
    assert balance(session, program, "workers:S-201:00049") == D("197.00")
    lines = (
        select(func.count()).select_from(PayrollLine).where(PayrollLine.batch_id == result.batch)
    )
    assert session.scalar(lines) == 10_000
    assert session.scalar(select(func.count()).where(Worker.program_id == program.id)) == 2500
