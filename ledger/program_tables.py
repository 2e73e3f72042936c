"""Stored program setup: commodities and their units, effective-dated rates, change records."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from ledger.orm import Base, ExactDecimal, Moment
from ledger.participants import Party, Program


class Commodity(Base):
    """Something bought and sold under the program, measured in a base unit (e.g. lb)."""

    __tablename__ = "commodities"
    __table_args__ = (UniqueConstraint("program_id", "code_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    code: Mapped[str] = mapped_column(String(64))
    code_key: Mapped[str] = mapped_column(String(64))
    base_unit: Mapped[str] = mapped_column(String(32))


class CommodityUnit(Base):
    """A unit of a commodity and how many base units it holds (box = 25 lb)."""

    __tablename__ = "commodity_units"
    __table_args__ = (
        UniqueConstraint("commodity_id", "unit_key"),
        CheckConstraint("unit_key <> ''", name="named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commodity_id: Mapped[int] = mapped_column(ForeignKey(Commodity.id))
    unit: Mapped[str] = mapped_column(String(32))
    unit_key: Mapped[str] = mapped_column(String(32))
    factor: Mapped[Decimal] = mapped_column(ExactDecimal)


class Rate(Base):
    """Premium per base unit from a date (to an inclusive date), program-wide or one buyer's."""

    __tablename__ = "rates"
    __table_args__ = (
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id), index=True)
    commodity_id: Mapped[int] = mapped_column(ForeignKey(Commodity.id))
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey(Party.id))
    amount: Mapped[Decimal] = mapped_column(ExactDecimal)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)


class ProgramChange(Base):
    """Who changed what in a program's setup, and when: the audit trail of program files."""

    __tablename__ = "program_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id), index=True)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())
    change: Mapped[str] = mapped_column(Text)
