"""A report reads in a session that leaves the write lock to uploads meanwhile."""

from sqlalchemy import Engine, func, select

from ledger.database import make_reading_sessionmaker, make_sessionmaker
from ledger.participants import Program
from tests.builders import unique_code


def test_a_reading_session_lets_an_upload_commit_while_it_reads(committed_engine: Engine) -> None:
    code = unique_code()
    with make_reading_sessionmaker(committed_engine).begin() as reading:
        before = reading.scalar(select(func.count()).select_from(Program))
        with make_sessionmaker(committed_engine).begin() as writing:
            writing.add(Program(code=code, name="Written meanwhile", currency="USD"))
        # The reading session keeps its snapshot (SQLite) or sees the commit (PostgreSQL).
        assert reading.scalar(select(func.count()).select_from(Program)) in (before, before + 1)
    with make_sessionmaker(committed_engine)() as session:
        assert session.scalar(select(Program.name).where(Program.code == code))
