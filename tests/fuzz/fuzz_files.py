"""Hypothesis strategies for uploaded files: random bytes, CSV of random shape, odd workbooks.

Headers come from the synonym table (in random case and spacing, some left out, some
extra); cells mix values an importer expects (party codes, dates, amounts) with values
it must refuse cleanly (huge numbers, NaN-like text, overlong cells, formulas …).
"""

import io
import math
import re
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

import openpyxl
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from imports.reading.headers import SYNONYMS

COLUMNS = {
    "purchases": ["supplier", "commodity", "quantity", "unit", "purchase_date", "reference"],
    "payments": ["supplier", "amount", "paid_on", "reference", "currency", "fx_rate"],
    "receipts": ["buyer", "amount", "received_on", "reference"],
    "sales": ["buyer", "commodity", "quantity", "unit", "sale_date", "reference"],
    "payroll": [
        "worker_id",
        "worker_name",
        "period_start",
        "period_end",
        "pay_date",
        "hours",
        "gross_wages",
        "units",
        "premium",
        "crew",
    ],
}
NUMERIC = {"quantity", "amount", "fx_rate", "hours", "gross_wages", "units", "premium"}
DATES = {"purchase_date", "sale_date", "paid_on", "received_on", "period_start", "period_end"}
DATES.add("pay_date")
ODD_TEXT = [
    "",
    " ",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e400",
    "1E-400",
    "99999999999999999999999999",
    "0.00001",
    "-0",
    "$1,234.56",
    "(12.50)",
    "1.234,56",
    "TOTAL",
    "Totales",
    "=1+1",
    "@SUM(A1)",
    "forty",
    "🍅",
    "\x00",
    "a\nb",
    "x" * 1001,
    "2026-02-30",
    "13/45/2026",
    "00123",
    "10234.0",
]
#: Numbers at the edges of what the books keep: 10^16 and more, more than four decimals.
NUMERIC_EXTREMES = [
    "99999999999999999999",
    "9999999999999999.99",
    "1000000000000000",
    "10.123456",
    "0.30000000000000004",
    "100000000000000000000000000",
]
PLAUSIBLE: dict[str, list[Any]] = {
    "supplier": ["S-1", "s-2 ", "S-9", "S-3"],
    "buyer": ["B-1", "b-2", "B-9"],
    "commodity": ["tomato", "TOMATO", "kale"],
    "unit": ["box", "lb", "Box", "crate"],
    "reference": ["R-1", "R-2", "R-3", " R-1 "],
    "currency": ["USD", "usd", "EUR", "XXX"],
    "worker_id": ["W-1", "W-2", 10234, "00123"],
    "worker_name": ["Ana", "José Pérez"],
    "crew": ["C1", ""],
}


def header_name(column: str) -> st.SearchStrategy[str]:
    """The column's contract name or a synonym, in some case, maybe with odd spacing."""
    names = st.sampled_from([column, *SYNONYMS.get(column, ())])
    styles = st.sampled_from(
        [str, str.upper, str.title, lambda s: f" {s}. ", lambda s: s.replace(" ", "_")]
    )
    return st.builds(lambda name, style: style(name), names, styles)


@st.composite
def headers(draw: st.DrawFn, kind: str, *, complete: bool = False) -> list[tuple[str, str | None]]:
    """Header names with the column each stands for (None: a column we do not read)."""
    # Sometimes a column is left out, a required one too.
    columns = [c for c in COLUMNS[kind] if complete or draw(st.integers(0, 9)) > 0]
    named: list[tuple[str, str | None]] = [(draw(header_name(c)), c) for c in columns]
    extras = ["notes", "bonus"] if complete else ["notes", "bonus", "bono", "", "id"]
    named += [(name, None) for name in draw(st.lists(st.sampled_from(extras), max_size=2))]
    return draw(st.permutations(named))


