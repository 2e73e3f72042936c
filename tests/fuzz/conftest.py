"""Fuzz fixtures: committed books of each engine kind, shared by a module's examples."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ledger.database import make_engine, upgrade


@pytest.fixture(scope="module")
def fuzz_engine(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Committed books of each kind: a file of its own for SQLite, PostgreSQL's database."""
    if engine.dialect.name != "sqlite":
        yield engine
        return
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    made = make_engine(f"sqlite:///{path}")
    upgrade(made)
    yield made
    made.dispose()
