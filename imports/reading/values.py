"""Typing one cell: text, decimal, money, date or currency code, never a float.

A cell arrives as calamine or openpyxl gives it (str, int, float, bool, date, datetime,
time, timedelta) or as CSV text. Each `to_*` function returns the typed value or raises
`BadValue` with the reason a user reads in a problem. Blank cells never reach them.

Choices where DESIGN.md is silent:
- a float becomes Decimal through its shortest repr, so 0.1 stays Decimal("0.1");
- a number in a date column is not a date, even in XLSX (a date cell is typed as one);
- a datetime cell counts as its date (the time of day is dropped);
- text numbers may group thousands with commas (`1,234.5`), never use a decimal comma;
- money text may carry one `$` and a sign before or after it, or parentheses for a
  negative (`-$5.00`, `$-5.00`, `($5.00)`); other currency symbols are not accepted;
- text dates are `YYYY-MM-DD` or `MM/DD/YYYY` with one- or two-digit month and day;
- money has at most four decimals and stays below 10^14: what the books can keep.
"""

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from ledger.money import STORABLE_LIMIT, STORAGE_PLACES

Cell = str | int | float | bool | date | datetime | time | timedelta | None
Value = str | Decimal | date | None

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+"
# ASCII digits only: Decimal and int would take other scripts' digits without a word.
_DECIMAL_TEXT = re.compile(rf"([+-]?)\s*({_NUMBER})", re.ASCII)
_MONEY_TEXT = re.compile(rf"([+-]?)\s*\$?\s*([+-]?)\s*({_NUMBER})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_ZERO = Decimal(0)
_STORAGE_QUANTUM = Decimal(1).scaleb(-STORAGE_PLACES)
_FLOATS: dict[float, Decimal] = {}
_FLOATS_KEPT = 4096


class BadValue(ValueError):
    """A cell that cannot be the column's type; the message is the reason."""


def is_blank(cell: Cell) -> bool:
    """Empty, missing or only spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def to_text(cell: Cell) -> str:
    """Ids, references, codes and names: trimmed, case kept; a number is its digits."""
    # `type(...) is` rather than isinstance: bool is an int, and this runs per cell.
    if type(cell) is str:
        return cell.strip()
    if type(cell) is float:
        return _float_text(cell)
    if type(cell) is int:
        return str(cell)
    raise BadValue("not text")


def to_decimal(cell: Cell) -> Decimal:
    """Quantities, hours, units, rates: a number cell or plain number text."""
    if type(cell) is str:
        match = _DECIMAL_TEXT.fullmatch(cell.strip())
        if match is None:
            raise BadValue("not a number")
        return _signed(match[1], match[2])
    return _number(cell, "not a number")


def to_money(cell: Cell) -> Decimal:
    """Amounts: a number cell or text such as `$1,234.56`, that the books can keep."""
    if type(cell) is str:
        return _storable(_money_text(cell.strip()))
    return _storable(_number(cell, "not an amount of money"))


def _storable(amount: Decimal) -> Decimal:
    if not abs(amount) < STORABLE_LIMIT:
        raise BadValue(f"too large an amount to keep in the books ({STORABLE_LIMIT:,} or more)")
    if amount != amount.quantize(_STORAGE_QUANTUM):
        raise BadValue(f"more than {STORAGE_PLACES} decimal places")
    return amount


def to_date(cell: Cell) -> date:
    """An Excel date cell, or `YYYY-MM-DD` or `MM/DD/YYYY` text."""
    if type(cell) is date:
        return cell
    if type(cell) is str:
        return _date_text(cell.strip())
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    raise BadValue("not a date (expected YYYY-MM-DD or MM/DD/YYYY)")


def to_currency(cell: Cell) -> str:
    """An ISO 4217-shaped code, upper-cased."""
    if isinstance(cell, str) and _CURRENCY.fullmatch(cell.strip()):
        return cell.strip().upper()
    raise BadValue("not a currency code")


def shown(cell: Cell) -> str:
    """The raw value as a problem message shows it."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return _float_text(cell) if math.isfinite(cell) else repr(cell)
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell)


def _float_text(number: float) -> str:
    if not math.isfinite(number):
        raise BadValue("not a finite number")
    if number.is_integer():
        return str(int(number))
    return str(Decimal(repr(number)))


def _number(cell: Cell, reason: str) -> Decimal:
    if type(cell) is float:
        return _float_decimal(cell)
    if type(cell) is int:
        return Decimal(cell)
    raise BadValue(reason)


def _float_decimal(number: float) -> Decimal:
    # Decimal(repr(x)) costs a microsecond, a good part of reading a row, and sheets repeat
    # their numbers (hours, rates, quantities): remember the last few thousand.
    known = _FLOATS.get(number)
    if known is None:
        if not math.isfinite(number):
            raise BadValue("not a finite number")
        # Shortest repr: the double nearest 0.1 reads back as Decimal("0.1"). Zero is
        # kept apart because -0.0 == 0.0 would share one entry.
        known = Decimal(repr(number)) if number else _ZERO
        if len(_FLOATS) >= _FLOATS_KEPT:
            _FLOATS.clear()
        _FLOATS[number] = known
    return known


def _money_text(text: str) -> Decimal:
    negative = text.startswith("(") and text.endswith(")")
    match = _MONEY_TEXT.fullmatch(text[1:-1].strip() if negative else text)
    if match is None or (match[1] and match[2]) or (negative and (match[1] or match[2])):
        raise BadValue("not an amount of money")
    amount = _signed(match[1] or match[2], match[3])
    return -amount if negative else amount


def _signed(sign: str, digits: str) -> Decimal:
    number = Decimal(digits.replace(",", ""))
    return -number if sign == "-" else number


def _date_text(text: str) -> date:
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match[1], match[2], match[3]
    elif match := _US_DATE.fullmatch(text):
        month, day, year = match[1], match[2], match[3]
    else:
        raise BadValue("not a date (expected YYYY-MM-DD or MM/DD/YYYY)")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise BadValue("not a valid date") from None
