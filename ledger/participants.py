"""Stored programs and the parties in them: buyers, suppliers, their standing and workers."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.errors import NotFound
from ledger.orm import Amount, Base, ExactDecimal, Moment

ROLES = ("buyer", "supplier")
STANDINGS = ("good", "probation", "suspended")
ALLOCATION_BASES = ("hours", "gross_wages", "units")


class Program(Base):
    """A premium program and its settings (DESIGN.md §3, with the contract defaults)."""

    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("allocation_basis IN ('hours', 'gross_wages', 'units')", name="basis"),
        CheckConstraint(
            "payment_terms_days >= 0 AND distribution_deadline_days >= 0"
            " AND confirmation_days >= 0",
            name="days",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    distribution_deadline_days: Mapped[int] = mapped_column(Integer, default=30)
    confirmation_days: Mapped[int] = mapped_column(Integer, default=14)
    retention_rate: Mapped[Decimal] = mapped_column(ExactDecimal, default=Decimal("0"))
    allocation_basis: Mapped[str] = mapped_column(String(16), default="hours")
    allocation_tolerance: Mapped[Decimal] = mapped_column(ExactDecimal, default=Decimal("0.05"))
    amount_tolerance: Mapped[Decimal] = mapped_column(Amount, default=Decimal("1.00"))
    created_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


class Party(Base):
    """A buyer or a supplier of a program, known by its code."""

    __tablename__ = "parties"
    __table_args__ = (
        UniqueConstraint("program_id", "role", "code_key"),
        CheckConstraint("role IN ('buyer', 'supplier')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    role: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(64))
    #: The code trimmed and case-folded: uploaded files match codes case-insensitively.
    code_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200), default="")


class StandingChange(Base):
    """A supplier's standing from a date on; a supplier is good until its first change."""

    __tablename__ = "standing_changes"
    __table_args__ = (
        CheckConstraint("standing IN ('good', 'probation', 'suspended')", name="standing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    standing: Mapped[str] = mapped_column(String(16))
    since: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


class Worker(Base):
    """A supplier's worker, known by the supplier's employee id, exactly as given."""

    __tablename__ = "workers"
    __table_args__ = (UniqueConstraint("supplier_id", "worker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    worker_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200), default="")
    #: SHA-256 of the worker's lookup code: it can be checked but not listed.
    lookup_digest: Mapped[str] = mapped_column(String(64), unique=True)


def program_by_code(session: Session, code: str, *, lock: bool = False) -> Program:
    """The program with this code, or NotFound naming it.

    With `lock`, the program's row is locked until the transaction ends, which serialises
    uploads of one program on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
    """
    query = select(Program).where(Program.code == code.strip())
    program = session.scalar(query.with_for_update() if lock else query)
    if program is None:
        raise NotFound(f"no program {code!r}")
    return program
