"""Why an upload was refused: every problem, each naming sheet, row, column, value, reason."""

from collections.abc import Iterable

from imports.reading import Problem
from ledger.errors import LedgerError


class UploadRejected(LedgerError):
    """An upload refused as a whole; nothing of it was posted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        shown = "\n  ".join(str(problem) for problem in self.problems[:50])
        more = f"\n  … and {count - 50} more" if count > 50 else ""
        super().__init__(f"upload refused, {count} problem(s):\n  {shown}{more}")
