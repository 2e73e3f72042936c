"""The staff pages in a real browser, on the demo season: uploads, review, sign-off, scope.

Each page visited is checked for the accessibility basics and saved as a screenshot.
The supplier's new payroll is a copy of a demo payroll moved to November and given new
worker ids, so that it changes nothing any other test reads.
"""

import io
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from api.demo import PASSWORD, SEASON
from ledger.complaints import file_complaint
from ledger.database import make_sessionmaker
from ledger.worker_lines import lines_of_code
from tests.browser.accessibility import accessibility_problems
from tests.browser.conftest import LiveDemo

Shot = Callable[[Page, str], Path]
DATA_ROWS = 5
FIRST_DATA_ROW = 5  # the demo payrolls have two title rows, a blank row and the header


def _november_payroll(target: Path, hours_of_second_row: object) -> Path:
    """Five lines of S-201's October payroll, moved to November, for new worker ids."""
    book = load_workbook(SEASON / "payroll" / "S-201-2026-10.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet.delete_rows(FIRST_DATA_ROW + DATA_ROWS, sheet.max_row)
    for offset in range(DATA_ROWS):
        row = FIRST_DATA_ROW + offset
        sheet.cell(row, 1).value = 990_001 + offset
        sheet.cell(row, 4).value = datetime(2026, 11, 2)
        sheet.cell(row, 5).value = datetime(2026, 11, 8)
        sheet.cell(row, 6).value = datetime(2026, 11, 13)
    sheet.cell(FIRST_DATA_ROW + 1, 7).value = hours_of_second_row
    book.save(target)
    return target


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def _visit(page: Page, screenshot: Shot, name: str) -> None:
    page.wait_for_load_state("load")  # styles applied: contrast is computed from them
    assert accessibility_problems(page) == [], name
    screenshot(page, name)


def _sign_in(page: Page, live_demo: LiveDemo, email: str) -> None:
    page.goto(f"{live_demo.url}/staff/sign-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_supplier_fixes_a_refused_payroll_and_posts_it(
    page: Page, live_demo: LiveDemo, screenshot: Shot, tmp_path: Path
) -> None:
    bad = _november_payroll(tmp_path / "S-201-2026-11.xlsx", "forty")
    fixed = _november_payroll(tmp_path / "S-201-2026-11-fixed.xlsx", 40)
    page.goto(f"{live_demo.url}/staff/sign-in")
    _visit(page, screenshot, "sign-in")
    _sign_in(page, live_demo, "supplier@demo.example")
    expect(page).to_have_url(re.compile(r"/staff/FFP-FL/uploads$"))
    _visit(page, screenshot, "supplier-uploads")

    page.get_by_label("Kind of file").select_option(label="Payroll")
    page.get_by_label("File", exact=True).set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("section.problems tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.first.locator("td")).to_have_text(
        ["Payroll", "6", "hours", "forty", "not a number"]
    )
    _visit(page, screenshot, "supplier-upload-refused")

    page.get_by_label("Kind of file").select_option(label="Payroll")
    page.get_by_label("File", exact=True).set_input_files(fixed)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ready to post")
    _visit(page, screenshot, "supplier-upload-checked")

    page.get_by_role("button", name=f"Post {DATA_ROWS} rows").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"Batch \d+ posted"))
    batch = re.search(r"\d+", heading.inner_text())
    assert batch is not None
    expect(page.locator("td.code")).to_have_count(DATA_ROWS)  # the new workers' codes
    _visit(page, screenshot, "supplier-upload-posted")

    page.get_by_role("link", name="Back to uploads and past batches").click()
    newest = page.locator("table.batches tbody tr").first
    expect(newest.locator("td").nth(0)).to_have_text(batch[0])
    expect(newest.locator("td").nth(3)).to_have_text("S-201-2026-11-fixed.xlsx (Payroll)")
    expect(newest.locator("td").nth(4)).to_have_text("posted")
    expect(newest.locator("td").nth(7)).to_have_text("supplier@demo.example (web)")


