"""Stored overdue checks: what a check of a program's overdue submissions found, and when.

Every check is kept: the program, the as-of date, when it ran, who ran it (a person
or the scheduler, with the job run that did), and its items in report order. The
latest check of a program is the one with the newest as-of date, and of those the
last recorded, so a look back at an earlier date does not hide today's check.
The rule deciding what is overdue lives in `reconciliation`; this module only
stores and reads plain records.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.job_runs import JobRun, utc
from ledger.orm import Amount, Base
from ledger.participants import Program

KINDS = ("payroll", "purchases")


class OverdueCheck(Base):
    """One check of a program's overdue submissions as of a date."""

    __tablename__ = "overdue_checks"
    __table_args__ = (Index("ix_overdue_checks_program_as_of", "program_id", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    as_of: Mapped[date] = mapped_column(Date)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_by: Mapped[str] = mapped_column(String(200))
    job_run_id: Mapped[int | None] = mapped_column(ForeignKey(JobRun.id))


class OverdueItem(Base):
    """A submission a check found overdue, in report order."""

    __tablename__ = "overdue_items"
    __table_args__ = (
        CheckConstraint("kind IN ('payroll', 'purchases')", name="kind"),
        CheckConstraint("role IN ('buyer', 'supplier')", name="role"),
        CheckConstraint("days_overdue > 0", name="days_overdue"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey(OverdueCheck.id), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(8))
    party: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(21))
    due_on: Mapped[date] = mapped_column(Date)
    days_overdue: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal | None] = mapped_column(Amount)
    message: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRecord:
    """A stored check as plain values (without its items)."""

    id: int
    program_id: int
    as_of: date
    checked_at: datetime
    checked_by: str
    job_run_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemRecord:
    """A stored overdue item as plain values."""

    kind: str
    role: str
    party: str
    period: str
    due_on: date
    days_overdue: int
    amount: Decimal | None
    message: str


def store_check(
    session: Session,
    program_id: int,
    as_of: date,
    checked_by: str,
    items: Sequence[ItemRecord],
    *,
    job_run_id: int | None = None,
) -> CheckRecord:
    """Store a check and its items, in the given order."""
    check = OverdueCheck(
        program_id=program_id,
        as_of=as_of,
        checked_at=datetime.now(UTC),
        checked_by=checked_by,
        job_run_id=job_run_id,
    )
    session.add(check)
    session.flush()
    if items:
        session.execute(
            insert(OverdueItem),
            [{"check_id": check.id, "position": i, **asdict(item)} for i, item in enumerate(items)],
        )
    return _check_record(check)


def latest_check(session: Session, program_id: int) -> CheckRecord | None:
    """The program's check with the newest as-of date, the last recorded; None if never."""
    check = session.scalars(
        select(OverdueCheck)
        .where(OverdueCheck.program_id == program_id)
        .order_by(OverdueCheck.as_of.desc(), OverdueCheck.id.desc())
        .limit(1)
    ).first()
    return _check_record(check) if check is not None else None


def check_items(session: Session, check_id: int) -> list[ItemRecord]:
    """The check's items in report order."""
    query = select(OverdueItem).where(OverdueItem.check_id == check_id)
    names = [field.name for field in fields(ItemRecord)]
    return [
        ItemRecord(**{name: getattr(item, name) for name in names})
        for item in session.scalars(query.order_by(OverdueItem.position))
    ]


def _check_record(check: OverdueCheck) -> CheckRecord:
    return CheckRecord(
        id=check.id,
        program_id=check.program_id,
        as_of=check.as_of,
        checked_at=utc(check.checked_at),
        checked_by=check.checked_by,
        job_run_id=check.job_run_id,
    )
