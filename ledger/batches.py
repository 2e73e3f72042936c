"""Stored import batches: one uploaded file of one party, posted as a whole or not at all.

A batch is live until another batch supersedes it; "superseded" is derived from the
later batch's `supersedes_id`, never stored twice.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, Select, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from ledger.orm import Amount, Base, Moment
from ledger.participants import Party, Program

KINDS = ("purchases", "payments", "receipts", "sales", "payroll")


class ImportBatch(Base):
    """One uploaded file of one party; identical files are recognised by their SHA-256."""

    __tablename__ = "import_batches"
    __table_args__ = (UniqueConstraint("program_id", "kind", "party_id", "file_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    kind: Mapped[str] = mapped_column(String(16))
    party_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    filename: Mapped[str] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet: Mapped[str | None] = mapped_column(String(200))
    rows: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)
    premium: Mapped[Decimal] = mapped_column(Amount)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), unique=True)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


def superseded_batch_ids() -> Select[int | None]:
    """Ids of batches a later batch superseded: their lines are no longer live."""
    return select(ImportBatch.supersedes_id).where(ImportBatch.supersedes_id.is_not(None))
