"""Recording a supplier's standing change, as a person confirms it: audited twice over.

The change itself is a `StandingChange` row with who recorded it; the
program's audit trail (`program_changes`) says the same in words, beside the
changes program files make. As when a program file is loaded, asking for the
standing already in force from the same date changes nothing.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.audit import record_event
from ledger.errors import NotFound
from ledger.participants import Party, StandingChange, program_by_code
from ledger.program_setup import code_key
from ledger.program_tables import ProgramChange
from reconciliation.books import Standing


@dataclass(frozen=True, slots=True)
class StandingUpdate:
    """What `set_standing` did: the supplier as spelled, and the audit line (None: unchanged)."""

    supplier: str
    change: str | None


def set_standing(
    session: Session,
    program_code: str,
    supplier_code: str,
    standing: Standing,
    since: dt.date,
    reason: str,
    recorded_by: str,
) -> StandingUpdate:
    """Record that the supplier has `standing` from `since` on."""
    program = program_by_code(session, program_code, lock=True)
    supplier = _supplier(session, program.id, supplier_code)
    latest = session.scalars(
        select(StandingChange)
        .where(StandingChange.party_id == supplier.id)
        .order_by(StandingChange.since.desc(), StandingChange.id.desc())
    ).first()
    current = Standing(latest.standing) if latest is not None else Standing.GOOD
    if standing is current and (latest is None or latest.since == since):
        return StandingUpdate(supplier.code, None)
    session.add(
        StandingChange(
            party_id=supplier.id,
            standing=standing.value,
            since=since,
            reason=reason,
            recorded_by=recorded_by,
        )
    )
    change = (
        f"supplier {supplier.code} standing: {current.value} -> {standing.value}"
        f" from {since.isoformat()} ({reason})"
    )
    session.add(ProgramChange(program_id=program.id, changed_by=recorded_by, change=change))
    record_event(
        session, program.id, recorded_by, "set standing", f"supplier {supplier.code}", change
    )
    session.flush()
    return StandingUpdate(supplier.code, change)


def _supplier(session: Session, program_id: int, code: str) -> Party:
    supplier = session.scalar(
        select(Party).where(
            Party.program_id == program_id,
            Party.role == "supplier",
            Party.code_key == code_key(code),
        )
    )
    if supplier is None:
        raise NotFound(f"no supplier {code!r} in the program")
    return supplier