def cell(column: str | None, *, typed: bool) -> st.SearchStrategy[Any]:
    """A cell for the column: usually plausible, often odd; typed cells only in workbooks."""
    odd = st.sampled_from(ODD_TEXT)
    plausible: list[st.SearchStrategy[Any]] = []
    if column in PLAUSIBLE:
        plausible.append(st.sampled_from(PLAUSIBLE[column]))
    if column in NUMERIC:
        plausible.append(st.decimals(-5, 10**6, places=2).map(str))
        plausible.append(st.integers(0, 500).map(str))
        plausible.append(st.sampled_from(NUMERIC_EXTREMES))
    if column in DATES:
        days = st.dates(date(2025, 12, 1), date(2026, 12, 31))
        plausible.append(days.map(date.isoformat))
        plausible.append(days.map(lambda d: d.strftime("%m/%d/%Y")))
        if typed:
            plausible.append(days)
    if typed:
        plausible.append(odd_typed())
    return st.one_of(*plausible, odd, st.text(max_size=12)) if plausible else odd


def odd_typed() -> st.SearchStrategy[Any]:
    """Values only a workbook can hold: bools, dates and times, huge or not-a-number floats."""
    return st.one_of(
        st.booleans(),
        st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)),
        st.times(),
        st.dates(date(1900, 3, 1), date(9999, 12, 31)),
        st.integers(-(10**30), 10**30),
        st.sampled_from([math.nan, math.inf, -math.inf, 1e308, 5e-324, 0.1 + 0.2]),
        st.sampled_from(["=A1+1", "=SUM(A:A)", '="S-1"', "=1/0", "=NOW()"]),
    )


def _money(low: str, high: str) -> st.SearchStrategy[str]:
    """Usually an ordinary amount; now and then one at the edge of what the books keep."""
    ordinary = st.decimals(low, high, places=2).map(str)
    return st.one_of(ordinary, ordinary, ordinary, st.sampled_from(NUMERIC_EXTREMES))


def _week() -> st.SearchStrategy[tuple[date, date, date]]:
    """A pay period (start, end) and its pay date."""
    starts = st.dates(date(2026, 8, 1), date(2026, 10, 20))
    return starts.map(lambda d: (d, d + timedelta(days=6), d + timedelta(days=11)))


@st.composite
def valid_row(draw: st.DrawFn, kind: str, *, typed: bool) -> dict[str, Any]:
    """A row the importer should accept (references random, so rarely seen before)."""
    day = draw(st.dates(date(2026, 8, 1), date(2026, 10, 31)))
    shown_day: Any = day if typed and draw(st.booleans()) else day.isoformat()
    reference = draw(st.uuids()).hex[:12]
    buyer, supplier = draw(st.sampled_from(["B-1", "B-2"])), draw(st.sampled_from(["S-1", "S-2"]))
    boxes = draw(st.one_of(st.integers(1, 500).map(str), st.sampled_from(NUMERIC_EXTREMES)))
    volume = {"commodity": "tomato", "quantity": boxes, "unit": "box"}
    if kind in ("purchases", "sales"):
        party = {"supplier": supplier} if kind == "purchases" else {"buyer": buyer}
        date_column = "purchase_date" if kind == "purchases" else "sale_date"
        return {**party, **volume, date_column: shown_day, "reference": reference}
    if kind == "payments":
        return {"supplier": supplier, "amount": draw(_money("0.01", "5000")), "paid_on": shown_day,
                "reference": reference, "currency": "USD", "fx_rate": ""}  # fmt: skip
    if kind == "receipts":
        return {"buyer": buyer, "amount": draw(_money("0.01", "5000")), "received_on": shown_day,
                "reference": reference}  # fmt: skip
    start, end, paid = draw(_week())
    return {"worker_id": draw(st.sampled_from(["W-1", "W-2", "W-3", 10234])),
            "worker_name": "Ana", "period_start": start.isoformat(), "period_end": end.isoformat(),
            "pay_date": paid.isoformat(), "hours": str(draw(st.integers(0, 60))),
            "gross_wages": draw(_money("0", "2000")), "units": "0",
            "premium": draw(_money("0", "100")), "crew": "C1"}  # fmt: skip


