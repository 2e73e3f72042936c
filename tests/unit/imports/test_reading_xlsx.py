"""Reading XLSX uploads: sheets, untidy rows, formulas, refused packages, limits."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineError, CalamineWorkbook
from reading_builders import (
    PURCHASE_HEADER,
    SPANISH_PAYROLL_HEADER,
    problems,
    purchase,
    read,
    refusal,
    rewrite_zip,
    with_cached_values,
    write_xlsx,
)

from imports.reading import PURCHASES, FileRejected, Limits, payroll_layout, xlsx_source

PAYROLL = payroll_layout("hours")
DAY = datetime(2026, 8, 3)


def spanish_payroll(*rows: list[Any]) -> list[list[Any]]:
    """A payroll sheet as S-202 sends it: two title rows, then the Spanish header."""
    return [
        ["Rio Bravo Growers - Nómina de prima"],
        ["Mes: agosto 2026"],
        SPANISH_PAYROLL_HEADER,
        *rows,
    ]


def line(worker: Any, premium: Any = "$1,234.56", hours: Any = 40.25) -> list[Any]:
    """A payroll line in SPANISH_PAYROLL_HEADER order."""
    return [
        worker,
        "Rosa Pérez",
        DAY,
        datetime(2026, 8, 9),
        datetime(2026, 8, 14),
        hours,
        947.49,
        50,
        premium,
    ]


class TestUntidySheets:
    def test_a_spanish_payroll_with_title_rows_and_merged_cells(self, tmp_path: Path) -> None:
        rows = spanish_payroll(line(10234.0), line("0111139", premium=8.35))
        path = write_xlsx(tmp_path / "n.xlsx", {"Nomina": rows}, merged={"Nomina": ["A1:I1"]})
        table, parsed = read(path, PAYROLL)
        assert (table.sheet, table.header_row) == ("Nomina", 3)
        assert [row.row for row in parsed] == [4, 5]
        assert parsed[0].values == {
            "worker_id": "10234",
            "period_start": date(2026, 8, 3),
            "period_end": date(2026, 8, 9),
            "pay_date": date(2026, 8, 14),
            "premium": Decimal("1234.56"),
            "hours": Decimal("40.25"),
            "worker_name": "Rosa Pérez",
            "gross_wages": Decimal("947.49"),
            "units": None,
            "crew": None,
        }
        assert parsed[1].text("worker_id") == "0111139"
        assert parsed[1].decimal("premium") == Decimal("8.35")

    def test_the_bono_column_is_not_the_premium(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "n.xlsx", {"Nomina": spanish_payroll(line("E-1", premium=3))})
        table, parsed = read(path, PAYROLL)
        assert table.columns["premium"] == "Prima"
        assert parsed[0].decimal("premium") == Decimal(3)

    def test_a_header_cell_merged_across_columns_names_its_first_column(
        self, tmp_path: Path
    ) -> None:
        header = [
            "Worker ID",
            "Name",
            None,
            "Period Start",
            "Period End",
            "Pay Date",
            "Hours",
            "Premium",
        ]
        row = ["W-1", "Ana", "(note)", DAY, DAY, DAY, 8, 1.5]
        path = write_xlsx(tmp_path / "m.xlsx", {"P": [header, row]}, merged={"P": ["B1:C1"]})
        table, parsed = read(path, PAYROLL)
        assert table.columns["worker_name"] == "Name"
        assert parsed[0].text("worker_name") == "Ana"

    def test_blank_rows_and_total_rows_in_any_column_are_skipped(self, tmp_path: Path) -> None:
        rows = spanish_payroll(
            line("E-1"),
            [],
            line("E-2"),
            ["TOTAL", None, None, None, None, 80.5, None, None, 2469.12],
            [None, "Totales", None, None, None, 80.5],
            [None, None, "  total general", None, None, 80.5],
            [None, None, None, None, None, None, None, None, None],
            line("E-3"),
        )
        _, parsed = read(write_xlsx(tmp_path / "n.xlsx", {"Nomina": rows}), PAYROLL)
        assert [(row.row, row.text("worker_id")) for row in parsed] == [
            (4, "E-1"),
            (6, "E-2"),
            (11, "E-3"),
        ]

    def test_a_total_label_beside_a_real_date_is_a_data_row(self, tmp_path: Path) -> None:
        rows = spanish_payroll(["Total Farms crew", None, DAY, DAY, DAY, 1, 1, None, 1])
        _, parsed = read(write_xlsx(tmp_path / "n.xlsx", {"Nomina": rows}), PAYROLL)
        assert parsed[0].text("worker_id") == "Total Farms crew"

    def test_row_numbers_are_the_spreadsheets_when_the_table_starts_at_b3(
        self, tmp_path: Path
    ) -> None:
        rows = [PURCHASE_HEADER, purchase("A"), purchase("B", quantity="lots")]
        path = write_xlsx(tmp_path / "p.xlsx", {"V": rows}, at={"V": "B3"})
        table, parsed = read(path, PURCHASES)
        assert table.header_row == 3
        assert problems(parsed) == ['sheet "V", row 5, quantity = "lots": not a number']

    def test_cells_of_the_wrong_type(self, tmp_path: Path) -> None:
        rows: list[list[Any]] = [
            PURCHASE_HEADER,
            ["A", 46238, "S-1", "tomato", True, "box"],
            ["B", DAY, "S-1", "t", 0, "box"],
        ]
        _, parsed = read(write_xlsx(tmp_path / "p.xlsx", {"V": rows}), PURCHASES)
        assert problems(parsed) == [
            'sheet "V", row 2, purchase_date = "46238": '
            "not a date (expected YYYY-MM-DD or MM/DD/YYYY)",
            'sheet "V", row 2, quantity = "TRUE": not a number',
            'sheet "V", row 3, quantity = "0": must be greater than 0',
        ]


class TestSheets:
    def workbook(self, tmp_path: Path) -> Path:
        summary: list[list[Any]] = [
            ["Resumen"],
            ["Semana", "Trabajadores", "Horas", "Prima"],
            ["03/08", 30, 930, 123.99],
        ]
        return write_xlsx(
            tmp_path / "s.xlsx",
            {
                "Resumen": summary,
                "Semana 31": spanish_payroll(line("E-1")),
                "Semana 32": spanish_payroll(line("E-2"), line("E-3", hours="forty")),
            },
        )

    def test_the_first_sheet_with_a_recognised_header_is_read(self, tmp_path: Path) -> None:
        table, parsed = read(self.workbook(tmp_path), PAYROLL)
        assert table.sheet == "Semana 31"
        assert [row.text("worker_id") for row in parsed] == ["E-1"]

    def test_a_named_sheet_is_read_and_problems_name_it(self, tmp_path: Path) -> None:
        table, parsed = read(self.workbook(tmp_path), PAYROLL, sheet="semana 32")
        assert table.sheet == "Semana 32"
        assert problems(parsed) == ['sheet "Semana 32", row 5, hours = "forty": not a number']

    def test_an_unknown_sheet_name_lists_the_sheets(self, tmp_path: Path) -> None:
        with pytest.raises(FileRejected) as refused:
            read(self.workbook(tmp_path), PAYROLL, sheet="Semana 33")
        assert refusal(refused.value) == [
            'no sheet named "Semana 33"; the workbook has "Resumen", "Semana 31", "Semana 32"'
        ]

    def test_a_named_sheet_without_the_header_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(FileRejected) as refused:
            read(self.workbook(tmp_path), PAYROLL, sheet="Resumen")
        assert refusal(refused.value) == [
            'sheet "Resumen": no header row in the first 20 rows names all of worker_id, '
            "period_start, period_end, pay_date, premium, hours (row 2 comes closest; "
            "it lacks worker_id, period_start, period_end, pay_date)"
        ]

    def test_no_recognised_sheet_names_each_sheet(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "s.xlsx", {"A": [["x"]], "B": [["Reference"]]})
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert [p.sheet for p in refused.value.problems] == ["A", "B"]

    def test_an_empty_workbook_has_no_data_rows(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "e.xlsx", {"A": [], "B": [[None]]})
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert refusal(refused.value) == ["no data rows"]

    def test_a_header_without_data_rows_is_refused(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "e.xlsx", {"V": [PURCHASE_HEADER, [], ["TOTAL"]]})
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert refusal(refused.value) == ['sheet "V": no data rows']


class TestFormulas:
    def payroll(self, tmp_path: Path) -> Path:
        header = ["Worker ID", "Period Start", "Period End", "Pay Date", "Hours", "Premium", "Crew"]
        rows: list[list[Any]] = [
            header,
            ["W-1", DAY, DAY, DAY, "=4*10", "=E2*0.5", '="C"&1'],
            ["W-2", DAY, DAY, DAY, 8, None, None],
        ]
        return write_xlsx(tmp_path / "f.xlsx", {"P": rows}, at={"P": "B2"})

    def test_a_formula_without_a_saved_value_in_a_required_column_is_a_problem(
        self, tmp_path: Path
    ) -> None:
        _, parsed = read(self.payroll(tmp_path), PAYROLL)
        reason = "a formula without a saved value (open the file in Excel and save it again)"
        assert problems(parsed) == [
            f'sheet "P", row 3, hours = "": {reason}',
            f'sheet "P", row 3, premium = "": {reason}',
        ]
        assert parsed[0].values["crew"] is None

    def test_a_blank_premium_that_is_not_a_formula_is_zero(self, tmp_path: Path) -> None:
        _, parsed = read(self.payroll(tmp_path), PAYROLL)
        assert parsed[1].ok
        assert parsed[1].decimal("premium") == Decimal(0)

    def test_the_saved_value_of_a_formula_is_used(self, tmp_path: Path) -> None:
        path = with_cached_values(self.payroll(tmp_path), {"F3": "40", "G3": "20.5"})
        _, parsed = read(path, PAYROLL)
        assert problems(parsed) == []
        assert parsed[0].decimal("hours") == Decimal(40)
        assert parsed[0].decimal("premium") == Decimal("20.5")

    def test_a_saved_text_value_is_text(self, tmp_path: Path) -> None:
        path = with_cached_values(self.payroll(tmp_path), {"H3": "C1"}, text=True)
        _, parsed = read(path, PAYROLL)
        assert parsed[0].values["crew"] == "C1"

    def test_formulas_are_found_when_openpyxl_reads_the_sheet(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(xlsx_source, "CALAMINE_MAX_CELLS", 0)
        _, parsed = read(self.payroll(tmp_path), PAYROLL)
        assert len(problems(parsed)) == 2


class TestOpenpyxlFallback:
    def rows(self) -> list[list[Any]]:
        return [["Volumes"], PURCHASE_HEADER, purchase("A", quantity=0.1), [], purchase("B")]

    def test_a_workbook_calamine_cannot_open_is_read_by_openpyxl(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": self.rows()})
        expected = read(path, PURCHASES)[1]

        def refuse(*args: object, **kwargs: object) -> CalamineWorkbook:
            raise CalamineError("unsupported")

        monkeypatch.setattr(CalamineWorkbook, "from_filelike", refuse)
        table, parsed = read(path, PURCHASES)
        assert (table.sheet, table.header_row) == ("V", 2)
        assert parsed == expected
        assert parsed[0].decimal("quantity") == Decimal("0.1")

    def test_a_sheet_declaring_a_huge_extent_is_streamed_by_openpyxl(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": self.rows()})
        expected = read(path, PURCHASES)[1]
        with zipfile.ZipFile(path) as package:
            members = {name: package.read(name) for name in package.namelist()}
        xml = members["xl/worksheets/sheet1.xml"].replace(b'ref="A1:F5"', b'ref="A1:XFD1048576"')
        members["xl/worksheets/sheet1.xml"] = xml
        rewrite_zip(path, members)

        def load(*args: object) -> None:
            raise AssertionError("calamine must not load this sheet")

        monkeypatch.setattr(CalamineWorkbook, "get_sheet_by_name", load)
        assert read(path, PURCHASES)[1] == expected

    def test_the_extent_of_a_sheet_without_a_dimension_is_scanned(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("V")
        for row in self.rows():
            sheet.append(row)
        book.save(tmp_path / "w.xlsx")
        with zipfile.ZipFile(tmp_path / "w.xlsx") as package:
            members = {name: package.read(name) for name in package.namelist()}
        xml = members["xl/worksheets/sheet1.xml"]
        assert b"<dimension" not in xml

        def extent() -> int | None:
            rewrite_zip(tmp_path / "s.xlsx", members)
            return xlsx_source._extent(
                lambda: (tmp_path / "s.xlsx").open("rb"), "xl/worksheets/sheet1.xml"
            )

        assert extent() == 99_999 * 26
        far = b'<row r="300000"><c r="AB300000"><v>1</v></c></row></sheetData>'
        members["xl/worksheets/sheet1.xml"] = xml.replace(b"</sheetData>", far)
        assert extent() == 300_000 * 28


class TestRefusedFiles:
    def test_a_text_file_named_xlsx(self, tmp_path: Path) -> None:
        path = tmp_path / "p.xlsx"
        path.write_text("Reference,Purchase Date\n")
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert refusal(refused.value) == ['"p.xlsx" is not an XLSX workbook (it is not a zip)']

    def test_an_old_xls_file(self, tmp_path: Path) -> None:
        path = tmp_path / "p.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
        with pytest.raises(FileRejected, match=r"old-format Excel file \(.xls\)"):
            read(path, PURCHASES)

    def test_a_truncated_workbook(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": [PURCHASE_HEADER, purchase()]})
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert refusal(refused.value) == ["the XLSX file is damaged or incomplete"]

    def test_a_zip_of_something_else(self, tmp_path: Path) -> None:
        path = tmp_path / "p.xlsx"
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("word/document.xml", "<w/>")
        with pytest.raises(FileRejected, match="not an XLSX workbook"):
            read(path, PURCHASES)

    def test_content_declared_bigger_than_the_limit_is_refused_before_inflating(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_xlsx(tmp_path / "b.xlsx", {"V": [PURCHASE_HEADER, purchase()]})
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
            package.writestr("xl/media/padding.bin", bytes(3_000_000))
        assert path.stat().st_size < 100_000

        def inflate(*args: object, **kwargs: object) -> None:
            raise AssertionError("nothing may be inflated")

        monkeypatch.setattr(zipfile.ZipFile, "open", inflate)
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES, limits=Limits(unpacked_bytes=2 * 1024 * 1024))
        assert refusal(refused.value) == [
            "the workbook's uncompressed content is larger than the 2 MB limit "
            "for uncompressed XLSX content"
        ]

    def test_a_workbook_over_the_file_size_limit(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": [PURCHASE_HEADER, purchase()]})
        with pytest.raises(FileRejected, match="file-size limit"):
            read(path, PURCHASES, limits=Limits(file_bytes=1000))

    def test_a_cell_longer_than_the_limit(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": [PURCHASE_HEADER, purchase("R" * 1001)]})
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES)
        assert refusal(refused.value) == [
            'sheet "V", row 2, reference: a cell longer than 1,000 characters '
            "(the cell-length limit)"
        ]

    def test_a_value_past_the_column_limit(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, purchase(), [*purchase(), *[None] * 250, "stray"]]
        with pytest.raises(FileRejected) as refused:
            read(write_xlsx(tmp_path / "p.xlsx", {"V": rows}), PURCHASES)
        assert refusal(refused.value) == [
            'sheet "V", row 3: more than 200 columns (the column limit)'
        ]

    def test_more_data_rows_than_the_limit(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, *[purchase(f"P{i}") for i in range(3)]]
        with pytest.raises(FileRejected) as refused:
            read(
                write_xlsx(tmp_path / "p.xlsx", {"V": rows}), PURCHASES, limits=Limits(data_rows=2)
            )
        assert refusal(refused.value) == ['sheet "V": more than 2 data rows (the row limit)']

    def test_the_content_decides_not_the_name(self, tmp_path: Path) -> None:
        path = write_xlsx(tmp_path / "p.xlsx", {"V": [PURCHASE_HEADER, purchase()]})
        table, parsed = read(path.read_bytes(), PURCHASES, filename="upload.csv")
        assert table.sheet == "V"
        assert parsed[0].ok
