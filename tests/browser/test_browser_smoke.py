"""The browser harness itself: Chromium reaches the served demo app."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.conftest import LiveDemo


def test_chromium_reaches_the_served_demo_api(
    browser: Browser, live_demo: LiveDemo, screenshot: Callable[[Page, str], Path]
) -> None:
    page = browser.new_page()
    response = page.goto(f"{live_demo.url}/api/v1/health")
    assert response is not None and response.status == 200
    assert '"status"' in page.content()
    assert screenshot(page, "health").stat().st_size > 0
    page.close()