@st.composite
def table(draw: st.DrawFn, kind: str, *, typed: bool) -> list[list[Any]]:
    """Optional title rows, a header, up to six data rows and maybe a total row.

    Half the tables are valid files with now and then one odd cell; the other half
    have random columns and cells.
    """
    clean = draw(st.booleans())
    header = draw(headers(kind, complete=clean))
    columns = [column for _, column in header]
    titles = draw(st.integers(0, 2))
    rows: list[list[Any]] = [[draw(st.sampled_from(["Payroll", "Compras 2026"]))]] * titles
    rows.append([name for name, _ in header])
    for _ in range(draw(st.integers(1 if clean else 0, 6))):
        if clean:
            values = draw(valid_row(kind, typed=typed))
            row = [values.get(c, "") if c else "" for c in columns]
        else:
            width = len(columns) + draw(st.integers(-1, 1))
            row = [draw(cell(c, typed=typed)) for c in [*columns, None][:width]]
        rows.append(row)
    if clean and draw(st.integers(0, 2)) == 0:
        spoilt_row, spoilt = (
            draw(st.integers(titles + 1, len(rows) - 1)),
            draw(st.integers(0, len(columns) - 1)),
        )
        rows[spoilt_row][spoilt] = draw(cell(columns[spoilt], typed=typed))
    if draw(st.booleans()):
        rows.append(["TOTAL", *[""] * (len(columns) - 2), "123.45"])
    return rows


def _csv_cell(value: Any, delimiter: str) -> str:
    text = str(value)
    if delimiter in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def csv_files(draw: st.DrawFn, kind: str) -> tuple[str, bytes]:
    rows = draw(table(kind, typed=False))
    delimiter = draw(st.sampled_from([",", ";", ",", ";", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(delimiter.join(_csv_cell(v, delimiter) for v in row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    name = draw(st.sampled_from(["upload.csv", "upload.csv", "upload.txt", "upload", "upload.xls"]))
    return name, text.encode(encoding, errors="replace")


@st.composite
def xlsx_files(draw: st.DrawFn, kind: str) -> tuple[str, bytes]:
    """A workbook of one to four sheets (some empty), merged cells, formulas maybe cached."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for number in range(draw(st.integers(1, 4))):
        sheet = book.create_sheet(
            draw(st.sampled_from(["Sheet", "Semana 32", "Hoja"])) + str(number)
        )
        rows = draw(table(kind, typed=True)) if draw(st.integers(0, 3)) else []
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str):  # a workbook cannot hold control characters
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if value is not None and value != "":
                    sheet.cell(r, c, value)
        if rows and draw(st.booleans()):
            first = draw(st.integers(1, len(rows)))
            sheet.merge_cells(start_row=first, start_column=1, end_row=first, end_column=2)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if draw(st.booleans()):
        data = _cache_formulas(data, draw(st.sampled_from(["42", "S-1", "#DIV/0!", ""])))
    return draw(st.sampled_from(["upload.xlsx", "upload.xlsx", "upload.csv"])), data


def _cache_formulas(data: bytes, value: str) -> bytes:
    """Gives every formula cell a saved value, as Excel would; openpyxl writes none."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            member = source.read(name)
            if name.startswith("xl/worksheets/"):
                member = re.sub(
                    rb"(<f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\1<v>" + value.encode() + rb"</v>", member
                )
            target.writestr(name, member)
    return out.getvalue()


def random_bytes() -> st.SearchStrategy[tuple[str, bytes]]:
    """Noise, sometimes dressed as a zip package or an old Excel file."""
    noise = st.binary(max_size=2000)
    prefixes = st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]
    )
    names = st.sampled_from(["upload.csv", "upload.xlsx", "upload.xls", "upload"])
    return st.tuples(names, st.builds(lambda p, n: p + n, prefixes, noise))
