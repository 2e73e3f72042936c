"""Turning one spreadsheet row into typed values and the problems found in it.

Blank rows and total rows are skipped (DESIGN.md §5). Every cell of every other row is
checked, so a row reports all its problems at once. Choices where DESIGN.md is silent:
- a row is blank only if every cell is blank, ignored columns included, so that values
  typed in the wrong columns are reported rather than dropped;
- a blank cell in a required column that holds a formula reports the missing cached
  value rather than "blank" (and a blank `premium` formula is not taken as 0).
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple, TypeVar

from imports.reading.headers import Header
from imports.reading.layouts import Column, Kind, Layout, Rule
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.values import (
    BadValue,
    Cell,
    Value,
    is_blank,
    shown,
    to_currency,
    to_date,
    to_decimal,
    to_money,
    to_text,
)

_CONVERT: Mapping[Kind, Callable[[Cell], Value]] = {
    Kind.TEXT: to_text,
    Kind.DECIMAL: to_decimal,
    Kind.MONEY: to_money,
    Kind.DATE: to_date,
    Kind.CURRENCY: to_currency,
}

NO_CACHED_VALUE = "a formula without a saved value (open the file in Excel and save it again)"

_ZERO = Decimal(0)
_TOTAL_START = frozenset("tT")

_T = TypeVar("_T", str, Decimal, dt.date)

# (row number, cell index) → is that cell a formula? Asked only for blank required cells.
FormulaProbe = Callable[[int, int], bool]


class ParsedRow(NamedTuple):
    """A data row: its number as the spreadsheet shows it, typed values and problems.

    `values` has every column of the layout (None where an optional cell is blank or
    the column is absent) except those whose cell is a problem. A NamedTuple rather than
    a frozen dataclass: as immutable, and three times faster to make, once per row.
    """

    row: int
    values: Mapping[str, Value]
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self, column: str) -> str:
        return _typed(self.values[column], str, column)

    def decimal(self, column: str) -> Decimal:
        return _typed(self.values[column], Decimal, column)

    def date(self, column: str) -> dt.date:
        return _typed(self.values[column], dt.date, column)

    def optional_text(self, column: str) -> str | None:
        value = self.values.get(column)
        return None if value is None else _typed(value, str, column)

    def optional_decimal(self, column: str) -> Decimal | None:
        value = self.values.get(column)
        return None if value is None else _typed(value, Decimal, column)


def _typed(value: Value, kind: type[_T], column: str) -> _T:
    if not isinstance(value, kind):
        raise TypeError(f"{column} is {type(value).__name__}, not {kind.__name__}")
    return value


class RowParser:
    """Parses the data rows under one header of one layout; remembers unique values.

    This runs once per row of files up to millions of rows, so its loop is kept flat:
    a plan of (column, cell index, converter, required, blank value) made once.
    """

    def __init__(
        self,
        layout: Layout,
        header: Header,
        sheet: str | None,
        is_formula: FormulaProbe,
        limits: Limits,
    ) -> None:
        required = {column.name for column in layout.required}
        # In the sheet's column order, so that a row's problems read left to right.
        self._plan = sorted(
            (
                (c.name, header.positions[c.name], _converter(c), c.name in required, c.blank)
                for c in layout.columns
                if c.name in header.positions
            ),
            key=lambda step: step[1],
        )
        self._absent = {c.name: None for c in layout.columns if c.name not in header.positions}
        self._dates = [header.positions[n] for n in layout.date_columns if n in header.positions]
        self._layout = layout
        self._positions = header.positions
        self._sheet = sheet
        self._is_formula = is_formula
        self._limits = limits
        self._checks = layout.checks
        self._unique = layout.unique
        self._seen: dict[str, int] = {}

    def parse(self, number: int, cells: Sequence[Cell]) -> ParsedRow | None:
        """The row's values and problems, or None for a blank or total row."""
        if self._skipped(cells):
            return None
        values: dict[str, Value] = dict(self._absent)
        problems: list[Problem] = []
        width, chars = len(cells), self._limits.cell_chars
        for name, index, convert, required, blank in self._plan:
            cell = cells[index] if index < width else None
            if type(cell) is str:
                if len(cell) > chars:
                    raise FileRejected([self._too_long(number, name)])
                if not cell or cell.isspace():
                    cell = None
            try:
                if cell is not None:
                    values[name] = convert(cell)
                elif required:
                    values[name] = self._blank(number, index, blank)
                else:
                    values[name] = None
            except BadValue as bad:
                problems.append(self._problem(number, name, cell, str(bad)))
        if self._checks:
            problems.extend(self._cross_checks(number, cells, values))
        if self._unique is not None and type(key := values.get(self._unique)) is str:
            first = self._seen.setdefault(key, number)
            if first != number:
                problems.append(self._duplicate(number, cells, first))
        return ParsedRow(number, values, tuple(problems) if problems else ())

    def _blank(self, number: int, index: int, blank: Value) -> Value:
        """A blank cell of a required column: its default, or why it may not be blank."""
        if self._is_formula(number, index):
            raise BadValue(NO_CACHED_VALUE)
        if blank is None:
            raise BadValue("required, but blank")
        return blank

    def _skipped(self, cells: Sequence[Cell]) -> bool:
        """A blank row, or a total row: first filled cell says "total" and no date is given."""
        for cell in cells:
            if type(cell) is str:
                if cell and not cell.isspace():
                    return _says_total(cell) and not self._has_date(cells)
            elif cell is not None:
                return False
        return True

    def _cross_checks(
        self, number: int, cells: Sequence[Cell], values: Mapping[str, Value]
    ) -> list[Problem]:
        return [
            self._problem(number, column, self._raw(cells, column), reason)
            for check in self._checks
            for column, reason in check(values)
        ]

    def _duplicate(self, number: int, cells: Sequence[Cell], first: int) -> Problem:
        unique = self._layout.unique or ""
        return self._problem(
            number, unique, self._raw(cells, unique), f"the same {unique} as row {first}"
        )

    def _has_date(self, cells: Sequence[Cell]) -> bool:
        for index in self._dates:
            if index < len(cells) and not is_blank(cells[index]):
                try:
                    to_date(cells[index])
                except BadValue:
                    continue
                return True
        return False

    def _raw(self, cells: Sequence[Cell], column: str) -> Cell:
        index = self._positions.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    def _too_long(self, number: int, column: str) -> Problem:
        reason = self._limits.cell_too_long()
        return Problem(reason, sheet=self._sheet, row=number, column=column)

    def _problem(self, number: int, column: str, cell: Cell, reason: str) -> Problem:
        return Problem(reason, sheet=self._sheet, row=number, column=column, value=shown(cell))


def _converter(column: Column) -> Callable[[Cell], Value]:
    """The column's cell conversion, with its rule on the number folded in."""
    convert = _CONVERT[column.kind]
    if column.rule is Rule.ANY:
        return convert
    rule = column.rule

    def ruled(cell: Cell) -> Value:
        value = convert(cell)
        if isinstance(value, Decimal) and (value < _ZERO or (rule is Rule.POSITIVE and not value)):
            raise BadValue(rule.value)
        return value

    return ruled


def _says_total(cell: str) -> bool:
    # A cheap look at the first character first: this runs for nearly every row.
    start = cell[0]
    return (start in _TOTAL_START or start.isspace()) and cell.lstrip()[:5].casefold() == "total"
