"""Browser tests: the app served from a thread on the demo books, driven by Debian's Chromium.

Chromium comes from Debian (`/usr/bin/chromium`), driven by Playwright, headless. In CI
(`CI` set) a missing browser fails the run; on a developer's machine it skips with a
message. Every page a test visits can be saved with `screenshot(page, name)` into a
temporary folder whose path the test prints.
"""

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine
from werkzeug.serving import BaseWSGIServer, make_server

from api.app import create_app
from api.config import Settings
from api.demo import DemoBooks, build_demo
from ledger.database import make_engine, make_sessionmaker, upgrade

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class LiveDemo:
    """The demo app served on a local port, and what building it left behind."""

    url: str
    books: DemoBooks
    engine: Engine


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDemo]:
    """The demo program in a fresh SQLite file, served on a free port for the whole session."""
    path = tmp_path_factory.mktemp("browser-db") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with make_sessionmaker(engine).begin() as session:
        books = build_demo(session, "browser tests")
    app = create_app(Settings(database_url=f"sqlite:///{path}"), engine=engine)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveDemo(f"http://127.0.0.1:{server.server_port}", books, engine)
    finally:
        server.shutdown()
        engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium through Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run browser tests")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def screenshot(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Page, str], Path]:
    """Save a full-page screenshot of a page into the session's screenshot folder."""
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)

    def save(page: Page, name: str) -> Path:
        target = folder / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        print(f"screenshot: {target}")
        return target

    return save
