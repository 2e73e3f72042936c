"""The XLSX report from an in-memory month: sheets, figures, formats, panes, filters, charts."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from reports.xlsx_report import render_xlsx
from tests.unit.reports.builders import sample_lines, sample_report, worker_line

INJECTIONS = ['=HYPERLINK("http://evil.example/?x","pay here")', "+1", "-2", "@SUM(A1:A3)"]


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    out = io.BytesIO()
    render_xlsx(sample_report(), sample_lines(), out)
    return out.getvalue()


def test_the_workbook_has_the_five_sheets_in_order(workbook_bytes: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert book.sheetnames == ["Summary", "Buyers", "Suppliers", "Findings", "Worker lines"]


def test_the_summary_names_the_run_and_totals_the_month(workbook_bytes: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["Summary"]
    pairs = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert pairs["Run version"] == 2
    assert pairs["SHA-256 of the run's contract JSON"] == "ab" * 32
    assert pairs["Signed off by"] == "not signed off"
    assert pairs["Premium owed by buyers"] == pytest.approx(200.50)
    assert pairs["Premium distributed to workers"] == 90
    assert (pairs["critical"], pairs["warning"], pairs["info"]) == (1, 1, 1)


def test_both_native_charts_are_in_the_workbook(workbook_bytes: bytes) -> None:
    names = zipfile.ZipFile(io.BytesIO(workbook_bytes)).namelist()
    charts = sorted(name for name in names if name.startswith("xl/charts/chart"))
    assert len(charts) == 2
    xml = [zipfile.ZipFile(io.BytesIO(workbook_bytes)).read(name).decode() for name in charts]
    assert "<c:barChart>" in xml[0] and "<c:lineChart>" in xml[1]
    summary = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["Summary"]
    assert len(summary._charts) == 2  # type: ignore[attr-defined]


def test_table_sheets_freeze_their_header_and_filter_every_row(workbook_bytes: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    for name, ref in [("Buyers", "A1:G3"), ("Findings", "A1:M4"), ("Worker lines", "A1:L3")]:
        assert book[name].freeze_panes == "A2"
        assert book[name].auto_filter.ref == ref


def test_money_has_the_currency_decimals_and_dates_are_dates(workbook_bytes: bytes) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["Worker lines"]
    premium, pay_date = sheet["J3"], sheet["F3"]
    assert (premium.value, premium.number_format) == (10.75, "#,##0.00")
    assert pay_date.is_date and pay_date.value.date().isoformat() == "2026-10-16"
    assert sheet["L3"].value == "ALLOCATION_DEVIATION"
    assert sheet.column_dimensions["C"].width > 20


def test_amounts_are_written_exactly_not_through_a_float(workbook_bytes: bytes) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(workbook_bytes)).read("xl/worksheets/sheet5.xml")
    assert b"<v>10.75</v>" in sheet and b"<v>40.5</v>" in sheet


def test_a_currency_without_minor_unit_gets_whole_numbers() -> None:
    out = io.BytesIO()
    render_xlsx(sample_report(currency="JPY", exponent=0), [], out)
    sheet = openpyxl.load_workbook(out)["Suppliers"]
    assert sheet["E2"].number_format == "#,##0"


def test_formula_like_names_arrive_as_text_never_as_formulas() -> None:
    out = io.BytesIO()
    render_xlsx(sample_report(), [worker_line(f"W-{i}", n) for i, n in enumerate(INJECTIONS)], out)
    sheet = openpyxl.load_workbook(out)["Worker lines"]
    cells = [sheet.cell(row, 3) for row in range(2, 6)]
    assert [cell.value for cell in cells] == INJECTIONS
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)
    assert not sheet["A2"].quotePrefix  # ordinary text keeps its plain style
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue()))
    rows = calamine.get_sheet_by_name("Worker lines").to_python()
    assert [row[2] for row in rows[1:]] == INJECTIONS


def test_a_review_comment_that_looks_like_a_formula_stays_text(workbook_bytes: bytes) -> None:
    comment = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["Findings"]["K3"]
    assert (comment.value, comment.data_type) == ("=cmd|' /C calc'!A0", "s")


def test_calamine_reads_the_same_figures() -> None:
    out = io.BytesIO()
    render_xlsx(sample_report(), sample_lines(), out)
    book = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue()))
    suppliers = book.get_sheet_by_name("Suppliers").to_python()
    assert suppliers[1][:5] == ["S-1", "Farm One", "good", 120.0, 100.0]
    assert Decimal(str(suppliers[1][6])) == Decimal("6.89")


def test_the_number_of_worker_lines_written_is_returned() -> None:
    assert render_xlsx(sample_report(), sample_lines(), io.BytesIO()) == 2
