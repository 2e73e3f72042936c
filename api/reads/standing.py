"""A supplier's standing history: every change from a date on, as recorded."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.errors import NotFound
from ledger.participants import Party, Program, StandingChange
from ledger.program_setup import code_key


@dataclass(frozen=True, slots=True)
class StandingEntry:
    standing: str
    since: dt.date
    reason: str
    recorded_by: str
    recorded_at: dt.datetime | None


def standing_history(session: Session, program: Program, supplier: str) -> list[StandingEntry]:
    """The supplier's standing changes by date; empty means good since it joined."""
    party_id = session.scalar(
        select(Party.id).where(
            Party.program_id == program.id,
            Party.role == "supplier",
            Party.code_key == code_key(supplier),
        )
    )
    if party_id is None:
        raise NotFound(f"no supplier {supplier!r}")
    query = (
        select(StandingChange)
        .where(StandingChange.party_id == party_id)
        .order_by(StandingChange.since, StandingChange.id)
    )
    return [
        StandingEntry(c.standing, c.since, c.reason, c.recorded_by, c.recorded_at)
        for c in session.scalars(query)
    ]
