"""The lines a stored run knew: the program's suppliers and the batches live when it ran.

A report renders one stored run, so every figure it reads beside the run's own
JSON (worker lines, the twelve-month series) comes from the batches that were
live at the run's time: batches uploaded after the run are left out, and so
are batches superseded before it, while a batch superseded only after the run
still counts, as it did for the run. Rendering the same run therefore gives
the same report whatever was uploaded since; a re-run, which stores a new
time, sees the new uploads. (SQLite records upload times to the second, so
an upload in the very second after a run counts as before it.)
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from ledger.batches import ImportBatch
from ledger.lines import PaymentLine, PayrollLine
from ledger.participants import Party


@dataclass(frozen=True, slots=True)
class RunScope:
    """The program's suppliers (id → code) and the batches the run did not count."""

    suppliers: Mapping[int, str]
    not_counted: tuple[int, ...]

    def where(self, line: type[PaymentLine] | type[PayrollLine]) -> list[ColumnElement[bool]]:
        """Conditions for the lines of these suppliers that the run counted.

        The batches left out are few (superseded or uploaded since), so naming them
        keeps the plan the same index walk the reconciliation itself makes.
        """
        return [line.supplier_id.in_(list(self.suppliers)), line.batch_id.not_in(self.not_counted)]


def run_scope(session: Session, program_id: int, run_at: dt.datetime) -> RunScope:
    """The scope of a run of the program made at `run_at`."""
    suppliers = select(Party.id, Party.code).where(
        Party.program_id == program_id, Party.role == "supplier"
    )
    later = ImportBatch.created_at > run_at
    superseded = ImportBatch.supersedes_id.is_not(None) & ~later
    found = session.execute(
        select(ImportBatch.id, ImportBatch.supersedes_id, later).where(
            ImportBatch.program_id == program_id, or_(later, superseded)
        )
    ).all()
    not_counted = {batch for batch, _, is_later in found if is_later}
    not_counted |= {old for _, old, is_later in found if not is_later and old is not None}
    return RunScope(
        suppliers={party_id: code for party_id, code in session.execute(suppliers)},
        not_counted=tuple(sorted(not_counted)),
    )
