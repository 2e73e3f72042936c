"""API test fixtures: the app on a committed database of each kind, and a fresh world per test.

The database is migrated once per engine for the whole session; each test gets its
own program (a unique code), so tests that commit never see each other's records.
"""

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from tests.api.world import World, make_world
from tests.conftest import committed_books


@pytest.fixture(scope="session")
def api_engine(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A committed engine of each kind shared by the API tests."""
    yield from committed_books(engine, tmp_path_factory.mktemp("api") / "api.db")


@pytest.fixture
def app(api_engine: Engine) -> Flask:
    url = api_engine.url.render_as_string(hide_password=False)
    return create_app(Settings(database_url=url), engine=api_engine)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def world(api_engine: Engine) -> World:
    return make_world(api_engine)
