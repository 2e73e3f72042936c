"""Fuzz fixtures: committed books of each engine kind, shared by a module's examples."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.conftest import committed_books


@pytest.fixture(scope="module")
def fuzz_engine(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Committed books of each kind: a file of its own for SQLite, PostgreSQL's database."""
    yield from committed_books(engine, tmp_path_factory.mktemp("fuzz") / "fuzz.db")
