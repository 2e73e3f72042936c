"""Stored accounts, journal entries and postings: append-only, guarded by the database too.

Postings of an entry are written first and the entry row last; the entry row is the
seal. Database triggers refuse an entry whose postings do not sum to zero per currency,
a posting added to an entry that already exists, and any UPDATE or DELETE (see the
initial migration).
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ledger.batches import ImportBatch
from ledger.orm import Amount, Base, Moment
from ledger.participants import Program


class Account(Base):
    """An account of a program, created on first use from a contract name."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    name: Mapped[str] = mapped_column(String(300))


class JournalEntry(Base):
    """One balanced entry of a program's journal, linked to the one before by its hash."""

    __tablename__ = "entries"
    __table_args__ = (
        # Ordered by id within a program: the chain's head is the last entry of this index.
        Index("ix_entries_program_id", "program_id", "id"),
        UniqueConstraint("program_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    kind: Mapped[str] = mapped_column(String(32))
    effective_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(Moment)
    description: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey(ImportBatch.id), index=True)
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_row: Mapped[int | None] = mapped_column(Integer)
    #: Unique per program (a table constraint): programs keep separate books.
    idempotency_key: Mapped[str | None] = mapped_column(String(300))
    content_digest: Mapped[str] = mapped_column(String(64))
    #: A reversal points at the entry it undoes; unique, so an entry is reversed once.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id"), unique=True)
    chain_hash: Mapped[str] = mapped_column(String(64))


class JournalPosting(Base):
    """One leg of an entry; its effective date is copied from the entry for fast balances."""

    __tablename__ = "postings"
    __table_args__ = (
        Index("ix_postings_account_balance", "account_id", "currency", "effective_date", "amount"),
        # Covers the guard that sums an entry's legs per currency as the entry is sealed.
        Index("ix_postings_entry_id", "entry_id", "currency", "amount"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", deferrable=True, initially="DEFERRED")
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Amount)
    effective_date: Mapped[date] = mapped_column(Date)
