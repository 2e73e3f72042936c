"""Workers from payroll: created on first sight, renamed by later uploads, found by code."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.participants import Worker
from ledger.workers import LOOKUP_ALPHABET, lookup_digest, worker_by_code
from tests.integration.imports.payroll_files import (
    english_xlsx,
    example_program,
    line,
    upload,
    weeks_later,
    workers,
)


def test_new_workers_get_a_lookup_code_handed_out_once(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "a.xlsx", [line("1001"), line("1002"), line("1001", crew="C2")])
    first = upload(session, program, path)
    assert [worker_id for worker_id, _ in first.new_worker_codes] == ["1001", "1002"]
    for _, code in first.new_worker_codes:
        assert len(code) >= 8 and set(code) <= set(LOOKUP_ALPHABET)
    later = [line("1002", week=weeks_later(1)), line("1003", week=weeks_later(1))]
    second = upload(session, program, english_xlsx(tmp_path / "b.xlsx", later))
    assert [worker_id for worker_id, _ in second.new_worker_codes] == ["1003"]


def test_only_the_digest_is_stored_and_the_code_finds_its_worker(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    result = upload(session, program, english_xlsx(tmp_path / "a.xlsx", [line("1001")]))
    [(_, code)] = result.new_worker_codes
    worker = workers(session, program)["1001"]
    assert worker.lookup_digest == lookup_digest(code)
    stored = session.execute(select(Worker.__table__).where(Worker.id == worker.id)).one()
    assert code not in [str(value) for value in stored]
    typed = f" {code[:5].lower()}-{code[5:]} "
    assert worker_by_code(session, program.id, typed) is worker
    other = example_program(session)
    assert worker_by_code(session, other.id, code) is None
    assert worker_by_code(session, program.id, "0" * len(code)) is None
    assert worker_by_code(session, program.id, "") is None


def test_codes_are_unique_across_the_program(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    rows = [line(f"W{number}") for number in range(300)]
    first = upload(session, program, english_xlsx(tmp_path / "a.xlsx", rows))
    other = upload(session, program, english_xlsx(tmp_path / "b.xlsx", rows), supplier="S-202")
    codes = [code for _, code in first.new_worker_codes + other.new_worker_codes]
    assert len(set(codes)) == len(codes) == 600


def test_a_later_upload_updates_a_changed_name_and_a_missing_name_keeps_it(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    upload(session, program, english_xlsx(tmp_path / "a.xlsx", [line("1001", name="Ana Pérez")]))
    renamed = [line("1001", name="Ana Pérez López", week=weeks_later(1))]
    upload(session, program, english_xlsx(tmp_path / "b.xlsx", renamed))
    assert workers(session, program)["1001"].name == "Ana Pérez López"
    unnamed = [line("1001", name="", week=weeks_later(2))]
    upload(session, program, english_xlsx(tmp_path / "c.xlsx", unnamed))
    assert workers(session, program)["1001"].name == "Ana Pérez López"


def test_within_one_file_the_last_name_given_wins(session: Session, tmp_path: Path) -> None:
    program = example_program(session)
    rows = [line("1001", name="Ana"), line("1001", name="Ana María", crew="C2"), line("1002")]
    upload(session, program, english_xlsx(tmp_path / "a.xlsx", rows))
    assert workers(session, program)["1001"].name == "Ana María"


def test_the_same_worker_id_at_another_supplier_is_another_worker(
    session: Session, tmp_path: Path
) -> None:
    program = example_program(session)
    path = english_xlsx(tmp_path / "a.xlsx", [line("1001")])
    upload(session, program, path)
    upload(session, program, path, supplier="S-202")
    found = session.scalars(
        select(Worker.supplier_id).where(
            Worker.program_id == program.id, Worker.worker_id == "1001"
        )
    ).all()
    assert len(set(found)) == 2
