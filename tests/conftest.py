"""Shared fixtures: each database test runs on SQLite and, with TEST_DATABASE_URL, PostgreSQL.

The schema is migrated once per engine per session; each test runs inside a transaction
that is rolled back at the end, so tests never see each other's rows.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session

from ledger.database import make_engine, upgrade

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")

ENGINES = [pytest.param("sqlite", id="sqlite")]
if POSTGRES_URL:
    ENGINES.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
else:
    ENGINES.append(
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=pytest.mark.skip(reason="TEST_DATABASE_URL is not set"),
        )
    )


def worker_database(url: str) -> str:
    """The database of this test process: under pytest-xdist each worker has its own.

    The suite empties its PostgreSQL schema at the start, so two workers sharing one
    database would wipe each other's rows; worker `gw1` uses `<database>_gw1` instead,
    created on first use.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if found is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def reset_postgres(url: str) -> Engine:
    """A PostgreSQL engine on an emptied, freshly migrated schema (this worker's own)."""
    engine = make_engine(worker_database(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    return engine


@pytest.fixture(scope="session", params=ENGINES)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated engine of each kind, shared by the whole test session."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "books.db"
        made = make_engine(f"sqlite:///{path}")
        upgrade(made)
    else:
        made = reset_postgres(POSTGRES_URL)
    yield made
    made.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, even if the code commits."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def committed_engine(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """An engine for tests whose work is committed: a fresh SQLite file, or PostgreSQL's."""
    yield from committed_books(engine, tmp_path / "committed.db")


def committed_books(engine: Engine, sqlite_file: Path) -> Iterator[Engine]:
    """Books whose work is committed: a migrated SQLite file of its own, or PostgreSQL's.

    For fixtures of any scope: the SQLite engine is disposed when the fixture ends.
    """
    if engine.dialect.name != "sqlite":
        yield engine
        return
    made = make_engine(f"sqlite:///{sqlite_file}")
    upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def database_url(committed_engine: Engine) -> str:
    """The URL of the committed engine, for commands that open their own."""
    return committed_engine.url.render_as_string(hide_password=False)
