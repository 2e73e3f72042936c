"""The table sheets of the XLSX report: buyers, suppliers, findings and worker lines.

Each sheet is a header row (frozen, with an autofilter) over one row per
record, written top to bottom as constant-memory mode requires. The worker
lines sheet is the one that can hold a million rows: it is written with the
fewest calls per cell that xlsxwriter's public API allows.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from reports.model import MonthReport, WorkerLine
from reports.neutralising import FORMULA_STARTS
from reports.xlsx_cells import (
    Column,
    Kind,
    Styles,
    date_serial,
    end_table,
    start_table,
    write_value,
)


def write_table(
    workbook: Workbook,
    name: str,
    columns: list[Column],
    rows: Iterable[Sequence[object]],
    styles: Styles,
) -> Worksheet:
    """A sheet of one header row and `rows`, each value written as its column's kind."""
    sheet = workbook.add_worksheet(name)
    start_table(sheet, columns, styles)
    row = 0
    for row, values in enumerate(rows, start=1):
        for col, (value, column) in enumerate(zip(values, columns, strict=True)):
            write_value(sheet, row, col, value, column.kind, styles)
    end_table(sheet, columns, 0, row)
    return sheet


def write_buyers(workbook: Workbook, report: MonthReport, styles: Styles) -> None:
    """One row per (buyer, supplier) pair; one volume column per commodity bought."""
    commodities = sorted({commodity for row in report.buyers for commodity, _ in row.volume})
    money = _money_columns(report, "Premium owed", "Premium paid", "Unpaid to date", "Overdue")
    columns = [
        Column("Buyer", 12),
        Column("Supplier", 12),
        *(
            Column(f"Volume {commodity} (base units)", 16, Kind.QUANTITY)
            for commodity in commodities
        ),
        *money,
    ]
    rows = (
        (
            row.buyer,
            row.supplier,
            *(dict(row.volume).get(commodity) for commodity in commodities),
            row.premium_owed,
            row.premium_paid,
            row.unpaid_to_date,
            row.overdue,
        )
        for row in report.buyers
    )
    write_table(workbook, "Buyers", columns, rows, styles)


def write_suppliers(workbook: Workbook, report: MonthReport, styles: Styles) -> None:
    """One row per supplier: the month's flows, held premium, and any recommended standing."""
    columns = [
        Column("Supplier", 12),
        Column("Name", 28),
        Column("Standing", 11),
        *_money_columns(report, "Premium owed", "Premium received", "Premium distributed"),
        *_money_columns(report, "Premium retained", "Held to date", "Held overdue"),
        Column("Workers paid", 10, Kind.INTEGER),
        Column("Payroll lines", 10, Kind.INTEGER),
        Column("Recommended standing", 14),
        Column("Why", 50),
    ]
    flows = {flow.supplier: flow for flow in report.supplier_flows}

    def row_of(supplier: str) -> tuple[object, ...]:
        found = next(row for row in report.suppliers if row.supplier == supplier)
        recommended = report.recommendation(supplier)
        return (
            supplier,
            report.supplier_names.get(supplier, ""),
            found.standing.value,
            flows[supplier].owed,
            found.premium_received,
            found.premium_distributed,
            found.premium_retained,
            found.held_to_date,
            found.held_overdue,
            found.workers_paid,
            found.payroll_lines,
            recommended.recommended if recommended else None,
            recommended.reason if recommended else None,
        )

    write_table(workbook, "Suppliers", columns, map(row_of, flows), styles)


def write_findings(workbook: Workbook, report: MonthReport, styles: Styles) -> None:
    """Every finding of the run in report order, with its review."""
    columns = [
        Column("No.", 5, Kind.INTEGER),
        Column("Severity", 9),
        Column("Code", 28),
        Column("Buyer", 10),
        Column("Supplier", 10),
        Column("Worker", 12),
        Column("Period", 22),
        *_money_columns(report, "Amount"),
        Column("Message", 60),
        Column("Review status", 13),
        Column("Comment", 40),
        Column("Reviewed by", 24),
        Column("Reviewed at (UTC)", 19, Kind.TIME),
    ]
    rows = (
        (
            number,
            f.severity,
            f.code,
            f.buyer,
            f.supplier,
            f.worker,
            f.period,
            f.amount,
            f.message,
            f.status,
            f.status_comment,
            f.reviewed_by,
            f.reviewed_at,
        )
        for number, f in enumerate(report.findings, start=1)
    )
    write_table(workbook, "Findings", columns, rows, styles)


WORKER_COLUMNS = [
    Column("Supplier", 10),
    Column("Worker ID", 12),
    Column("Worker name", 28),
    Column("Period start", 11, Kind.DATE),
    Column("Period end", 11, Kind.DATE),
    Column("Pay date", 11, Kind.DATE),
    Column("Hours", 9, Kind.QUANTITY),
    Column("Gross wages", 12, Kind.QUANTITY),
    Column("Units", 9, Kind.QUANTITY),
    Column("Premium", 11, Kind.MONEY),
    Column("Retention", 11, Kind.MONEY),
    Column("Flagged by", 28),
]


def write_worker_lines(workbook: Workbook, lines: Iterable[WorkerLine], styles: Styles) -> int:
    """The month's worker lines, one row each; returns how many were written."""
    sheet = workbook.add_worksheet("Worker lines")
    start_table(sheet, WORKER_COLUMNS, styles)
    text, number = sheet.write_string, sheet.write_number
    quoted, money, quantity, day = styles.quoted, styles.money, styles.quantity, styles.date
    serials: dict[date, int] = {}

    def serial(day: date) -> int:
        found = serials.get(day)
        return found if found is not None else serials.setdefault(day, date_serial(day))

    # Unrolled by column: this loop runs once per line, a million times in a large month.
    row = 0
    for row, line in enumerate(lines, start=1):
        supplier, worker, name = line.supplier, line.worker_id, line.worker_name
        text(row, 0, supplier, quoted if supplier.startswith(FORMULA_STARTS) else None)
        text(row, 1, worker, quoted if worker.startswith(FORMULA_STARTS) else None)
        if name:
            text(row, 2, name, quoted if name.startswith(FORMULA_STARTS) else None)
        number(row, 3, serial(line.period_start), day)
        number(row, 4, serial(line.period_end), day)
        number(row, 5, serial(line.pay_date), day)
        if line.hours is not None:
            number(row, 6, line.hours, quantity)
        if line.gross_wages is not None:
            number(row, 7, line.gross_wages, quantity)
        if line.units is not None:
            number(row, 8, line.units, quantity)
        number(row, 9, line.premium, money)
        number(row, 10, line.retention, money)
        if line.flagged_by:
            text(row, 11, line.flagged_by)
    end_table(sheet, WORKER_COLUMNS, 0, row)
    return row


def _money_columns(report: MonthReport, *headers: str) -> list[Column]:
    return [Column(f"{header} ({report.currency})", 14, Kind.MONEY) for header in headers]
