"""Shared fixtures: each database test runs on SQLite and, with TEST_DATABASE_URL, PostgreSQL.

The schema is migrated once per engine per session; each test runs inside a transaction
that is rolled back at the end, so tests never see each other's rows.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
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


def reset_postgres(url: str) -> Engine:
    """A PostgreSQL engine on an emptied, freshly migrated schema."""
    engine = make_engine(url)
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
    if engine.dialect.name != "sqlite":
        yield engine
        return
    made = make_engine(f"sqlite:///{tmp_path / 'committed.db'}")
    upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def database_url(committed_engine: Engine) -> str:
    """The URL of the committed engine, for commands that open their own."""
    return committed_engine.url.render_as_string(hide_password=False)
