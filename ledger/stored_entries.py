"""Stored entries read back as plain `Entry` values, in the order they were posted."""

from collections.abc import Collection, Generator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from moneyed import Money
from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from ledger.books import Account, JournalEntry, JournalPosting
from ledger.entries import Entry, Posting, Source
from ledger.errors import LedgerError


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry as stored: its id, its chain hash, and the entry (None if it is broken)."""

    id: int
    chain_hash: str
    entry: Entry | None
    problem: str | None = None


def load_entries(
    session: Session,
    program_id: int,
    *,
    entry_ids: Collection[int] | None = None,
    batch_id: int | None = None,
) -> Generator[StoredEntry, None, None]:
    """Entries by id: all of a program's, or those ids, or one batch's."""
    query = _entries_with_postings(program_id)
    if entry_ids is not None:
        query = query.where(JournalEntry.id.in_(entry_ids))
    if batch_id is not None:
        query = query.where(JournalEntry.batch_id == batch_id)
    with session.execute(query.execution_options(yield_per=10_000)) as rows:
        for entry_id, legs in groupby(rows, key=lambda row: row.id):
            yield _stored(entry_id, list(legs))


def _entries_with_postings(program_id: int) -> Select[*tuple[Any, ...]]:
    return (
        select(
            JournalEntry.id,
            JournalEntry.kind,
            JournalEntry.effective_date,
            JournalEntry.description,
            JournalEntry.batch_id,
            JournalEntry.source_sheet,
            JournalEntry.source_row,
            JournalEntry.idempotency_key,
            JournalEntry.reverses_id,
            JournalEntry.chain_hash,
            Account.name.label("account"),
            JournalPosting.currency,
            JournalPosting.amount,
        )
        .join(JournalPosting, JournalPosting.entry_id == JournalEntry.id)
        .join(Account, Account.id == JournalPosting.account_id)
        .where(JournalEntry.program_id == program_id)
        .order_by(JournalEntry.id, JournalPosting.id)
    )


def _stored(entry_id: int, rows: Sequence[Row[Any]]) -> StoredEntry:
    first = rows[0]
    try:
        entry = Entry(
            kind=first.kind,
            effective_date=first.effective_date,
            postings=tuple(Posting(r.account, Money(r.amount, r.currency)) for r in rows),
            description=first.description,
            source=Source(first.batch_id, first.source_sheet, first.source_row),
            idempotency_key=first.idempotency_key,
            reverses=first.reverses_id,
        )
    except LedgerError as error:
        return StoredEntry(entry_id, first.chain_hash, None, str(error))
    return StoredEntry(entry_id, first.chain_hash, entry)
