"""Opening an uploaded file as a table: the one entry point of the reading layer.

The file type comes from the content: a zip package is an XLSX workbook, anything else
is CSV text. The name only sharpens the refusals: a `.xlsx` that is not a zip, an old
binary `.xls`.
"""

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from imports.reading.csv_source import open_csv
from imports.reading.layouts import Layout
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.table import Table
from imports.reading.xlsx_source import open_xlsx

Source = bytes | str | os.PathLike[str] | BinaryIO

DEFAULT_LIMITS = Limits()

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_XLSX_NAMES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def open_table(
    source: Source,
    filename: str,
    layout: Layout,
    *,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Table:
    """The data rows of an uploaded CSV or XLSX file, for one layout.

    `source` is the file's bytes, a path, or a binary stream (read here, up to the file
    limit). Raises `FileRejected` when the file as a whole is refused; row problems come
    with the rows. Use as a context manager, and iterate the table once.
    """
    open_bytes, head = _opener(source, limits)
    if not head:
        raise FileRejected([Problem("no data rows")])
    if head.startswith(_ZIP_MAGIC):
        return open_xlsx(open_bytes, layout, sheet, limits)
    _refuse_spreadsheet_that_is_not_xlsx(head, filename)
    if sheet is not None:
        raise FileRejected([Problem(f'a sheet ("{sheet}") was named, but a CSV file has none')])
    return open_csv(open_bytes, layout, limits)


def _opener(source: Source, limits: Limits) -> tuple[Callable[[], BinaryIO], bytes]:
    """A function opening the content afresh for each reader, and its first bytes."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        _check_size(path.stat().st_size, limits)
        with path.open("rb") as handle:
            head = handle.read(8)
        return (lambda: path.open("rb")), head
    data = source if isinstance(source, bytes) else source.read(limits.file_bytes + 1)
    _check_size(len(data), limits)
    return (lambda: io.BytesIO(data)), data[:8]


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.file_bytes:
        raise FileRejected([Problem(limits.file_too_big())])


def _refuse_spreadsheet_that_is_not_xlsx(head: bytes, filename: str) -> None:
    name = filename.casefold()
    if head.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        reason = (
            "an old-format Excel file (.xls) or a password-protected workbook; "
            "save it as .xlsx without a password, or as CSV"
        )
        raise FileRejected([Problem(reason)])
    if name.endswith(_XLSX_NAMES):
        raise FileRejected([Problem(f'"{filename}" is not an XLSX workbook (it is not a zip)')])
