"""Stored lines of uploaded files, one per data row, each traceable to its batch and row.

Purchases, payments and payroll lines post entries (`entry_id`); receipts and sales post
nothing and are kept for the two-sided handshake. A line is live while its batch is
not superseded.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.batches import ImportBatch
from ledger.books import JournalEntry
from ledger.orm import Amount, Base, ExactDecimal
from ledger.participants import Party, Worker
from ledger.program_tables import Commodity

_ENTRY_ID = BigInteger().with_variant(Integer, "sqlite")


class _Line:
    """Columns every stored line has: its batch and the row number the spreadsheet shows."""

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey(ImportBatch.id), index=True)
    row: Mapped[int] = mapped_column(Integer)


class PurchaseLine(_Line, Base):
    """A buyer's purchase from a supplier and the premium it accrued."""

    __tablename__ = "purchase_lines"
    __table_args__ = (Index("ix_purchase_lines_buyer_reference", "buyer_id", "reference"),)

    buyer_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    supplier_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    commodity_id: Mapped[int] = mapped_column(ForeignKey(Commodity.id))
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(32))
    quantity_base: Mapped[Decimal] = mapped_column(ExactDecimal)
    purchase_date: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    rate: Mapped[Decimal] = mapped_column(ExactDecimal)
    premium: Mapped[Decimal] = mapped_column(Amount)
    entry_id: Mapped[int | None] = mapped_column(_ENTRY_ID, ForeignKey(JournalEntry.id))


class PaymentLine(_Line, Base):
    """A buyer's premium payment to a supplier; the program-currency amount is what posts."""

    __tablename__ = "payment_lines"
    __table_args__ = (Index("ix_payment_lines_buyer_reference", "buyer_id", "reference"),)

    buyer_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    supplier_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Amount)
    fx_rate: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    program_amount: Mapped[Decimal] = mapped_column(Amount)
    entry_id: Mapped[int | None] = mapped_column(_ENTRY_ID, ForeignKey(JournalEntry.id))


class ReceiptLine(_Line, Base):
    """A supplier's confirmation of a payment it received, in the program currency."""

    __tablename__ = "receipt_lines"
    __table_args__ = (Index("ix_receipt_lines_supplier_reference", "supplier_id", "reference"),)

    supplier_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    buyer_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    received_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Amount)


class SaleLine(_Line, Base):
    """A supplier's sale to a buyer, valued as the buyer's purchase would be."""

    __tablename__ = "sale_lines"
    __table_args__ = (Index("ix_sale_lines_supplier_reference", "supplier_id", "reference"),)

    supplier_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    buyer_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    commodity_id: Mapped[int] = mapped_column(ForeignKey(Commodity.id))
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(32))
    quantity_base: Mapped[Decimal] = mapped_column(ExactDecimal)
    sale_date: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200))
    rate: Mapped[Decimal] = mapped_column(ExactDecimal)
    premium_value: Mapped[Decimal] = mapped_column(Amount)


class PayrollLine(_Line, Base):
    """Premium a supplier paid one worker for one pay period, and the retention it kept."""

    __tablename__ = "payroll_lines"
    __table_args__ = (
        Index("ix_payroll_lines_worker_period", "worker_id", "period_start", "period_end"),
        Index("ix_payroll_lines_supplier_pay_date", "supplier_id", "pay_date"),
    )

    supplier_id: Mapped[int] = mapped_column(ForeignKey(Party.id))
    worker_id: Mapped[int] = mapped_column(ForeignKey(Worker.id))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    pay_date: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    gross_wages: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    units: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    crew: Mapped[str | None] = mapped_column(String(100))
    premium: Mapped[Decimal] = mapped_column(Amount)
    retention: Mapped[Decimal] = mapped_column(Amount)
    entry_id: Mapped[int | None] = mapped_column(_ENTRY_ID, ForeignKey(JournalEntry.id))
