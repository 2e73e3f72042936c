"""Engines, sessions and migrations for SQLite (embedded default) and PostgreSQL.

SQLite gets foreign keys on, WAL, a larger page cache, and `BEGIN IMMEDIATE` so a
transaction that will post holds the write lock from its first statement instead of failing
on upgrade later; sessions that only read (`make_reading_sessionmaker`) begin a plain
snapshot instead, so that a long report never holds uploads up. PostgreSQL connections run
without JIT compilation.
"""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
READ_ONLY = "premium_ledger_read_only"  # an execution option: the unit of work only reads


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for a SQLAlchemy URL, configured for the books."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **options)
        _configure_sqlite(engine)
        return engine
    # JIT compiling a balance query takes longer than running it: our queries are short.
    connect_args = {"options": "-c jit=off", **options.pop("connect_args", {})}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **options)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level so that we, not pysqlite, say when to BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        # 64 MiB of page cache instead of 2 MiB: the postings indexes are many times larger,
        # and inserts land all over the account index.
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A reading unit of work (a report streaming a million lines) reads a WAL snapshot
        # and leaves the write lock to the uploads meanwhile.
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def make_reading_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that only read: on SQLite they take no write lock, however long they read."""
    return sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration pointing at our migrations and this engine."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(alembic_config(engine), "head")
