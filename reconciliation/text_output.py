"""A readable plain-text rendering of a monthly reconciliation, for the command line."""

from collections.abc import Sequence

from reconciliation.figures import format_amount, format_quantity
from reconciliation.result import BuyerRow, MonthResult, SupplierRow

_BUYER_HEADERS = ("buyer", "supplier", "owed", "paid", "unpaid to date", "overdue", "volume")
_SUPPLIER_HEADERS = (
    "supplier",
    "standing",
    "received",
    "distributed",
    "retained",
    "held to date",
    "held overdue",
    "workers paid",
    "payroll lines",
)
_FINDING_HEADERS = (
    "severity",
    "code",
    "supplier",
    "buyer",
    "worker",
    "period",
    "amount",
    "message",
)


def render_text(result: MonthResult) -> str:
    """The result as three aligned tables: buyers, suppliers and findings."""
    title = (
        f"{result.program} {result.month}, as of {result.as_of.isoformat()}, "
        f"amounts in {result.currency}"
    )
    findings = [
        (
            f.severity.value,
            f.code.value,
            f.supplier or "-",
            f.buyer or "-",
            f.worker or "-",
            f.period or "-",
            format_amount(f.amount, result.currency_exponent),
            f.message,
        )
        for f in result.findings
    ]
    sections = [
        title,
        "Buyers\n" + format_table(_BUYER_HEADERS, _buyer_cells(result), numeric=range(2, 6)),
        "Suppliers\n"
        + format_table(_SUPPLIER_HEADERS, _supplier_cells(result), numeric=range(2, 9)),
        "Findings\n"
        + (format_table(_FINDING_HEADERS, findings, numeric=[6]) if findings else "none"),
    ]
    return "\n\n".join(sections) + "\n"


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """Rows under their headers in aligned columns, numeric columns aligned right."""
    widths = [max(len(cells[i]) for cells in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(cells) for cells in rows)])


def _buyer_cells(result: MonthResult) -> list[tuple[str, ...]]:
    return [_buyer_row(row, result.currency_exponent) for row in result.buyers]


def _buyer_row(row: BuyerRow, exponent: int) -> tuple[str, ...]:
    volume = ", ".join(f"{code} {format_quantity(qty)}" for code, qty in row.volume) or "-"
    amounts = (row.premium_owed, row.premium_paid, row.unpaid_to_date, row.overdue)
    return (row.buyer, row.supplier, *(format_amount(a, exponent) for a in amounts), volume)


def _supplier_cells(result: MonthResult) -> list[tuple[str, ...]]:
    return [_supplier_row(row, result.currency_exponent) for row in result.suppliers]


def _supplier_row(row: SupplierRow, exponent: int) -> tuple[str, ...]:
    amounts = (
        row.premium_received,
        row.premium_distributed,
        row.premium_retained,
        row.held_to_date,
        row.held_overdue,
    )
    return (
        row.supplier,
        row.standing.value,
        *(format_amount(a, exponent) for a in amounts),
        str(row.workers_paid),
        str(row.payroll_lines),
    )
