"""The audit trail: who did what to a program's books and reviews, and when.

Every use case that changes what a monitor relies on — a reconciliation run, a
finding's review, a month's sign-off, a standing change, an upload — records one
event here in the same transaction as the change, so an event exists exactly when
its change does. Events are append-only: the database refuses to update or
delete them.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Index, String, Text, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.orm import Base, Moment
from ledger.participants import Program


class AuditEvent(Base):
    """One recorded action of a person or a process on a program."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_program_id_id", "program_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    at: Mapped[datetime] = mapped_column(Moment)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditRecord:
    """A recorded action as plain values."""

    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: str


def record_event(
    session: Session, program_id: int, actor: str, action: str, subject: str, detail: str = ""
) -> None:
    """Record that `actor` did `action` to `subject`, now, beside the change itself."""
    session.execute(
        insert(AuditEvent).values(
            program_id=program_id,
            at=datetime.now(UTC),
            actor=actor,
            action=action,
            subject=subject,
            detail=detail,
        )
    )


def audit_trail(
    session: Session, program_id: int, *, limit: int = 100, before: int | None = None
) -> list[AuditRecord]:
    """The program's newest events first, at most `limit`, older than event `before` if given."""
    query = select(AuditEvent).where(AuditEvent.program_id == program_id)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit))
    return [
        AuditRecord(
            id=row.id,
            at=row.at,
            actor=row.actor,
            action=row.action,
            subject=row.subject,
            detail=row.detail,
        )
        for row in rows
    ]
