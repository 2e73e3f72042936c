"""The public pages in Chromium: a Spanish-speaking worker on a phone, and the register.

Every page visited is also checked for accessibility basics: each input has a label,
exactly one h1, `<html lang>` is the page's language, and every piece of text has a
WCAG contrast ratio of at least 4.5:1 against its background (computed in the page).
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ledger.complaints import list_complaints
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.worker_lines import lines_of_code
from tests.browser.conftest import LiveDemo

PHONE = {"width": 360, "height": 740}
UNLABELLED_INPUTS = """() => [
    ...document.querySelectorAll('input:not([type=hidden]), textarea, select')
  ].filter((input) => !input.labels || input.labels.length === 0)
    .map((input) => input.name || input.id)"""
LOW_CONTRAST = """() => {
  const parse = (text) => {
    const parts = text.match(/rgba?\\(([^)]+)\\)/)[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour.a > 0) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    if (!text || !element) continue;
    const one = luminance(parse(getComputedStyle(element).color));
    const two = luminance(background(element));
    const ratio = (Math.max(one, two) + 0.05) / (Math.min(one, two) + 0.05);
    if (ratio < 4.5) found.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
  }
  return found;
}"""


def check_accessibility_basics(page: Page, language: str) -> None:
    assert page.evaluate(UNLABELLED_INPUTS) == []
    assert page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang") == language
    assert page.evaluate(LOW_CONTRAST) == []
    # Readable on a narrow phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def flagged_worker(demo: LiveDemo) -> tuple[str, str]:
    """A demo worker with a flagged line: their lookup code and the program's code."""
    with make_sessionmaker(demo.engine).begin() as session:
        for _supplier, _worker, code in demo.books.worker_codes:
            found = lines_of_code(session, code, date(2026, 12, 1))
            if found is not None and any(line.findings for line in found.lines):
                return code, found.program
    raise AssertionError("the demo season flags no worker line")


def phone_page(browser: Browser, locale: str) -> Page:
    context = browser.new_context(viewport=PHONE, locale=locale)
    return context.new_page()


def test_a_worker_checks_her_lines_in_spanish_and_files_a_complaint(
    browser: Browser, live_demo: LiveDemo, screenshot: Callable[[Page, str], Path]
) -> None:
    code, program = flagged_worker(live_demo)
    page = phone_page(browser, "es-MX")
    page.goto(f"{live_demo.url}/w")
    check_accessibility_basics(page, "es")
    screenshot(page, "lookup-es")
    page.get_by_label("Su código").fill(f"{code[:5].lower()}-{code[5:]}")
    page.get_by_role("button", name="Ver mi prima").click()
    assert page.url.endswith(f"/w/{code}?lang=es")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Su prima"
    flagged = page.locator("article.flagged").first
    assert "Revise esta línea" in flagged.inner_text()
    check_accessibility_basics(page, "es")
    screenshot(page, "worker-es")
    flagged.get_by_text("Algo está mal en esta línea").click()
    flagged.get_by_label("Cantidad incorrecta").check()
    flagged.get_by_label("Cuéntenos más (si quiere)").fill("Trabajé 40 horas esa semana.")
    check_accessibility_basics(page, "es")
    screenshot(page, "complaint-form-es")
    flagged.get_by_role("button", name="Enviar").click()
    assert "Gracias. Recibimos su mensaje." in page.get_by_role("heading", level=1).inner_text()
    check_accessibility_basics(page, "es")
    screenshot(page, "thanks-es")
    with make_sessionmaker(live_demo.engine).begin() as session:
        complaints = list_complaints(session, program_by_code(session, program).id, "open")
    mine = [c for c in complaints if c.text == "Trabajé 40 horas esa semana."]
    assert [(c.kind, c.language) for c in mine] == [("wrong_amount", "es")]
    page.context.close()


def test_the_language_links_switch_the_page_and_keep_the_choice(
    browser: Browser, live_demo: LiveDemo, screenshot: Callable[[Page, str], Path]
) -> None:
    page = phone_page(browser, "en-US")
    page.goto(f"{live_demo.url}/w/ABCDEFGHJK")
    check_accessibility_basics(page, "en")
    page.get_by_role("link", name="Kreyòl ayisyen").click()
    assert page.get_attribute("html", "lang") == "ht"
    assert "Nou pa jwenn liy pou kòd sa a" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility_basics(page, "ht")
    screenshot(page, "unknown-code-ht")
    page.goto(f"{live_demo.url}/participants")
    assert page.get_attribute("html", "lang") == "ht"
    page.context.close()


@pytest.mark.parametrize("locale, language", [("en-US", "en"), ("es-ES", "es"), ("ht", "ht")])
def test_the_participants_page_lists_the_demo_parties(
    browser: Browser,
    live_demo: LiveDemo,
    screenshot: Callable[[Page, str], Path],
    locale: str,
    language: str,
) -> None:
    page = phone_page(browser, locale)
    page.goto(f"{live_demo.url}/participants")
    listed = page.locator("main").inner_text()
    buyers = ("Sunshine Grocers Inc.", "Harbor Fresh Markets LLC", "Cocina Verde Restaurants")
    farms = ("Palmetto Ridge Farms", "Rio Bravo Growers", "Lake Placid Produce")
    farms += ("Everglades Fresh LLC", "Three Oaks Tomato Co.")
    assert all(name in listed for name in buyers + farms)
    assert "Immokalee, FL, US" in listed and "$" not in listed
    check_accessibility_basics(page, language)
    screenshot(page, f"participants-{language}")
    page.context.close()
