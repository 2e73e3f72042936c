"""Every importer fed random files: a clean import or our refusal, never a crash or a half post.

After a refusal the program's batches, entries and lines are exactly as before; after
a post there is one batch more with its entries; the books verify either way.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from imports.errors import UploadRejected
from imports.kinds import KINDS
from imports.pipeline import CHUNK_ROWS, Upload, import_upload
from ledger.database import make_sessionmaker
from tests.fuzz.fuzz_files import csv_files, random_bytes, xlsx_files
from tests.integration.trust.trust_books import (
    assert_books_hold,
    committed_program,
    program_id,
    row_counts,
)

pytestmark = pytest.mark.slow
FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
KIND_NAMES = st.sampled_from(sorted(KINDS))


@pytest.fixture(scope="module")
def fuzz_program(fuzz_engine: Engine) -> str:
    return committed_program(fuzz_engine)


def import_or_refuse(engine: Engine, program: str, kind: str, name: str, data: bytes) -> None:
    """Upload as the CLI does; check the only outcomes allowed and what each leaves behind."""
    role = KINDS[kind].role
    party = "B-1" if role == "buyer" else "S-1"
    sessions, books = make_sessionmaker(engine), program_id(engine, program)
    with sessions() as session:
        before = row_counts(session, books)
    try:
        with sessions.begin() as session:
            result = import_upload(session, Upload(program, party, name, data), KINDS[kind])
    except UploadRejected as refused:
        assert refused.problems and all(str(problem) for problem in refused.problems)
        posted = 0
    else:
        assert result.status in ("posted", "duplicate")
        posted = 1 if result.status == "posted" else 0
        assert result.entries <= result.rows
    with sessions() as session:
        after = row_counts(session, books)
        assert after["batches"] == before["batches"] + posted
        if not posted:
            assert after == before
        assert_books_hold(session, books)


@FUZZ
@given(kind=KIND_NAMES, file=random_bytes())
def test_random_bytes_are_refused_or_imported_never_a_crash(
    fuzz_engine: Engine, fuzz_program: str, kind: str, file: tuple[str, bytes]
) -> None:
    import_or_refuse(fuzz_engine, fuzz_program, kind, *file)


@FUZZ
@given(data=st.data())
def test_csv_files_of_random_shape_are_refused_or_imported_never_a_crash(
    fuzz_engine: Engine, fuzz_program: str, data: st.DataObject
) -> None:
    kind = data.draw(KIND_NAMES)
    import_or_refuse(fuzz_engine, fuzz_program, kind, *data.draw(csv_files(kind)))


@FUZZ
@given(data=st.data())
def test_odd_workbooks_are_refused_or_imported_never_a_crash(
    fuzz_engine: Engine, fuzz_program: str, data: st.DataObject
) -> None:
    kind = data.draw(KIND_NAMES)
    import_or_refuse(fuzz_engine, fuzz_program, kind, *data.draw(xlsx_files(kind)))


@settings(FUZZ, max_examples=4)
@given(
    extra=st.integers(1, 40),
    bad=st.sampled_from(["forty", "NaN", "", "-3", "1e400"]),
    data=st.data(),
)
def test_a_bad_row_after_the_first_posted_chunk_still_leaves_nothing(
    fuzz_engine: Engine, fuzz_program: str, extra: int, bad: str, data: st.DataObject
) -> None:
    rows = [f"S-1,tomato,{1 + n % 50},box,2026-08-03,{data.draw(st.uuids()).hex}-{n}"
            for n in range(CHUNK_ROWS + extra)]  # fmt: skip
    at = data.draw(st.integers(CHUNK_ROWS, len(rows) - 1))  # the first chunk is posted by then
    rows[at] = f"S-1,tomato,{bad},box,2026-08-03,BAD-{at}"
    text = "supplier,commodity,quantity,unit,purchase_date,reference\n" + "\n".join(rows)
    import_or_refuse(fuzz_engine, fuzz_program, "purchases", "big.csv", text.encode())