def test_a_monitor_reviews_findings_and_signs_off_a_month(
    page: Page, live_demo: LiveDemo, screenshot: Shot
) -> None:
    _sign_in(page, live_demo, "monitor@demo.example")
    expect(page).to_have_url(re.compile(r"/staff/FFP-FL/dashboard$"))
    _visit(page, screenshot, "monitor-dashboard")

    page.get_by_role("link", name="Review 2026-09").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026-09 review")
    _visit(page, screenshot, "monitor-month")

    page.locator("#finding-1").get_by_role("button", name="Acknowledge").click()
    expect(page.locator("#finding-1 .status")).to_have_text("acknowledged")
    page.get_by_label("Comment on finding 2", exact=True).fill("Paid on 2026-10-20; see remittance")
    page.locator("#finding-2").get_by_role("button", name="Resolve").click()
    expect(page.locator("#finding-2 .status")).to_have_text("resolved")
    expect(page.locator("#finding-2 q")).to_have_text("Paid on 2026-10-20; see remittance")

    page.get_by_label("Review status").select_option("resolved")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.findings tbody tr")).to_have_count(1)
    _visit(page, screenshot, "monitor-month-filtered")

    page.get_by_role("button", name="Sign off 2026-09 version 1").click()
    expect(page.locator(".notice.ok")).to_have_text(
        "2026-09 version 1 signed off by monitor@demo.example (web)."
    )
    expect(page.locator("form.review-form")).to_have_count(0)
    _visit(page, screenshot, "monitor-month-signed-off")

    page.get_by_role("link", name="Dashboard").click()
    row = page.locator("table.months tr", has_text="2026-09")
    expect(row).to_contain_text("signed off")
    page.get_by_role("link", name=re.compile(r"^S-201 ")).click()
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("svg.chart rect.received")).to_have_count(4)  # 3 months and the legend
    _visit(page, screenshot, "monitor-pass-through")


def test_a_buyer_sees_only_its_own_batches(
    page: Page, live_demo: LiveDemo, screenshot: Shot
) -> None:
    _sign_in(page, live_demo, "buyer@demo.example")
    expect(page).to_have_url(re.compile(r"/staff/FFP-FL/uploads$"))
    parties = page.locator("table.batches tbody tr td:nth-child(3)").all_inner_texts()
    assert parties and set(parties) == {"B-101"}
    options = page.get_by_label("Replaces an earlier batch (optional)").locator("option")
    assert all("B-101" in text for text in options.all_inner_texts()[1:])
    expect(page.get_by_label("Kind of file").locator("option")).to_have_text(
        ["Purchases (volumes bought)", "Premium payments"]
    )
    _visit(page, screenshot, "buyer-uploads")
    answer = page.goto(f"{live_demo.url}/staff/FFP-FL/suppliers/S-201")
    assert answer is not None and answer.status == 404
    _visit(page, screenshot, "buyer-not-found")


def test_the_pages_fit_a_phone(browser: Browser, live_demo: LiveDemo, screenshot: Shot) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    _sign_in(phone, live_demo, "supplier@demo.example")
    expect(phone).to_have_url(re.compile(r"/staff/FFP-FL/uploads$"))
    phone.wait_for_load_state("load")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # wide tables scroll inside their box, not the page
    _visit(phone, screenshot, "phone-supplier-uploads")
    phone.goto(f"{live_demo.url}/staff/FFP-FL/allocation")
    _visit(phone, screenshot, "phone-allocation")
    context.close()


def test_a_monitor_handles_a_worker_complaint_and_downloads_a_report(
    page: Page, live_demo: LiveDemo, screenshot: Shot
) -> None:
    supplier, worker, code = next(c for c in live_demo.books.worker_codes if c[0] == "S-206")
    with make_sessionmaker(live_demo.engine).begin() as session:
        found = lines_of_code(session, code, date(2026, 11, 1))
        assert found is not None
        line = found.lines[0].line_id
        complaint = file_complaint(session, code, line, "wrong_hours", "I worked 40 hours", "en")
    _sign_in(page, live_demo, "monitor@demo.example")
    expect(page.get_by_text("open complaint", exact=False)).to_be_visible()
    page.get_by_role("link", name="Open the complaints queue").click()
    row = page.locator(f"#complaint-{complaint.id}")
    expect(row).to_contain_text("I worked 40 hours")
    expect(row).to_contain_text(f"{supplier}")
    _visit(page, screenshot, "monitor-complaints")
    row.get_by_label("New status").select_option("in_review")
    row.get_by_label("Note").fill(f"asked {supplier} for the time cards of {worker}")
    row.get_by_role("button", name=f"Save complaint {complaint.id}").click()
    expect(page.locator(".notice.ok")).to_have_text(f"Complaint {complaint.id} is now in review.")
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Review 2026-10").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = download.value.path()
    workbook = load_workbook(io.BytesIO(saved.read_bytes()), read_only=True)
    assert workbook.sheetnames == ["Summary", "Buyers", "Suppliers", "Findings", "Worker lines"]
