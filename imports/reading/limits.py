"""Size limits of an uploaded file (DESIGN.md §5), and the messages that name them.

Every limit is configurable; the defaults are the contract's. Sizes are in bytes, with
1 MB = 1,048,576 bytes.
"""

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a file may be before it is refused."""

    file_bytes: int = 50 * MB
    unpacked_bytes: int = 200 * MB
    data_rows: int = 2_000_000
    columns: int = 200
    cell_chars: int = 1_000

    def file_too_big(self) -> str:
        return f"the file is larger than the {_size(self.file_bytes)} file-size limit"

    def unpacked_too_big(self) -> str:
        return (
            f"the workbook's uncompressed content is larger than the "
            f"{_size(self.unpacked_bytes)} limit for uncompressed XLSX content"
        )

    def too_many_rows(self) -> str:
        return f"more than {self.data_rows:,} data rows (the row limit)"

    def too_many_columns(self) -> str:
        return f"more than {self.columns:,} columns (the column limit)"

    def cell_too_long(self) -> str:
        return f"a cell longer than {self.cell_chars:,} characters (the cell-length limit)"


def _size(n: int) -> str:
    if n % MB == 0:
        return f"{n // MB:,} MB"
    if n % 1024 == 0:
        return f"{n // 1024:,} KB"
    return f"{n:,}-byte"
