"""Import batches as the API lists them: who uploaded what, and whether it is still live."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session, aliased

from ledger.batches import ImportBatch
from ledger.errors import NotFound
from ledger.participants import Party, Program
from ledger.program_setup import code_key


@dataclass(frozen=True, slots=True)
class BatchView:
    id: int
    kind: str
    role: str
    party: str
    filename: str
    sheet: str | None
    rows: int
    entries: int
    premium: Decimal
    currency: str
    supersedes: int | None
    superseded_by: int | None
    created_by: str
    created_at: dt.datetime

    @property
    def status(self) -> str:
        return "live" if self.superseded_by is None else "superseded"


def list_batches(
    session: Session, program: Program, party: tuple[str, str] | None, limit: int, offset: int
) -> list[BatchView]:
    """The program's batches, newest first; only one party's when `party` (role, code)."""
    query = _batches(program)
    if party is not None:
        role, code = party
        query = query.where(Party.role == role, Party.code_key == code_key(code))
    query = query.order_by(ImportBatch.id.desc()).limit(limit).offset(offset)
    return [_view(row, program.currency) for row in session.execute(query)]


def batch_view(session: Session, program: Program, batch_id: int) -> BatchView:
    """One batch of the program; NotFound otherwise."""
    row = session.execute(_batches(program).where(ImportBatch.id == batch_id)).first()
    if row is None:
        raise NotFound(f"no batch {batch_id}")
    return _view(row, program.currency)


def _batches(program: Program) -> Select[ImportBatch, str, str, int]:
    later = aliased(ImportBatch)
    return (
        select(ImportBatch, Party.role, Party.code, later.id)
        .join(Party, Party.id == ImportBatch.party_id)
        .outerjoin(later, later.supersedes_id == ImportBatch.id)
        .where(ImportBatch.program_id == program.id)
    )


def _view(row: Row[ImportBatch, str, str, int], currency: str) -> BatchView:
    batch, role, party, superseded_by = row
    return BatchView(
        batch.id,
        batch.kind,
        role,
        party,
        batch.filename,
        batch.sheet,
        batch.rows,
        batch.entries,
        batch.premium,
        currency,
        batch.supersedes_id,
        superseded_by,
        batch.created_by,
        batch.created_at,
    )
