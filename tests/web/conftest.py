"""Web page fixtures: the app on a committed database of each kind, a fresh world per test.

Each test's browser gets its own client address, so that the failed sign-ins one test
provokes never lock another test out (throttling counts per address too).
"""

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from ledger.database import make_engine, upgrade
from tests.api.world import World, make_world

_addresses = itertools.count(1)


@pytest.fixture(scope="session")
def web_engine(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A committed engine of each kind shared by the web tests."""
    if engine.dialect.name != "sqlite":
        yield engine
        return
    path: Path = tmp_path_factory.mktemp("web") / "web.db"
    made = make_engine(f"sqlite:///{path}")
    upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def app(web_engine: Engine) -> Flask:
    url = web_engine.url.render_as_string(hide_password=False)
    return create_app(Settings(database_url=url), engine=web_engine)


def new_client(app: Flask) -> FlaskClient:
    """A browser of its own, from an address no other test uses."""
    client = app.test_client()
    number = next(_addresses)
    client.environ_base["REMOTE_ADDR"] = (
        f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    )
    return client


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return new_client(app)


@pytest.fixture
def world(web_engine: Engine) -> World:
    return make_world(web_engine)


@pytest.fixture
def app_client_pair(app: Flask) -> tuple[FlaskClient, FlaskClient]:
    """Two browsers on the same app."""
    return new_client(app), new_client(app)
