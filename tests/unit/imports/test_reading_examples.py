"""Every upload of the worked example reads without a problem, with the right values.

The files carry their own total rows; the sums of what was read must equal them.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reading_builders import problems, read

from imports.reading import (
    PURCHASES,
    RECEIPTS,
    SALES,
    Layout,
    ParsedRow,
    Table,
    payments_layout,
    payroll_layout,
)

LAYOUTS: dict[str, Layout] = {
    "purchases": PURCHASES,
    "payments": payments_layout("USD"),
    "receipts": RECEIPTS,
    "sales": SALES,
    "payroll": payroll_layout("hours"),
}

# file: (sheet, header row, data rows, first row's number)
EXPECTED = {
    "purchases/B-101.xlsx": ("Volumes", 4, 81, 5),
    "purchases/B-102.csv": (None, 1, 69, 2),
    "purchases/B-103.csv": (None, 3, 50, 4),
    "purchases/B-103-corrected.csv": (None, 3, 51, 4),
    "payments/B-101.csv": (None, 2, 21, 3),
    "payments/B-102.csv": (None, 1, 19, 2),
    "payments/B-103.csv": (None, 1, 14, 2),
    "receipts/S-201.csv": (None, 3, 9, 4),
    "receipts/S-202.csv": (None, 1, 10, 2),
    "receipts/S-203.csv": (None, 1, 11, 2),
    "receipts/S-204.csv": (None, 1, 13, 2),
    "receipts/S-205.csv": (None, 1, 11, 2),
    "sales/S-201.csv": (None, 2, 26, 3),
    "sales/S-202.xlsx": ("Ventas", 4, 39, 5),
    "sales/S-204.xlsx": ("Ventas 2026", 1, 46, 2),
    "sales/S-205.csv": (None, 1, 40, 2),
    "payroll/S-201-2026-08.xlsx": ("Payroll", 4, 50, 5),
    "payroll/S-201-2026-09.xlsx": ("Payroll", 4, 100, 5),
    "payroll/S-201-2026-10.xlsx": ("Payroll", 4, 75, 5),
    "payroll/S-202-2026-08.xlsx": ("Nomina", 3, 34, 4),
    "payroll/S-202-2026-09.xlsx": ("Nomina", 3, 99, 4),
    "payroll/S-202-2026-10.xlsx": ("Nomina", 3, 160, 4),
    "payroll/S-203-2026-08.xlsx": ("Payroll", 1, 47, 2),
    "payroll/S-203-2026-09.xlsx": ("Payroll", 1, 50, 2),
    "payroll/S-203-2026-10.xlsx": ("Payroll", 1, 100, 2),
    "payroll/S-204-2026-08.xlsx": ("Nomina", 3, 83, 4),
    "payroll/S-204-2026-09.xlsx": ("Nomina", 3, 57, 4),
    "payroll/S-204-2026-10.xlsx": ("Nomina", 3, 115, 4),
    "payroll/S-205-2026-08.xlsx": ("Payroll", 4, 52, 5),
    "payroll/S-205-2026-09.xlsx": ("Payroll", 4, 101, 5),
    "payroll/S-205-2026-09-corrected.xlsx": ("Payroll", 4, 102, 5),
    "payroll/S-205-2026-10.xlsx": ("Payroll", 4, 70, 5),
}


def read_example(folder: Path, name: str) -> tuple[Table, list[ParsedRow]]:
    return read(folder / name, LAYOUTS[name.partition("/")[0]])


def total(rows: list[ParsedRow], column: str) -> Decimal:
    return sum((row.decimal(column) for row in rows), Decimal(0))


def test_every_example_upload_is_here(scenario_small: Path) -> None:
    uploads = [p for p in scenario_small.glob("*/*.*") if p.parent.name != "expected"]
    files = {str(p.relative_to(scenario_small)) for p in uploads}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_example_upload_reads_without_problems(scenario_small: Path, name: str) -> None:
    table, rows = read_example(scenario_small, name)
    sheet, header_row, count, first_row = EXPECTED[name]
    assert problems(rows) == []
    assert (table.sheet, table.header_row, len(rows)) == (sheet, header_row, count)
    assert rows[0].row == first_row


def test_purchases_with_excel_dates_and_a_total_row(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "purchases/B-101.xlsx")
    assert rows[0].values == {
        "supplier": "S-204",
        "commodity": "tomato",
        "quantity": Decimal(356),
        "unit": "Box",
        "purchase_date": date(2026, 8, 1),
        "reference": "PO-26-00001",
    }
    assert total(rows, "quantity") == Decimal(68421)


def test_purchases_with_us_dates_padded_codes_and_blank_rows(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "purchases/B-102.csv")
    assert rows[0].date("purchase_date") == date(2026, 8, 3)
    assert rows[1].text("supplier") == "s-205"
    assert rows[2].text("commodity") == "Pepper"
    assert rows[-1].text("reference") == "HF/2610/0069"


@pytest.mark.parametrize(
    ("name", "quantity"),
    [("purchases/B-103.csv", 1110183), ("purchases/B-103-corrected.csv", 931521)],
)
def test_purchases_totals_match_the_total_row(
    scenario_small: Path, name: str, quantity: int
) -> None:
    _, rows = read_example(scenario_small, name)
    assert total(rows, "quantity") == Decimal(quantity)


def test_payments_with_dollar_text_and_a_total_row(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "payments/B-101.csv")
    assert rows[5].decimal("amount") == Decimal("1556.64")
    assert total(rows, "amount") == Decimal("23774.63")


def test_the_euro_payment_carries_its_rate(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "payments/B-102.csv")
    euro = [row for row in rows if row.optional_text("currency") == "EUR"]
    assert [(r.text("reference"), r.decimal("amount"), r.decimal("fx_rate")) for r in euro] == [
        ("WT20261012-015", Decimal("624.07"), Decimal("1.1034"))
    ]


def test_payments_with_a_bom_and_semicolons(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "payments/B-103.csv")
    assert rows[0].values["reference"] == "PAY-2026-0001"
    assert rows[0].date("paid_on") == date(2026, 8, 4)


def test_receipts_with_blank_rows(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "receipts/S-203.csv")
    assert [row.row for row in rows][4:6] == [7, 8]
    assert rows[-1].decimal("amount") == Decimal("554.46")


def test_sales_with_spanish_headers_and_a_totales_row(scenario_small: Path) -> None:
    table, rows = read_example(scenario_small, "sales/S-202.xlsx")
    assert table.columns["reference"] == "Factura"
    assert total(rows, "quantity") == Decimal(398305)


def test_sales_with_numeric_looking_references(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "sales/S-205.csv")
    assert rows[0].text("reference") == "300001"


@pytest.mark.parametrize(
    ("name", "premium", "hours"),
    [
        ("payroll/S-201-2026-08.xlsx", "2710.74", "1722.25"),
        ("payroll/S-202-2026-08.xlsx", "1160.54", "1148.75"),
        ("payroll/S-203-2026-08.xlsx", "992.64", "1661"),
        ("payroll/S-204-2026-08.xlsx", "1153.65", "2679.25"),
        ("payroll/S-205-2026-08.xlsx", "1259.93", "1777.5"),
    ],
)
def test_payroll_totals_match_the_total_row(
    scenario_small: Path, name: str, premium: str, hours: str
) -> None:
    _, rows = read_example(scenario_small, name)
    assert total(rows, "premium") == Decimal(premium)
    assert total(rows, "hours") == Decimal(hours)


def test_payroll_worker_ids_numeric_and_with_leading_zeros(scenario_small: Path) -> None:
    _, numeric = read_example(scenario_small, "payroll/S-201-2026-08.xlsx")
    _, zeros = read_example(scenario_small, "payroll/S-204-2026-08.xlsx")
    assert numeric[0].text("worker_id") == "10186"
    assert zeros[0].text("worker_id") == "0111139"
    assert zeros[0].text("worker_name") == "Ti-Jean Ramírez"


def test_payroll_behind_a_summary_sheet(scenario_small: Path) -> None:
    table, rows = read_example(scenario_small, "payroll/S-204-2026-09.xlsx")
    assert table.sheet == "Nomina"
    assert rows[0].values == {
        "worker_id": "0111139",
        "worker_name": "Ti-Jean Ramírez",
        "crew": "C3",
        "period_start": date(2026, 8, 24),
        "period_end": date(2026, 8, 30),
        "pay_date": date(2026, 9, 4),
        "hours": Decimal("45.25"),
        "gross_wages": Decimal("762.01"),
        "premium": Decimal("16.47"),
        "units": None,
    }


def test_payroll_with_text_dates(scenario_small: Path) -> None:
    _, rows = read_example(scenario_small, "payroll/S-203-2026-08.xlsx")
    assert rows[0].date("period_start") == date(2026, 8, 10)
    assert rows[0].text("worker_id") == "FL07602"
