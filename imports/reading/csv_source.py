"""CSV files: encoding and delimiter detection, then the records streamed one at a time.

UTF-8 with or without a byte-order mark; a file that is not valid UTF-8 is read as
cp1252, which is what Excel on Windows writes. The delimiter is a comma or a semicolon,
whichever makes a header row that names the required columns (the earlier such row wins,
a comma on a tie). Row numbers are record numbers, which is what a spreadsheet shows
even when a quoted cell spans lines.
"""

import codecs
import csv
import io
from collections.abc import Callable, Generator
from typing import BinaryIO

from imports.reading.headers import HeaderSearch
from imports.reading.layouts import Layout
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.table import RowSource, Table, header_of, header_problem

Opener = Callable[[], BinaryIO]

_DELIMITERS = (",", ";")
_CHUNK = 1 << 20


def open_csv(open_bytes: Opener, layout: Layout, limits: Limits) -> Table:
    """The table of a CSV file, its rows read lazily."""
    encoding = _encoding(open_bytes)
    delimiter = _delimiter(open_bytes, encoding, layout, limits)
    records = _records(open_bytes, encoding, delimiter, limits)
    try:
        source = RowSource(None, records)
        search = header_of(source, layout)
        assert search.header is not None, "the delimiter was chosen for its header"
        return Table(source, search.header, layout, limits, close=records.close)
    except BaseException:
        records.close()
        raise


def _encoding(open_bytes: Opener) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open_bytes() as binary:
        chunk = binary.read(_CHUNK)
        if b"\x00" in chunk:
            # NUL bytes: UTF-16 text or a binary file, neither of which is a CSV we read.
            reason = "not a CSV text file (UTF-16 or binary content); save it as CSV UTF-8"
            raise FileRejected([Problem(reason)])
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = binary.read(_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _delimiter(open_bytes: Opener, encoding: str, layout: Layout, limits: Limits) -> str:
    searches: list[tuple[str, HeaderSearch]] = []
    refusals: list[FileRejected] = []
    for delimiter in _DELIMITERS:
        records = _records(open_bytes, encoding, delimiter, limits)
        try:
            searches.append((delimiter, header_of(RowSource(None, records), layout)))
        except FileRejected as refused:
            # Split the wrong way, a line can look like one overlong cell: judge it only
            # if the other delimiter finds no header either.
            refusals.append(refused)
        finally:
            records.close()
    found = [(s.header.row, d) for d, s in searches if s.header is not None]
    if found:
        return min(found, key=lambda pair: pair[0])[1]
    if refusals:
        raise refusals[0]
    _, best = min(searches, key=lambda pair: _distance(pair[1]))
    raise FileRejected([header_problem(best, layout, None)])


def _distance(search: HeaderSearch) -> int:
    if search.ambiguous is not None:
        return -1
    return len(search.closest[1]) if search.closest is not None else 1_000


def _records(
    open_bytes: Opener, encoding: str, delimiter: str, limits: Limits
) -> Generator[tuple[int, list[str]], None, None]:
    binary = open_bytes()
    if encoding == "cp1252" and binary.read(3) != codecs.BOM_UTF8:
        # A byte-order mark before cp1252 text would otherwise garble the first header name.
        binary.seek(0)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    number = 0
    try:
        for number, record in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            yield number, record
    except UnicodeDecodeError:
        reason = "the file is neither UTF-8 nor Windows-1252 (cp1252) text"
        raise FileRejected([Problem(reason)]) from None
    except csv.Error as error:
        # The csv module's own field limit (128 KiB) is far above ours: a cell past it is long.
        too_long = "field larger than field limit" in str(error)
        reason = limits.cell_too_long() if too_long else f"not readable as CSV: {error}"
        raise FileRejected([Problem(reason, row=number + 1)]) from None
    finally:
        text.close()
