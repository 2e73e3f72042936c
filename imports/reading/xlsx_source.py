"""XLSX workbooks: package checks, sheet choice, and rows read with calamine or openpyxl.

Before anything is inflated, the zip directory must be complete and its declared
uncompressed size within the limit. Rows come from python-calamine, which is fast but
loads a whole sheet as a dense grid; openpyxl (read-only, streaming) takes over where
calamine cannot: a workbook or sheet it fails to read, and a sheet whose declared extent
(its `<dimension>`) would make that grid huge, such as one stray cell in row 1,048,576.
Only one sheet is held at a time. The first sheet whose header is recognised is used,
unless a sheet is named.
"""

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO
from xml.etree import ElementTree

import openpyxl
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from imports.reading.formulas import FormulaCells
from imports.reading.layouts import Layout
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.table import RowSource, Table, header_of, header_problem

Opener = Callable[[], BinaryIO]

# Above this many cells (about 32 bytes each in calamine) a sheet is streamed by openpyxl.
CALAMINE_MAX_CELLS = 10_000_000

_WORKBOOK = "xl/workbook.xml"
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s+ref\s*=\s*["']([^"']*)["']""")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_FAR_REF = re.compile(rb"""r=["'](?:([A-Za-z]{2,3})(\d+)|([A-Za-z]?)(\d{6,}))["']""")
_NEAR_ROWS, _NEAR_COLUMNS = 99_999, 26

# What zipfile and ElementTree raise on a damaged package (RuntimeError: an encrypted
# member, and also what zipfile raises for a compression method it lacks).
_DAMAGED = (
    zipfile.BadZipFile,
    EOFError,
    zlib.error,
    RuntimeError,
    ElementTree.ParseError,
    KeyError,
)


def open_xlsx(open_bytes: Opener, layout: Layout, sheet: str | None, limits: Limits) -> Table:
    """The table of the chosen sheet of a workbook, its rows read lazily."""
    book = _Book(open_bytes, _check_package(open_bytes, limits))
    try:
        names = [_pick(sheet, book.sheet_names)] if sheet is not None else book.sheet_names
        problems: list[Problem] = []
        for name in names:
            source = book.rows(name)
            search = header_of(source, layout)
            if search.header is not None:
                return Table(source, search.header, layout, limits, close=book.close)
            problems.append(header_problem(search, layout, name))
        if all(problem.reason == "no data rows" for problem in problems):
            problems = [Problem("no data rows")]
        raise FileRejected(problems)
    except BaseException:
        book.close()
        raise


def _pick(wanted: str, names: list[str]) -> str:
    for name in names:
        if name == wanted or name.strip().casefold() == wanted.strip().casefold():
            return name
    listed = ", ".join(f'"{name}"' for name in names)
    raise FileRejected([Problem(f'no sheet named "{wanted}"; the workbook has {listed}')])


def _check_package(open_bytes: Opener, limits: Limits) -> dict[str, str]:
    """Sheet name → its zip member, from a package whose directory is sound and in limits."""
    try:
        with _package(open_bytes) as package:
            infos = package.infolist()
            if sum(info.file_size for info in infos) > limits.unpacked_bytes:
                raise FileRejected([Problem(limits.unpacked_too_big())])
            if _WORKBOOK not in {info.filename for info in infos}:
                reason = "not an XLSX workbook (a zip package of something else)"
                raise FileRejected([Problem(reason)])
            return _sheet_parts(package)
    except _DAMAGED as error:
        raise _damaged() from error


def _damaged() -> FileRejected:
    return FileRejected([Problem("the XLSX file is damaged or incomplete")])


@contextmanager
def _package(open_bytes: Opener) -> Iterator[zipfile.ZipFile]:
    with open_bytes() as handle, zipfile.ZipFile(handle) as package:
        yield package


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding it, from the workbook and its relationships."""
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for element in ElementTree.fromstring(package.read(_WORKBOOK)).iter():
        if element.tag.rpartition("}")[2] != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel_id, "")
        # Targets are relative to xl/ unless absolute within the package.
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[element.get("name", "")] = posixpath.normpath(part)
    return parts


def _extent(open_bytes: Opener, part: str) -> int | None:
    """How many cells calamine would allocate for the sheet: rows × columns to its last cell.

    From the sheet's <dimension>, which Excel, LibreOffice and most writers keep right;
    without one (openpyxl's write-only mode), from a scan of its far cell references.
    """
    with _package(open_bytes) as package:
        try:
            stream = package.open(part)
        except KeyError:
            return None
        with stream:
            head = stream.read(1 << 16)
            match = _DIMENSION.search(head)
            if match is None:
                return _scanned_extent(head, stream)
    last = _CELL_REF.fullmatch(match[1].decode("ascii", "replace").split(":")[-1])
    return None if last is None else _position(last[1], last[2])


def _scanned_extent(head: bytes, stream: IO[bytes]) -> int:
    # Only references past row 99,999 or column Z are matched, so that the scan costs
    # little more than inflating the sheet; the others stay within that corner.
    rows, columns = _NEAR_ROWS, _NEAR_COLUMNS
    chunk, tail = head, b""
    while chunk:
        text = tail + chunk
        for wide, wide_row, narrow, far_row in _FAR_REF.findall(text):
            rows = max(rows, int(wide_row or far_row))
            columns = max(columns, _column_number(wide or narrow))
        tail, chunk = text[-32:], stream.read(1 << 20)
    return rows * columns


def _position(letters: str | bytes, digits: str | bytes) -> int:
    return _column_number(letters) * int(digits)


def _column_number(letters: str | bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter if isinstance(letter, int) else ord(letter)) - 64
    return number


class _Book:
    """An open workbook: calamine where it can, openpyxl where it cannot."""

    def __init__(self, open_bytes: Opener, parts: dict[str, str]) -> None:
        self._open_bytes = open_bytes
        self._parts = parts
        self._handles: list[BinaryIO] = []
        self._closers: list[Callable[[], None]] = []
        self._openpyxl: Any = None
        self._calamine: CalamineWorkbook | None = None
        try:
            self.sheet_names = self._open()
        except BaseException:
            self.close()
            raise

    def _open(self) -> list[str]:
        try:
            self._calamine = CalamineWorkbook.from_filelike(self._handle())
        except CalamineError:
            return [sheet.title for sheet in self._openpyxl_book().worksheets]
        metadata = self._calamine.sheets_metadata
        return [m.name for m in metadata if m.typ == SheetTypeEnum.WorkSheet]

    def rows(self, name: str) -> RowSource:
        """The sheet's rows numbered from 1, by calamine if it can hold the sheet."""
        part = self._parts.get(name)
        try:
            extent = None if part is None else _extent(self._open_bytes, part)
        except _DAMAGED as error:
            raise _damaged() from error
        if self._calamine is not None and extent is not None and extent <= CALAMINE_MAX_CELLS:
            try:
                sheet = self._calamine.get_sheet_by_name(name)
            except CalamineError:
                return self._openpyxl_rows(name)
            # calamine yields the empty rows above the data but starts at its first column.
            offset = sheet.start[1] if sheet.start is not None else 0
            probe = FormulaCells(self._open_bytes, name, offset)
            self._closers.append(probe.close)
            rows = enumerate(sheet.iter_rows(), start=1)
            return RowSource(name, rows, probe)
        return self._openpyxl_rows(name)

    def close(self) -> None:
        for close in self._closers:
            close()
        if self._calamine is not None:
            self._calamine.close()
            self._calamine = None
        if self._openpyxl is not None:
            self._openpyxl.close()
            self._openpyxl = None
        for handle in self._handles:
            handle.close()
        self._closers, self._handles = [], []

    def _openpyxl_rows(self, name: str) -> RowSource:
        worksheet = self._openpyxl_book()[name]
        # A stale <dimension> would otherwise cut rows short or pad them to its width.
        worksheet.reset_dimensions()
        rows = _refusing_failures(enumerate(worksheet.iter_rows(values_only=True), start=1))
        probe = FormulaCells(self._open_bytes, name, 0)
        self._closers.append(probe.close)
        return RowSource(name, rows, probe)

    def _openpyxl_book(self) -> Any:
        if self._openpyxl is None:
            try:
                self._openpyxl = openpyxl.load_workbook(
                    self._handle(), read_only=True, data_only=True
                )
            except Exception as error:  # an untrusted file: any parser failure refuses it
                reason = f"the workbook cannot be read ({type(error).__name__}: {error})"
                raise FileRejected([Problem(reason)]) from error
        return self._openpyxl

    def _handle(self) -> BinaryIO:
        handle = self._open_bytes()
        self._handles.append(handle)
        return handle


def _refusing_failures(rows: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    """openpyxl parses as it goes: a damaged sheet fails part-way, which refuses the file."""
    try:
        yield from rows
    except Exception as error:  # an untrusted file: any parser failure refuses it
        reason = f"the workbook cannot be read ({type(error).__name__}: {error})"
        raise FileRejected([Problem(reason)]) from error
