"""Reading uploaded CSV and XLSX files into typed rows, one shared layer for every import.

from imports.reading import PURCHASES, FileRejected, open_table

try:
    with open_table(path, "B-101.xlsx", PURCHASES) as table:
        for row in table:          # ParsedRow, one at a time
            if row.problems: ...   # collect every Problem; never stop at the first
            else: row.decimal("quantity"), row.date("purchase_date"), ...
except FileRejected as refused:    # the file as a whole: type, limits, header, no data
    refused.problems
"""

from imports.reading.layouts import (
    ALLOCATION_BASES,
    PURCHASES,
    RECEIPTS,
    SALES,
    Column,
    Kind,
    Layout,
    Rule,
    payments_layout,
    payroll_layout,
)
from imports.reading.limits import Limits
from imports.reading.problems import FileRejected, Problem
from imports.reading.reader import DEFAULT_LIMITS, Source, open_table
from imports.reading.rows import ParsedRow
from imports.reading.table import Table

__all__ = [
    "ALLOCATION_BASES",
    "DEFAULT_LIMITS",
    "PURCHASES",
    "RECEIPTS",
    "SALES",
    "Column",
    "FileRejected",
    "Kind",
    "Layout",
    "Limits",
    "ParsedRow",
    "Problem",
    "Rule",
    "Source",
    "Table",
    "open_table",
    "payments_layout",
    "payroll_layout",
]
