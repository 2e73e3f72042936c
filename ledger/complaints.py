"""Complaints workers file about their own premium lines, and the monitors' handling of them.

A worker who sees a line that looks wrong ("premium missing", "wrong hours"…) files a
complaint tied to that payroll line, in the language they wrote it in. A worker reaches
only their own lines, by their lookup code, so a complaint is refused for any line that
is not a live line of that code's worker. Monitors move a complaint from `open` to
`in_review` to `closed`, each time with a note and their name.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Select,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.audit import record_event
from ledger.errors import LedgerError, NotFound
from ledger.lines import PayrollLine
from ledger.orm import Base
from ledger.participants import Party, Program, Worker
from ledger.worker_lines import live_line_of_worker, worker_for_code

COMPLAINT_KINDS = ("premium_missing", "wrong_hours", "wrong_amount", "other")
COMPLAINT_STATUSES = ("open", "in_review", "closed")
MAX_TEXT = 1000


class ComplaintRefused(LedgerError):
    """A complaint that cannot be filed or changed as asked."""


class Complaint(Base):
    """A worker's complaint about one payroll line, and where its handling stands."""

    __tablename__ = "complaints"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('premium_missing', 'wrong_hours', 'wrong_amount', 'other')", name="kind"
        ),
        CheckConstraint("status IN ('open', 'in_review', 'closed')", name="status"),
        Index("ix_complaints_program_status", "program_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    payroll_line_id: Mapped[int] = mapped_column(ForeignKey(PayrollLine.id), index=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey(Worker.id))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    #: The language the worker wrote in (a locale code such as `es`), kept for the reply.
    language: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    status_note: Mapped[str] = mapped_column(Text, default="")
    status_by: Mapped[str | None] = mapped_column(String(200))
    status_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    filed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True, kw_only=True)
class ComplaintRecord:
    """A complaint as plain values, with the line it is about."""

    id: int
    supplier: str
    worker: str
    payroll_line_id: int
    period_start: date
    period_end: date
    pay_date: date
    premium: Decimal
    kind: str
    text: str
    language: str
    status: str
    status_note: str
    status_by: str | None
    status_at: datetime | None
    filed_at: datetime


def file_complaint(
    session: Session, lookup_code: str, payroll_line_id: int, kind: str, text: str, language: str
) -> ComplaintRecord:
    """File the worker's complaint about one of their own live lines."""
    if kind not in COMPLAINT_KINDS:
        raise ComplaintRefused(f"{kind!r} is not a kind of complaint")
    if len(text) > MAX_TEXT:
        raise ComplaintRefused(f"a complaint is at most {MAX_TEXT} characters")
    worker = worker_for_code(session, lookup_code)
    line = live_line_of_worker(session, worker.id, payroll_line_id) if worker else None
    if worker is None or line is None:
        raise NotFound(f"no line {payroll_line_id} for this code")
    complaint = Complaint(
        program_id=worker.program_id,
        payroll_line_id=line.id,
        worker_id=worker.id,
        kind=kind,
        text=text.replace("\x00", "").strip(),  # PostgreSQL text cannot hold NUL
        language=language,
        filed_at=datetime.now(UTC),
    )
    session.add(complaint)
    session.flush()
    filed = _one(session, complaint.program_id, complaint.id)
    record_event(
        session,
        complaint.program_id,
        f"worker {filed.worker} of {filed.supplier}",
        "complaint filed",
        f"complaint {filed.id}",
        f"{kind} about the line paid {filed.pay_date.isoformat()} ({language})",
    )
    return filed


def list_complaints(
    session: Session, program_id: int, status: str | None = None
) -> list[ComplaintRecord]:
    """The program's complaints, oldest first; only those of one status if given."""
    query = _records().where(Complaint.program_id == program_id).order_by(Complaint.id)
    if status is not None:
        query = query.where(Complaint.status == status)
    return [ComplaintRecord(**row._asdict()) for row in session.execute(query)]


def set_complaint_status(
    session: Session, program_id: int, complaint_id: int, status: str, note: str, by: str
) -> ComplaintRecord:
    """Move a complaint of the program to `status`, recording the note and who."""
    if status not in COMPLAINT_STATUSES:
        raise ComplaintRefused(f"{status!r} is not a complaint status")
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or complaint.program_id != program_id:
        raise NotFound(f"no complaint {complaint_id}")
    complaint.status, complaint.status_note, complaint.status_by = status, note.strip(), by
    complaint.status_at = datetime.now(UTC)
    record_event(
        session, program_id, by, f"complaint {status}", f"complaint {complaint_id}", note.strip()
    )
    session.flush()
    return _one(session, program_id, complaint_id)


def _one(session: Session, program_id: int, complaint_id: int) -> ComplaintRecord:
    query = _records().where(Complaint.program_id == program_id, Complaint.id == complaint_id)
    return ComplaintRecord(**session.execute(query).one()._asdict())


def _records() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Complaint.id,
            Party.code.label("supplier"),
            Worker.worker_id.label("worker"),
            Complaint.payroll_line_id,
            PayrollLine.period_start,
            PayrollLine.period_end,
            PayrollLine.pay_date,
            PayrollLine.premium,
            Complaint.kind,
            Complaint.text,
            Complaint.language,
            Complaint.status,
            Complaint.status_note,
            Complaint.status_by,
            Complaint.status_at,
            Complaint.filed_at,
        )
        .join(PayrollLine, PayrollLine.id == Complaint.payroll_line_id)
        .join(Worker, Worker.id == Complaint.worker_id)
        .join(Party, Party.id == PayrollLine.supplier_id)
    )
