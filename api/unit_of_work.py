"""The database of the running app, and one unit of work per use case a request runs.

The app factory binds an engine to the app; a view opens `unit_of_work()`, which
commits when its block ends and rolls back if anything in it raises, or, to read for
long without holding writers up (a report), `reading_work()`.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ledger.database import make_reading_sessionmaker, make_sessionmaker

_EXTENSION = "premium_ledger.sessions"
_READING = "premium_ledger.reading_sessions"


def bind_database(app: Flask, engine: Engine) -> None:
    """Let requests of this app open sessions on the engine."""
    app.extensions[_EXTENSION] = make_sessionmaker(engine)
    app.extensions[_READING] = make_reading_sessionmaker(engine)


def _sessions() -> sessionmaker[Session]:
    sessions: sessionmaker[Session] = current_app.extensions[_EXTENSION]
    return sessions


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """A session in a transaction that commits at the end of the block, or rolls back."""
    with _sessions().begin() as session:
        yield session


@contextmanager
def reading_work() -> Iterator[Session]:
    """A session that only reads: on SQLite it takes no write lock (a long report)."""
    sessions: sessionmaker[Session] = current_app.extensions[_READING]
    with sessions.begin() as session:
        yield session


def database_answers() -> bool:
    """Whether a trivial query succeeds, for the health check."""
    try:
        with _sessions()() as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True
