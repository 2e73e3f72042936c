"""Problems found while reading a file, and the refusal of a whole file.

A `Problem` names where it is (sheet, row as the spreadsheet shows it, contract column),
the raw value and the reason, and prints as DESIGN.md §5 asks:
`sheet "Semana 32", row 7, hours = "forty": not a number`.

Row problems travel with their rows (`ParsedRow.problems`) so that an importer checks
every row; file-level problems (limits, no header, no data rows) raise `FileRejected`.
"""

from collections.abc import Iterable
from dataclasses import dataclass

# Long raw values are cut in messages: a 1,000-character cell helps no one read a report.
_SHOWN_CHARS = 60


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file or one of its rows."""

    reason: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        place = []
        if self.sheet is not None:
            place.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None and self.value is None:
            place.append(self.column)
        elif self.column is not None:
            place.append(f'{self.column} = "{_shorten(self.value or "")}"')
        return f"{', '.join(place)}: {self.reason}" if place else self.reason


class FileRejected(Exception):
    """The whole file is refused; `problems` says why (at least one)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


def _shorten(value: str) -> str:
    return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"
