"""Reading CSV uploads: encodings, delimiters, untidy rows, row numbers, limits."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reading_builders import (
    PURCHASE_HEADER,
    problems,
    purchase,
    read,
    refusal,
    write_csv,
)

from imports.reading import (
    PURCHASES,
    RECEIPTS,
    FileRejected,
    Limits,
    open_table,
    payroll_layout,
)


def test_a_plain_csv_file_gives_typed_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [PURCHASE_HEADER, purchase("PO-1", "08/03/2026", "25")])
    table, rows = read(path, PURCHASES)
    assert (table.sheet, table.header_row) == (None, 1)
    assert [row.row for row in rows] == [2]
    assert rows[0].values == {
        "supplier": "S-201",
        "commodity": "tomato",
        "quantity": Decimal(25),
        "unit": "box",
        "purchase_date": date(2026, 8, 3),
        "reference": "PO-1",
    }
    assert rows[0].ok


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    rows = [
        ["Référence", "Buyer", "Amount", "Received on"],
        ["R-1", "B-101", "$5.00", "2026-08-01"],
    ]
    table, parsed = read(write_csv(tmp_path / "r.csv", rows, bom=True), RECEIPTS)
    assert table.columns["reference"] == "Référence"
    assert parsed[0].text("reference") == "R-1"


def test_a_file_that_is_not_utf8_is_read_as_cp1252(tmp_path: Path) -> None:
    rows = [
        ["Referencia", "Cliente", "Monto", "Fecha de recibo"],
        ["Año-1", "B-101", "5", "8/1/2026"],
    ]
    path = write_csv(tmp_path / "r.csv", rows, encoding="cp1252")
    assert "Año".encode("cp1252") in path.read_bytes()
    _, parsed = read(path, RECEIPTS)
    assert parsed[0].text("reference") == "Año-1"


def test_a_byte_order_mark_before_cp1252_text_is_dropped(tmp_path: Path) -> None:
    rows = [
        ["Referencia", "Cliente", "Monto", "Fecha de recibo"],
        ["Año-1", "B-101", "5", "8/1/2026"],
    ]
    path = write_csv(tmp_path / "r.csv", rows, encoding="cp1252", bom=True)
    table, parsed = read(path, RECEIPTS)
    assert table.columns["reference"] == "Referencia"
    assert parsed[0].text("reference") == "Año-1"


def test_bytes_that_are_neither_utf8_nor_cp1252_refuse_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"buyer,amount,received_on,reference\r\nB-1,5,2026-08-01,R\x81\r\n")
    with pytest.raises(FileRejected) as refused:
        read(path, RECEIPTS)
    assert refusal(refused.value) == ["the file is neither UTF-8 nor Windows-1252 (cp1252) text"]


def test_rows_stream_so_a_late_fault_comes_after_the_rows_before_it(tmp_path: Path) -> None:
    rows = [PURCHASE_HEADER, *[purchase(f"Réf-{i}") for i in range(2000)]]
    path = write_csv(tmp_path / "p.csv", rows, encoding="cp1252")
    path.write_bytes(path.read_bytes() + b"R\x81,2026-08-03,S-201,tomato,1,box\r\n")
    seen = []
    with open_table(path, "p.csv", PURCHASES) as table, pytest.raises(FileRejected):
        for row in table:
            seen.append(row.text("reference"))
    assert len(seen) > 1000
    assert seen[0] == "Réf-0"


def test_utf16_text_is_not_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("buyer,amount,received_on,reference\r\n".encode("utf-16"))
    with pytest.raises(FileRejected, match=r"not a CSV text file \(UTF-16 or binary content\)"):
        read(path, RECEIPTS)


def test_semicolons_are_detected_from_the_header_row(tmp_path: Path) -> None:
    rows = [
        ["Remittance, Sunshine Grocers"],
        ["BUYER", "AMOUNT", "RECEIVED ON", "REFERENCE"],
        ["B-101", "1,417.07", "2026-09-11", "RCV-1"],
    ]
    table, parsed = read(write_csv(tmp_path / "r.csv", rows, delimiter=";"), RECEIPTS)
    assert table.header_row == 2
    assert parsed[0].decimal("amount") == Decimal("1417.07")


def test_commas_inside_quoted_cells_do_not_split_them(tmp_path: Path) -> None:
    rows = [
        ["Buyer", "Amount", "Received On", "Reference"],
        ["B-103", "$1,767.87", "08/20/2026", "P"],
    ]
    _, parsed = read(write_csv(tmp_path / "r.csv", rows), RECEIPTS)
    assert parsed[0].decimal("amount") == Decimal("1767.87")


def test_blank_rows_and_total_rows_are_skipped_and_row_numbers_count_them(tmp_path: Path) -> None:
    rows = [
        ["Cocina Verde - premium volumes"],
        [],
        PURCHASE_HEADER,
        purchase("CV-1"),
        ["", "", "", "", "", ""],
        purchase("CV-2"),
        ["  ", "", "Total", "", "931521", ""],
        ["TOTALES", "", "", "", "5", ""],
        [" total:", "", "", "", "5", ""],
    ]
    table, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert table.header_row == 3
    assert [(row.row, row.text("reference")) for row in parsed] == [(4, "CV-1"), (6, "CV-2")]


def test_a_row_starting_with_total_but_carrying_a_date_is_data(tmp_path: Path) -> None:
    rows = [PURCHASE_HEADER, ["TOTAL-7", "2026-08-03", "S-201", "tomato", "5", "box"]]
    _, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert [row.text("reference") for row in parsed] == ["TOTAL-7"]


def test_a_subtotal_row_is_not_a_total_row(tmp_path: Path) -> None:
    rows = [PURCHASE_HEADER, purchase("A"), ["Subtotal", "", "", "", "5", ""]]
    _, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert len(parsed) == 2
    assert 'row 3, purchase_date = "": required, but blank' in problems(parsed)


def test_a_quoted_cell_spanning_lines_is_one_row(tmp_path: Path) -> None:
    rows = [PURCHASE_HEADER, purchase("A"), ["B\nsecond line", "x", "S", "t", "1", "box"]]
    _, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert problems(parsed) == [
        'row 3, purchase_date = "x": not a date (expected YYYY-MM-DD or MM/DD/YYYY)'
    ]


def test_problems_of_every_row_are_reported(tmp_path: Path) -> None:
    rows = [
        ["Worker ID", "Period Start", "Period End", "Pay Date", "Hours", "Premium"],
        ["W-1", "2026-08-03", "2026-08-09", "2026-08-14", "forty", "$5.00"],
        ["W-2", "2026-08-03", "2026-08-09", "2026-08-14", "40", "-1"],
        ["W-3", "2026-08-03", "2026-08-09", "2026-08-14", "40", "2"],
    ]
    _, parsed = read(write_csv(tmp_path / "w.csv", rows), payroll_layout("hours"))
    assert problems(parsed) == [
        'row 2, hours = "forty": not a number',
        'row 3, premium = "-1": must not be negative',
    ]
    assert [row.ok for row in parsed] == [False, False, True]
    assert parsed[0].values["premium"] == Decimal("5.00")
    assert "hours" not in parsed[0].values


def test_a_header_with_no_data_rows_is_refused(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv", [["title"], PURCHASE_HEADER, [], ["TOTAL", "", "", "", "0"]]
    )
    with pytest.raises(FileRejected) as refused:
        read(path, PURCHASES)
    assert refusal(refused.value) == ["no data rows"]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n,,,\r\n\r\n"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as refused:
        read(path, PURCHASES)
    assert refusal(refused.value) == ["no data rows"]


def test_a_file_without_the_header_says_which_columns_are_missing(tmp_path: Path) -> None:
    rows = [["Reference", "Date", "Supplier", "Product", "Qty"], purchase()]
    with pytest.raises(FileRejected) as refused:
        read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert refusal(refused.value) == [
        "no header row in the first 20 rows names all of supplier, commodity, quantity, unit, "
        "purchase_date, reference (row 1 comes closest; it lacks unit)"
    ]


def test_a_column_named_twice_refuses_the_file(tmp_path: Path) -> None:
    rows = [["Reference", "Date", "Supplier", "Commodity", "Quantity", "Unit", "Fecha"], purchase()]
    with pytest.raises(FileRejected) as refused:
        read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert refusal(refused.value) == ['row 1: "Date" and "Fecha" both name purchase_date; keep one']


def test_unknown_columns_are_ignored(tmp_path: Path) -> None:
    rows = [[*PURCHASE_HEADER, "Notes", "Bonus"], [*purchase(), "late delivery", "x"]]
    table, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert set(table.columns) == {c.name for c in PURCHASES.columns}
    assert parsed[0].ok


def test_a_short_row_lacks_its_last_cells(tmp_path: Path) -> None:
    rows = [PURCHASE_HEADER, ["PO-1", "2026-08-03", "S-201", "tomato"]]
    _, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
    assert problems(parsed) == [
        'row 2, quantity = "": required, but blank',
        'row 2, unit = "": required, but blank',
    ]


def test_naming_a_sheet_of_a_csv_file_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [PURCHASE_HEADER, purchase()])
    with pytest.raises(
        FileRejected, match=r'a sheet \("Nomina"\) was named, but a CSV file has none'
    ):
        read(path, PURCHASES, sheet="Nomina")


class TestSources:
    def test_bytes_paths_and_streams_read_alike(self, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "p.csv", [PURCHASE_HEADER, purchase("A"), purchase("B")])
        sources = [path, str(path), path.read_bytes(), io.BytesIO(path.read_bytes())]
        results = [read(source, PURCHASES, filename="p.csv")[1] for source in sources]
        assert all(rows == results[0] for rows in results)
        assert [row.text("reference") for row in results[0]] == ["A", "B"]

    def test_a_table_is_iterated_once(self, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "p.csv", [PURCHASE_HEADER, purchase()])
        with open_table(path, "p.csv", PURCHASES) as table:
            list(table)
            with pytest.raises(RuntimeError, match="only once"):
                list(table)


class TestLimits:
    def test_a_file_over_the_size_limit_is_refused(self, tmp_path: Path) -> None:
        path = write_csv(
            tmp_path / "p.csv", [PURCHASE_HEADER, *[purchase(f"P{i}") for i in range(50)]]
        )
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES, limits=Limits(file_bytes=1024))
        assert refusal(refused.value) == ["the file is larger than the 1 KB file-size limit"]

    def test_a_stream_over_the_size_limit_is_refused_without_reading_it_all(self) -> None:
        stream = io.BytesIO(b"x" * 5000)
        with pytest.raises(FileRejected, match="1,000-byte file-size limit"):
            read(stream, PURCHASES, filename="p.csv", limits=Limits(file_bytes=1000))
        assert stream.tell() == 1001

    def test_more_data_rows_than_the_limit(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, *[purchase(f"P{i}") for i in range(4)], [], ["TOTAL"]]
        path = write_csv(tmp_path / "p.csv", rows)
        assert len(read(path, PURCHASES, limits=Limits(data_rows=4))[1]) == 4
        with pytest.raises(FileRejected) as refused:
            read(path, PURCHASES, limits=Limits(data_rows=3))
        assert refusal(refused.value) == ["more than 3 data rows (the row limit)"]

    def test_a_filled_cell_past_the_column_limit(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, [*purchase(), "", "", "far"]]
        with pytest.raises(FileRejected) as refused:
            read(write_csv(tmp_path / "p.csv", rows), PURCHASES, limits=Limits(columns=8))
        assert refusal(refused.value) == ["row 2: more than 8 columns (the column limit)"]

    def test_empty_cells_past_the_column_limit_are_fine(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, [*purchase(), "", "", ""]]
        _, parsed = read(write_csv(tmp_path / "p.csv", rows), PURCHASES, limits=Limits(columns=6))
        assert parsed[0].ok

    def test_a_cell_longer_than_the_limit(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, purchase("x" * 11)]
        with pytest.raises(FileRejected) as refused:
            read(write_csv(tmp_path / "p.csv", rows), PURCHASES, limits=Limits(cell_chars=10))
        assert refusal(refused.value) == [
            "row 2, reference: a cell longer than 10 characters (the cell-length limit)"
        ]

    def test_a_cell_past_the_csv_modules_own_limit_names_ours(self, tmp_path: Path) -> None:
        rows = [PURCHASE_HEADER, purchase("x" * 200_000)]
        with pytest.raises(FileRejected) as refused:
            read(write_csv(tmp_path / "p.csv", rows), PURCHASES)
        assert refusal(refused.value) == [
            "row 2: a cell longer than 1,000 characters (the cell-length limit)"
        ]
