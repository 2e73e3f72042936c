"""A database connection lost in the middle of a request: a clear 503, and nothing half-written."""

import io
import sqlite3
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from api.problems import database_unavailable
from ledger.batches import ImportBatch
from ledger.books import JournalEntry
from ledger.database import make_sessionmaker
from ledger.lines import PurchaseLine
from ledger.participants import program_by_code
from tests.api.world import World, purchase_row, purchases_csv


def written(engine: Engine, program: str) -> tuple[int, int, int]:
    """Batches, entries and purchase lines of the program."""
    with make_sessionmaker(engine)() as session:
        program_id = program_by_code(session, program).id
        batches = select(ImportBatch.id).where(ImportBatch.program_id == program_id)
        return (
            session.scalar(select(func.count()).select_from(batches.subquery())) or 0,
            session.scalar(
                select(func.count(JournalEntry.id)).where(JournalEntry.program_id == program_id)
            )
            or 0,
            session.scalar(
                select(func.count(PurchaseLine.id)).where(PurchaseLine.batch_id.in_(batches))
            )
            or 0,
        )


def kill_own_connection(engine: Engine) -> Any:
    """Ends the request's own connection the moment it stores its first purchase line.

    By then its batch row and journal entries are written, uncommitted: the middle.
    PostgreSQL: another connection terminates the backend. SQLite has no server to lose,
    so the driver's own error is raised at the same point.
    """

    def on_execute(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("INSERT INTO purchase_lines"):
            return
        if engine.dialect.name == "sqlite":
            raise sqlite3.OperationalError("disk I/O error")
        pid = connection.connection.driver_connection.info.backend_pid
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    return on_execute


@pytest.fixture
def connection_killer(api_engine: Engine) -> Iterator[None]:
    listener = kill_own_connection(api_engine)
    event.listen(api_engine, "before_cursor_execute", listener)
    try:
        yield
    finally:
        event.remove(api_engine, "before_cursor_execute", listener)


def test_a_connection_killed_mid_upload_is_a_503_with_retry_after_and_leaves_nothing(
    client: FlaskClient, world: World, api_engine: Engine, connection_killer: None
) -> None:
    data = purchases_csv(purchase_row(), purchase_row("S-2", "40"), purchase_row(quantity="7"))
    before = written(api_engine, world.program)
    response = client.post(
        f"/api/v1/programs/{world.program}/uploads/purchases",
        data={"file": (io.BytesIO(data), "purchases.csv")},
        headers=world.auth("buyer"),
    )
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "5"
    body = response.get_json()
    assert body["type"].endswith("/problems/database-unavailable")
    assert body["detail"] == "database unavailable, try again"
    assert written(api_engine, world.program) == before == (0, 0, 0)


def test_the_same_upload_with_its_idempotency_key_posts_once_the_database_is_back(
    client: FlaskClient, world: World, api_engine: Engine
) -> None:
    listener = kill_own_connection(api_engine)
    data = purchases_csv(purchase_row(), purchase_row("S-2", "40"))
    form = lambda: {"file": (io.BytesIO(data), "purchases.csv")}  # noqa: E731
    url = f"/api/v1/programs/{world.program}/uploads/purchases"
    headers = {**world.auth("buyer"), "Idempotency-Key": "lost-once"}
    event.listen(api_engine, "before_cursor_execute", listener)
    try:
        lost = client.post(url, data=form(), headers=headers)
    finally:
        event.remove(api_engine, "before_cursor_execute", listener)
    retried = client.post(url, data=form(), headers=headers)
    assert (lost.status_code, retried.status_code) == (503, 201)
    assert written(api_engine, world.program) == (1, 2, 2)


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")),
        InterfaceError("SELECT 1", {}, Exception("connection already closed")),
        ProgrammingError("SELECT 1", {}, Exception("gone"), connection_invalidated=True),
        psycopg.OperationalError("server closed the connection unexpectedly"),
        sqlite3.OperationalError("unable to open database file"),
    ],
    ids=["operational", "interface", "invalidated", "psycopg", "sqlite3"],
)
def test_every_sign_of_a_lost_database_counts_as_unavailable(error: Exception) -> None:
    assert database_unavailable(error)


def test_a_programming_error_on_a_live_connection_is_not_an_outage() -> None:
    assert not database_unavailable(ProgrammingError("SELECT", {}, Exception("syntax")))
