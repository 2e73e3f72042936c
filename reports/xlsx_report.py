"""The XLSX report of a month: summary with native charts, then the table sheets.

Written with xlsxwriter in constant-memory mode: each sheet's rows go to a
temporary file as they are written, so a month of a million worker lines
stays within a few tens of megabytes; rows are therefore written strictly top
to bottom, sheet after sheet. The summary carries two native Excel charts
over its own tables: premium owed, paid and distributed per supplier (a
clustered bar chart) and the last twelve months of premium received and
passed on (a line chart).
"""

from collections.abc import Iterable, Sequence
from typing import IO

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from reports.model import MonthReport, WorkerLine
from reports.xlsx_cells import Kind, Styles, write_text, write_value
from reports.xlsx_sheets import write_buyers, write_findings, write_suppliers, write_worker_lines

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TOTALS = (
    ("premium_owed", "Premium owed by buyers"),
    ("premium_paid", "Premium paid by buyers"),
    ("unpaid_to_date", "Unpaid to date"),
    ("overdue", "Overdue from buyers"),
    ("premium_received", "Premium received by suppliers"),
    ("premium_distributed", "Premium distributed to workers"),
    ("premium_retained", "Premium retained by suppliers"),
    ("held_to_date", "Held by suppliers to date"),
    ("held_overdue", "Held overdue"),
)


def render_xlsx(
    report: MonthReport, worker_lines: Iterable[WorkerLine], out: IO[bytes] | str
) -> int:
    """Write the report's workbook to `out`; returns the number of worker lines written."""
    workbook = Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    styles = Styles(workbook, report.exponent)
    write_summary(workbook, report, styles)
    write_buyers(workbook, report, styles)
    write_suppliers(workbook, report, styles)
    write_findings(workbook, report, styles)
    written = write_worker_lines(workbook, worker_lines, styles)
    workbook.close()
    return written


def write_summary(workbook: Workbook, report: MonthReport, styles: Styles) -> None:
    """Run metadata, totals, findings by severity, and the two charted tables."""
    sheet = workbook.add_worksheet("Summary")
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 3, 18)
    sheet.write_string(0, 0, f"Premium report {report.month}: {report.program_name}", styles.title)
    row = _pairs(sheet, 2, _metadata(report), styles)
    sheet.write_string(row + 1, 0, "Totals of the month", styles.heading)
    totals = report.totals
    row = _pairs(
        sheet, row + 2, [(label, totals[key], Kind.MONEY) for key, label in _TOTALS], styles
    )
    counts = [("Workers paid", report.counts["workers_paid"], Kind.INTEGER)]
    counts.append(("Payroll lines", report.counts["payroll_lines"], Kind.INTEGER))
    row = _pairs(sheet, row, counts, styles)
    sheet.write_string(row + 1, 0, "Findings by severity", styles.heading)
    severities = [(s, n, Kind.INTEGER) for s, n in report.severity_counts.items()]
    row = _pairs(sheet, row + 2, severities, styles)
    row = _supplier_table(workbook, sheet, row + 1, report, styles)
    _history_table(workbook, sheet, row + 1, report, styles)


def _metadata(report: MonthReport) -> list[tuple[str, object, Kind]]:
    run = report.run
    signed = run.signed_off_by is not None
    return [
        ("Program", report.program, Kind.TEXT),
        ("Month", report.month, Kind.TEXT),
        ("As of", report.as_of, Kind.DATE),
        ("Currency", report.currency, Kind.TEXT),
        ("Run version", run.version, Kind.INTEGER),
        ("Run at (UTC)", run.run_at, Kind.TIME),
        ("Run by", run.run_by, Kind.TEXT),
        ("SHA-256 of the run's contract JSON", run.sha256, Kind.TEXT),
        ("Signed off by", run.signed_off_by if signed else "not signed off", Kind.TEXT),
        ("Signed off at (UTC)", run.signed_off_at, Kind.TIME),
    ]


def _pairs(
    sheet: Worksheet, row: int, pairs: Sequence[tuple[str, object, Kind]], styles: Styles
) -> int:
    """Label and value rows from `row` on; returns the row after them."""
    for label, value, kind in pairs:
        sheet.write_string(row, 0, label, styles.label)
        write_value(sheet, row, 1, value, kind, styles)
        row += 1
    return row


def _supplier_table(
    workbook: Workbook, sheet: Worksheet, row: int, report: MonthReport, styles: Styles
) -> int:
    flows = report.supplier_flows
    headers = ["Supplier", *(f"{h} ({report.currency})" for h in ("Owed", "Paid", "Distributed"))]
    first = _table(sheet, row, "Premium per supplier", headers, styles)
    for offset, flow in enumerate(flows):
        write_text(sheet, first + offset, 0, flow.supplier, styles)
        for col, amount in enumerate((flow.owed, flow.paid, flow.distributed), start=1):
            sheet.write_number(first + offset, col, amount, styles.money)
    if flows:
        chart = workbook.add_chart({"type": "column"})
        for col, name in ((1, "Owed"), (2, "Paid"), (3, "Distributed")):
            chart.add_series(_series(sheet, name, first, first + len(flows) - 1, col))
        chart.set_title({"name": "Premium per supplier"})
        chart.set_y_axis({"num_format": styles.money.num_format})
        sheet.insert_chart(2, 4, chart, {"x_scale": 1.4, "y_scale": 1.2})
    return first + len(flows)


def _history_table(
    workbook: Workbook, sheet: Worksheet, row: int, report: MonthReport, styles: Styles
) -> None:
    headers = ["Month", f"Received ({report.currency})", f"Passed on ({report.currency})"]
    first = _table(sheet, row, "Last twelve months", headers, styles)
    for offset, flow in enumerate(report.history):
        sheet.write_string(first + offset, 0, flow.month)
        sheet.write_number(first + offset, 1, flow.received, styles.money)
        sheet.write_number(first + offset, 2, flow.passed_on, styles.money)
    chart = workbook.add_chart({"type": "line"})
    last = first + len(report.history) - 1
    chart.add_series(_series(sheet, "Received by suppliers", first, last, 1))
    chart.add_series(_series(sheet, "Passed on to workers", first, last, 2))
    chart.set_title({"name": "Premium received and passed on, last twelve months"})
    chart.set_y_axis({"num_format": styles.money.num_format})
    sheet.insert_chart(20, 4, chart, {"x_scale": 1.4, "y_scale": 1.2})


def _table(sheet: Worksheet, row: int, title: str, headers: list[str], styles: Styles) -> int:
    """A titled header row at `row`; returns the first data row."""
    sheet.write_string(row, 0, title, styles.heading)
    for col, header in enumerate(headers):
        sheet.write_string(row + 1, col, header, styles.header)
    return row + 2


def _series(sheet: Worksheet, name: str, first: int, last: int, col: int) -> dict[str, object]:
    return {
        "name": name,
        "categories": [sheet.name, first, 0, last, 0],
        "values": [sheet.name, first, col, last, col],
    }
