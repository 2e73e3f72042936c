"""Web page fixtures: the app on a committed database of each kind, a season or world per test.

A season is a fresh program (unique code) whose supplier S-1 uploaded August payroll
for two workers, reconciled, so that one of Luis's lines is flagged (he worked but got no
premium); a world is the API tests' program with a user of each role. Each test's client
has an address of its own, so that rate limits and sign-in throttling counted in the
shared database never carry from one test to another.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from imports.kinds import KINDS
from imports.pipeline import Upload, import_upload
from imports.program_file import read_program_file
from ledger.database import make_sessionmaker
from ledger.program_setup import apply_program
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation
from tests.api.world import World, make_world, program_text
from tests.builders import unique_code
from tests.conftest import committed_books

SECRET = "web-tests-secret"
PAYROLL = b"""worker_id,worker_name,period_start,period_end,pay_date,hours,premium
1001,Ana,2026-08-03,2026-08-09,2026-08-14,40,20.00
1002,Luis,2026-08-03,2026-08-09,2026-08-14,30,0
1001,Ana,2026-08-10,2026-08-16,2026-08-21,38,19.00
"""
_addresses = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Season:
    """A program with August payroll of S-1: Ana's and Luis's lookup codes."""

    program: str
    codes: dict[str, str]  # worker id → lookup code


@pytest.fixture(scope="session")
def web_engine(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A committed engine of each kind shared by the web tests."""
    yield from committed_books(engine, tmp_path_factory.mktemp("web") / "web.db")


def make_app(engine: Engine, **settings: int) -> Flask:
    url = engine.url.render_as_string(hide_password=False)
    return create_app(Settings(database_url=url, secret_key=SECRET, **settings), engine=engine)


@pytest.fixture
def app(web_engine: Engine) -> Flask:
    return make_app(web_engine)


def client_of(app: Flask) -> FlaskClient:
    """A browser of its own, from an address no other test client has."""
    number = next(_addresses)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = (
        f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    )
    return client


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return client_of(app)


@pytest.fixture
def app_client_pair(app: Flask) -> tuple[FlaskClient, FlaskClient]:
    """Two browsers on the same app."""
    return client_of(app), client_of(app)


@pytest.fixture
def world(web_engine: Engine) -> World:
    return make_world(web_engine)


@pytest.fixture
def season(web_engine: Engine) -> Season:
    code = unique_code("WEB")
    with make_sessionmaker(web_engine).begin() as session:
        apply_program(session, read_program_file(program_text(code).encode()), "tests")
        # Entry keys hold the file's SHA-256: each test's file differs (in a name).
        data = PAYROLL.replace(b"Luis", f"Luis {code}".encode())
        result = import_upload(session, Upload(code, "S-1", "aug.csv", data), KINDS["payroll"])
        run_reconciliation(session, code, Month.parse("2026-08"), "tests")
    return Season(code, dict(result.new_worker_codes))
