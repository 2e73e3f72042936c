"""Telling a formula cell from a blank one, for the rare rows that need it.

calamine gives a formula's saved (cached) value and, when there is none, an empty cell:
it cannot tell "blank" from "formula never calculated" (openpyxl writes formulas without
values, for one). The difference matters only for a blank cell in a required column, so
the sheet is opened a second time with openpyxl, lazily on the first such cell, and read
forward in step with the rows asked about: memory stays at one row.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO

import openpyxl

from imports.reading.problems import FileRejected, Problem

# openpyxl's read-only cells are untyped there; they all have `data_type`.
_Row = Sequence[Any]


class FormulaCells:
    """Answers "is the cell at (row, column) a formula?" for increasing row numbers."""

    def __init__(self, open_bytes: Callable[[], BinaryIO], sheet: str, column_offset: int) -> None:
        self._open_bytes = open_bytes
        self._sheet = sheet
        self._offset = column_offset
        self._handle: BinaryIO | None = None
        self._workbook: Any = None
        self._rows: Iterator[_Row] = iter(())
        self._number = 0  # the row number of `self._row`
        self._row: _Row = ()

    def __call__(self, row: int, column: int) -> bool:
        if row < self._number or self._workbook is None:
            self._restart()
        while self._number < row:
            self._row = next(self._rows, ())
            self._number += 1
        index = column + self._offset
        return index < len(self._row) and getattr(self._row[index], "data_type", None) == "f"

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _restart(self) -> None:
        self.close()
        self._handle = self._open_bytes()
        try:
            self._workbook = openpyxl.load_workbook(self._handle, read_only=True)
        except Exception as error:  # an untrusted file: any parser failure refuses it
            reason = f"the workbook cannot be read ({type(error).__name__}: {error})"
            raise FileRejected([Problem(reason)]) from error
        worksheet = self._workbook[self._sheet]
        # A stale <dimension> would otherwise cut rows short or pad them to its width.
        worksheet.reset_dimensions()
        self._rows = worksheet.iter_rows()
        self._number, self._row = 0, ()
