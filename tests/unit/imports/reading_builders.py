"""Builders for reading-layer tests: small CSV and XLSX files written into tmp_path."""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from imports.reading import (
    DEFAULT_LIMITS,
    FileRejected,
    Layout,
    Limits,
    ParsedRow,
    Problem,
    Table,
    open_table,
)

Rows = Sequence[Sequence[Any]]

PURCHASE_HEADER = ["Reference", "Purchase Date", "Supplier", "Commodity", "Quantity", "Unit"]
SPANISH_PAYROLL_HEADER = [
    "No. Empleado",
    "Nombre",
    "Inicio",
    "Fin",
    "Fecha de Pago",
    "Horas",
    "Salario Bruto",
    "Bono",
    "Prima",
]


def purchase(reference: str = "PO-1", day: str = "2026-08-03", quantity: Any = "100") -> list[Any]:
    """One purchases row in PURCHASE_HEADER order."""
    return [reference, day, "S-201", "tomato", quantity, "box"]


def write_csv(
    path: Path,
    rows: Rows,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    """A CSV file as Excel would write it (CRLF lines), optionally with a byte-order mark."""
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path,
    sheets: Mapping[str, Rows],
    *,
    merged: Mapping[str, Iterable[str]] | None = None,
    at: Mapping[str, str] | None = None,
) -> Path:
    """A workbook with one sheet per entry, rows from A1 (or from the cell `at[sheet]`)."""
    book = openpyxl.Workbook()
    for blank in book.worksheets:
        book.remove(blank)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        first_row, first_column = _origin((at or {}).get(name, "A1"))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.cell(first_row + r, first_column + c, value)
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def _origin(cell: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    assert match is not None
    column = 0
    for letter in match[1]:
        column = column * 26 + ord(letter) - 64
    return int(match[2]), column


def with_cached_values(path: Path, values: Mapping[str, str], *, text: bool = False) -> Path:
    """Gives formula cells the saved value Excel would store; openpyxl writes none."""
    sheet_xml = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    xml = members[sheet_xml].decode()
    for ref, value in values.items():
        kind = ' t="str"' if text else ""
        pattern = rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)<v\s*/?>(</v>)?'
        xml, count = re.subn(pattern, rf'<c r="{ref}"\1{kind}>\2<v>{value}</v>', xml)
        assert count == 1, f"no formula cell {ref}"
    members[sheet_xml] = xml.encode()
    rewrite_zip(path, members)
    return path


def rewrite_zip(path: Path, members: Mapping[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)


def read(
    source: Any,
    layout: Layout,
    *,
    filename: str | None = None,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[Table, list[ParsedRow]]:
    """The table (its sheet, header row and columns) and all its rows."""
    name = filename if filename is not None else Path(source).name
    with open_table(source, name, layout, sheet=sheet, limits=limits) as table:
        return table, list(table)


def problems(rows: Iterable[ParsedRow]) -> list[str]:
    """Every row problem, as the user reads it."""
    return [str(problem) for row in rows for problem in row.problems]


def refusal(error: FileRejected) -> list[str]:
    return [str(problem) for problem in error.problems]


def first_problem(error: FileRejected) -> Problem:
    return error.problems[0]
