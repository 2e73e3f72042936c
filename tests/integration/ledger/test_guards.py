"""The database itself refuses to break the books, whatever SQL reaches it."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session

from ledger import journal
from ledger.books import JournalEntry
from ledger.database import make_sessionmaker
from ledger.errors import IdempotencyConflict
from tests.builders import program, transfer


@pytest.fixture
def committed(committed_engine: Engine) -> Engine:
    return committed_engine


@pytest.fixture
def books(committed: Engine) -> tuple[int, int, int]:
    """A program with one posted entry; returns (program id, entry id, account id)."""
    with make_sessionmaker(committed).begin() as session:
        made = program(session)
        entry_id = journal.post(session, made.id, transfer("a", "b", "10.00"))
        account_id = session.scalar(
            text("SELECT account_id FROM postings WHERE entry_id = :e LIMIT 1"), {"e": entry_id}
        )
        return made.id, entry_id, int(account_id)


def _stored(connection: Connection, amount: str) -> object:
    value = Decimal(amount)
    return int(value * 10_000) if connection.dialect.name == "sqlite" else value


def _posting(connection: Connection, entry_id: int, account_id: int, amount: str) -> None:
    connection.execute(
        text(
            "INSERT INTO postings (entry_id, account_id, currency, amount, effective_date)"
            " VALUES (:e, :a, 'USD', :amount, :d)"
        ),
        {
            "e": entry_id,
            "a": account_id,
            "amount": _stored(connection, amount),
            "d": date(2026, 8, 1),
        },
    )


def _entry(connection: Connection, entry_id: int, program_id: int) -> None:
    connection.execute(
        text(
            "INSERT INTO entries (id, program_id, kind, effective_date, recorded_at, description,"
            " content_digest, chain_hash) VALUES (:e, :p, 'raw', :d, :now, '', 'x', 'y')"
        ),
        {"e": entry_id, "p": program_id, "d": date(2026, 8, 1), "now": date(2026, 8, 1)},
    )


def test_an_unbalanced_entry_cannot_be_recorded(
    committed: Engine, books: tuple[int, int, int]
) -> None:
    program_id, _, account_id = books
    with pytest.raises(DatabaseError, match="do not balance"), committed.begin() as connection:
        _posting(connection, 900_001, account_id, "5.00")
        _posting(connection, 900_001, account_id, "-4.99")
        _entry(connection, 900_001, program_id)


def test_an_entry_with_a_single_posting_cannot_be_recorded(
    committed: Engine, books: tuple[int, int, int]
) -> None:
    program_id, _, _ = books
    with pytest.raises(DatabaseError, match="do not balance"), committed.begin() as connection:
        _entry(connection, 900_002, program_id)


def test_postings_without_their_entry_cannot_be_committed(
    committed: Engine, books: tuple[int, int, int]
) -> None:
    _, _, account_id = books
    with pytest.raises(IntegrityError), committed.begin() as connection:
        _posting(connection, 900_003, account_id, "5.00")
        _posting(connection, 900_003, account_id, "-5.00")


def test_a_posting_cannot_be_added_to_a_recorded_entry(
    committed: Engine, books: tuple[int, int, int]
) -> None:
    _, entry_id, account_id = books
    with pytest.raises(DatabaseError, match="recorded entry"), committed.begin() as connection:
        _posting(connection, entry_id, account_id, "5.00")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE postings SET amount = amount + amount WHERE entry_id = :e",
        "DELETE FROM postings WHERE entry_id = :e",
        "UPDATE entries SET effective_date = effective_date WHERE id = :e",
        "DELETE FROM entries WHERE id = :e",
    ],
)
def test_postings_and_entries_cannot_be_changed_or_deleted(
    committed: Engine, books: tuple[int, int, int], statement: str
) -> None:
    _, entry_id, _ = books
    with pytest.raises(DatabaseError, match="append-only"), committed.begin() as connection:
        connection.execute(text(statement), {"e": entry_id})


def test_an_idempotency_key_is_unique_in_the_database(
    committed: Engine, books: tuple[int, int, int]
) -> None:
    program_id, _, account_id = books
    with pytest.raises(IntegrityError), committed.begin() as connection:
        key = "purchases:B:sha:Sheet1:2"
        for new_id in (900_010, 900_011):
            _posting(connection, new_id, account_id, "1.00")
            _posting(connection, new_id, account_id, "-1.00")
            connection.execute(
                text(
                    "INSERT INTO entries (id, program_id, kind, effective_date, recorded_at,"
                    " description, content_digest, chain_hash, idempotency_key)"
                    " VALUES (:e, :p, 'raw', :d, :d, '', 'x', 'y', :k)"
                ),
                {"e": new_id, "p": program_id, "d": date(2026, 8, 1), "k": key},
            )


@pytest.mark.postgres
def test_two_connections_posting_one_key_at_once_make_one_entry(committed: Engine) -> None:
    if committed.dialect.name != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter; SQLite has one writer")
    sessions = make_sessionmaker(committed)
    with sessions.begin() as session:
        program_id = program(session).id
    entry = transfer("a", "b", "3.00", key=f"race-{program_id}")
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def post() -> None:
        barrier.wait()
        try:
            with sessions.begin() as session:
                outcomes.append(journal.post(session, program_id, entry))
        except (IdempotencyConflict, IntegrityError) as error:
            outcomes.append(error)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with sessions.begin() as session:
        count = session.scalar(select(func.count()).where(JournalEntry.program_id == program_id))
    assert count == 1
    assert len(set(outcomes)) == 1, outcomes


def test_the_guards_allow_the_journal_api(session: Session) -> None:
    made = program(session)
    journal.post(session, made.id, transfer("a", "b", "1.00"))
    session.flush()
