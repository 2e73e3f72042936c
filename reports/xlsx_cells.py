"""Cell formats of the XLSX report and the writing of typed cells.

Money is written as exact decimal text (never through a float) with the
currency's minor-unit decimals as its number format; dates are numbers with a
date format, as Excel stores them; text from uploads is neutralised
(reports.neutralising). Times are shown in UTC.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from reports.neutralising import needs_neutralising

_EXCEL_EPOCH = dt.date(1899, 12, 30)


class Kind(Enum):
    """How a column's values are written."""

    TEXT = "text"
    MONEY = "money"
    QUANTITY = "quantity"
    INTEGER = "integer"
    DATE = "date"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table sheet: its header, width in characters and kind of value."""

    header: str
    width: int
    kind: Kind = Kind.TEXT


def money_format(exponent: int) -> str:
    """The number format of amounts in a currency with `exponent` minor-unit decimals."""
    return "#,##0" + ("." + "0" * exponent if exponent else "")


class Styles:
    """The report's cell formats, made once per workbook."""

    def __init__(self, workbook: Workbook, exponent: int) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.heading = workbook.add_format({"bold": True, "font_size": 12})
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.label = workbook.add_format({"bold": True})
        self.quoted = workbook.add_format({"quote_prefix": True})
        self.money = workbook.add_format({"num_format": money_format(exponent)})
        self.quantity = workbook.add_format({"num_format": "#,##0.########"})
        self.integer = workbook.add_format({"num_format": "#,##0"})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.time = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.by_kind: dict[Kind, Any] = {
            Kind.MONEY: self.money,
            Kind.QUANTITY: self.quantity,
            Kind.INTEGER: self.integer,
            Kind.DATE: self.date,
            Kind.TIME: self.time,
        }


def date_serial(day: dt.date) -> int:
    """The day as Excel's serial number (1900 date system, from March 1900 on)."""
    return (day - _EXCEL_EPOCH).days


def time_serial(moment: dt.datetime) -> Decimal:
    """A moment in UTC as Excel's serial number, to the second."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    seconds = utc.hour * 3600 + utc.minute * 60 + utc.second
    return date_serial(utc.date()) + (Decimal(seconds) / 86400).quantize(Decimal("1e-10"))


def write_text(sheet: Worksheet, row: int, col: int, text: str, styles: Styles) -> None:
    """Text as a string cell, with the quote prefix where it could pass for a formula."""
    sheet.write_string(row, col, text, styles.quoted if needs_neutralising(text) else None)


def write_value(
    sheet: Worksheet, row: int, col: int, value: object, kind: Kind, styles: Styles
) -> None:
    """A value of a column's kind; None leaves the cell blank."""
    if value is None:
        return
    if kind is Kind.TEXT:
        write_text(sheet, row, col, str(value), styles)
    elif kind is Kind.DATE and isinstance(value, dt.date):
        sheet.write_number(row, col, date_serial(value), styles.date)
    elif kind is Kind.TIME and isinstance(value, dt.datetime):
        sheet.write_number(row, col, time_serial(value), styles.time)
    else:
        sheet.write_number(row, col, value, styles.by_kind[kind])


def start_table(sheet: Worksheet, columns: list[Column], styles: Styles, row: int = 0) -> None:
    """Column widths, the header row at `row`, and the panes frozen below it."""
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(row, col, column.header, styles.header)
    sheet.freeze_panes(row + 1, 0)


def end_table(sheet: Worksheet, columns: list[Column], header_row: int, last_row: int) -> None:
    """An autofilter over the header and every written row."""
    sheet.autofilter(header_row, 0, max(last_row, header_row), len(columns) - 1)
