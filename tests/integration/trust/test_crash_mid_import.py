"""A process killed with SIGKILL in the middle of a 100,000-row import leaves no trace of it.

The import runs in a child process through the pipeline the CLI uses, printing a line
as each chunk of rows is checked; once some chunks have been posted (uncommitted) the
child is killed. The batch's transaction dies with it: no batch, no lines, no entries,
the chain verifies, and the same file then imports in full.
"""

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from imports.pipeline import CHUNK_ROWS
from ledger.database import make_sessionmaker
from tests.integration.trust.trust_books import (
    FIRST_WEEK,
    PAYROLL,
    assert_books_hold,
    committed_program,
    program_id,
    row_counts,
    upload,
)

ROWS = 100_000
WORKERS = 2_000
CHILD = """
import sys
from pathlib import Path
from imports.kinds import KINDS
from imports.pipeline import Upload, import_upload
from ledger.database import make_engine, make_sessionmaker

url, program, path = sys.argv[1:]
def progress(rows):
    print(f"checked {rows} rows", flush=True)
with make_sessionmaker(make_engine(url)).begin() as session:
    upload = Upload(program, "S-1", "big.csv", Path(path), uploaded_by="crash test")
    import_upload(session, upload, KINDS["payroll"], progress=progress)
print("committed", flush=True)
"""


def big_payroll(path: Path) -> Path:
    """WORKERS workers over ROWS / WORKERS weeks, premium 1.00 to 20.99."""
    with path.open("w") as out:
        out.write(PAYROLL + "\n")
        for week in range(ROWS // WORKERS):
            start = FIRST_WEEK + timedelta(weeks=week)
            end, paid = start + timedelta(days=6), start + timedelta(days=11)
            for worker in range(WORKERS):
                premium = f"{1 + worker % 20}.{worker % 100:02d}"
                out.write(f"W-{worker},Worker {worker},{start},{end},{paid},40,{premium}\n")
    return path


def kill_after_posting(url: str, program: str, path: Path, chunks: int) -> str:
    """Start the import, SIGKILL it once `chunks` chunks were checked; returns what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, program, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    printed = []
    try:
        while len(printed) < chunks:
            line = child.stdout.readline()
            assert line, f"the import ended early: {child.communicate()[1]}"
            printed.append(line)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return "".join(printed)


@pytest.mark.slow
def test_an_import_killed_mid_way_leaves_nothing_and_imports_whole_afterwards(
    committed_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    code = committed_program(committed_engine)
    path = big_payroll(tmp_path / "payroll.csv")
    upload(committed_engine, code, "purchases", "B-1", b"supplier,commodity,quantity,unit,"
           b"purchase_date,reference\nS-1,tomato,4,box,2026-08-01,KEEP-1\n")  # fmt: skip
    sessions, books = make_sessionmaker(committed_engine), program_id(committed_engine, code)
    with sessions() as session:
        before = row_counts(session, books)

    # By the third chunk checked, the first two chunks' entries and lines are written.
    printed = kill_after_posting(database_url, code, path, chunks=3)

    assert printed.count(f"checked {CHUNK_ROWS} rows") == 3 and "committed" not in printed
    with sessions() as session:
        assert row_counts(session, books) == before
        assert_books_hold(session, books)
    again = upload(committed_engine, code, "payroll", "S-1", path.read_bytes(), name="big.csv")
    assert (again.status, again.rows, again.entries) == ("posted", ROWS, ROWS)
    with sessions() as session:
        after = row_counts(session, books)
        assert after["payroll_lines"] == ROWS and after["batches"] == before["batches"] + 1
        assert_books_hold(session, books)
