"""Payroll resubmissions: a worker's pay period repeats a live batch only by superseding it."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from imports.errors import UploadRejected
from ledger.books import JournalEntry
from ledger.verification import verify
from tests.integration.imports.payroll_files import (
    balance,
    english_xlsx,
    example_program,
    line,
    upload,
    weeks_later,
)

D = Decimal


def test_a_worker_and_period_already_in_a_live_batch_refuse_the_file(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    first = upload(session, program, english_xlsx(tmp_path / "a.xlsx", [line("1001")]))
    again = english_xlsx(tmp_path / "b.xlsx", [line("1002"), line("1001", premium="21.00")])
    with pytest.raises(UploadRejected) as refused:
        upload(session, program, again)
    assert [str(problem) for problem in refused.value.problems] == [
        'sheet "Payroll", row 6, worker_id = "1001": this worker and pay period'
        " (period_start 2026-08-03, period_end 2026-08-09) are already in batch"
        f" {first.batch}, row 5; upload the corrected file with --supersedes {first.batch}"
    ]
    later_week = english_xlsx(tmp_path / "c.xlsx", [line("1001", week=weeks_later(1))])
    assert upload(session, program, later_week).status == "posted"
    other_supplier = english_xlsx(tmp_path / "d.xlsx", [line("1001")])
    assert upload(session, program, other_supplier, supplier="S-202").status == "posted"


def test_the_same_worker_and_period_twice_in_one_file_is_accepted(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    two_jobs = [line("1001", crew="C1"), line("1001", crew="C2", premium="5.00")]
    result = upload(session, program, english_xlsx(tmp_path / "p.xlsx", two_jobs))
    assert (result.rows, result.entries) == (2, 2)
    assert balance(session, program, "workers:S-201:1001") == D("25.00")


def test_a_corrected_payroll_supersedes_the_first_and_the_books_hold_only_the_new(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    original = [line("1001", premium="20.00"), line("1002", premium="10.00")]
    first = upload(session, program, english_xlsx(tmp_path / "a.xlsx", original))
    corrected = [line("1001", premium="12.00"), line("1003", premium="18.00")]
    path = english_xlsx(tmp_path / "b.xlsx", corrected)
    second = upload(session, program, path, supersedes=first.batch)
    assert (second.status, second.supersedes) == ("posted", first.batch)
    assert balance(session, program, "workers:S-201:1001") == D("12.00")
    assert balance(session, program, "workers:S-201:1002") == D("0.00")
    assert balance(session, program, "workers:S-201:1003") == D("18.00")
    assert balance(session, program, "suppliers:S-201:retained") == D("2.30")  # 0.92 + 1.38
    assert balance(session, program, "suppliers:S-201:held") == D("-32.30")
    first_entries = select(JournalEntry.id).where(JournalEntry.batch_id == first.batch)
    reversals = select(func.count()).where(JournalEntry.reverses_id.in_(first_entries))
    assert session.scalar(reversals) == 2
    third = english_xlsx(tmp_path / "c.xlsx", [line("1003", premium="17.00")])
    with pytest.raises(UploadRejected, match=f"--supersedes {second.batch}$"):
        upload(session, program, third)
    assert verify(session, program.id).ok
