"""A table: the data rows of one file or sheet under its header, parsed one at a time.

`Table` is what `open_table` returns. It holds one row at a time, never the file's rows,
and enforces the row, column and cell limits as rows go by. Iterating it may still raise
`FileRejected` (a limit passed part-way through); the importer then refuses the file.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from types import TracebackType

from imports.reading.headers import HEADER_SEARCH_ROWS, Header, HeaderSearch, find_header
from imports.reading.layouts import Layout
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.rows import FormulaProbe, ParsedRow, RowParser
from imports.reading.values import Cell, is_blank

NumberedRows = Iterator[tuple[int, Sequence[Cell]]]


def _no_formulas(row: int, column: int) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class RowSource:
    """The rows of a CSV file or of one worksheet, numbered as the spreadsheet shows them."""

    sheet: str | None
    rows: NumberedRows
    is_formula: FormulaProbe = _no_formulas


class Table:
    """The data rows of a file under its header; iterate once, then close."""

    def __init__(
        self,
        source: RowSource,
        header: Header,
        layout: Layout,
        limits: Limits,
        close: Callable[[], None],
    ) -> None:
        self.sheet = source.sheet
        self.header_row = header.row
        self.columns: Mapping[str, str] = header.names
        self._close = close
        parser = RowParser(layout, header, source.sheet, source.is_formula, limits)
        rows = self._parse(source.rows, parser, limits)
        # Reading ahead to the first data row lets "no data rows" refuse the file up front.
        first = next(rows, None)
        if first is None:
            raise FileRejected([Problem("no data rows", sheet=source.sheet)])
        self._rows: Iterator[ParsedRow] | None = chain([first], rows)

    def __iter__(self) -> Iterator[ParsedRow]:
        if self._rows is None:
            raise RuntimeError("a table can be iterated only once")
        rows, self._rows = self._rows, None
        return rows

    def close(self) -> None:
        self._close()

    def __enter__(self) -> "Table":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _parse(self, rows: NumberedRows, parser: RowParser, limits: Limits) -> Iterator[ParsedRow]:
        count, columns = 0, limits.columns
        for number, cells in rows:
            if len(cells) > columns and not all(is_blank(cell) for cell in cells[columns:]):
                raise FileRejected(
                    [Problem(limits.too_many_columns(), sheet=self.sheet, row=number)]
                )
            parsed = parser.parse(number, cells)
            if parsed is None:
                continue
            count += 1
            if count > limits.data_rows:
                raise FileRejected([Problem(limits.too_many_rows(), sheet=self.sheet)])
            yield parsed


def header_of(source: RowSource, layout: Layout) -> HeaderSearch:
    """Looks for the layout's header in the first rows of the source."""
    return find_header(source.rows, [column.name for column in layout.required], layout.lookup)


def header_problem(search: HeaderSearch, layout: Layout, sheet: str | None) -> Problem:
    """Why a sheet or file without a recognised header is refused."""
    if search.ambiguous is not None:
        row, column, names = search.ambiguous
        quoted = " and ".join(f'"{name}"' for name in names)
        return Problem(f"{quoted} both name {column}; keep one", sheet=sheet, row=row)
    if search.empty:
        return Problem("no data rows", sheet=sheet)
    wanted = ", ".join(column.name for column in layout.required)
    reason = f"no header row in the first {HEADER_SEARCH_ROWS} rows names all of {wanted}"
    if search.closest is not None:
        row, missing = search.closest
        reason += f" (row {row} comes closest; it lacks {', '.join(missing)})"
    return Problem(reason, sheet=sheet)
