"""Loading a program's books for reconciliation from the database.

Only live lines count (lines of batches no later batch superseded), and only
those dated up to the as-of date, cut off in SQL; books for a month hold only
what the month's reconciliation needs (`Books.complete_from`). Ids become codes as the
program file spells them, and worker ids the supplier's own employee ids.
Payroll, the one big table, is read by reconciliation.payroll_reading: the
month's lines one by one, older ones summed by the database.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ledger import lines as stored
from ledger.batches import ImportBatch, superseded_batch_ids
from ledger.errors import NotFound
from ledger.money import minor_places
from ledger.participants import Party, Program
from ledger.participants import StandingChange as StoredStandingChange
from ledger.program_tables import Commodity
from reconciliation.books import (
    AllocationBasis,
    Books,
    PaymentLine,
    PurchaseLine,
    ReceiptLine,
    SaleLine,
    Settings,
    Standing,
    StandingChange,
)
from reconciliation.months import Month
from reconciliation.payroll_reading import PayrollScope, read_payroll

Codes = Mapping[int, str]


def load_books(
    session: Session,
    program_id: int,
    as_of: dt.date,
    *,
    complete_from: dt.date | None = None,
) -> Books:
    """The program's live books up to `as_of`, ready for `reconcile_month`.

    The books are complete from `complete_from` on (by default the first day
    of the as-of month, the earliest a month's reconciliation needs); before
    it, payroll lines are summed and sales left out (`Books.complete_from`).
    Pass `dt.date.min` for complete books.
    """
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound(f"no program with id {program_id}")
    complete_from = complete_from or Month.of(as_of).first_day
    codes = ProgramCodes.read(session, program_id)
    settings = read_settings(program)
    scope = PayrollScope(codes.suppliers, settings.allocation_basis)
    payroll, payouts = read_payroll(session, scope, complete_from, as_of)
    live = _live_batch_ids(program_id)
    return Books(
        program=program.code,
        settings=settings,
        suppliers=sorted(codes.suppliers.values()),
        standing_changes=_standing_changes(session, program_id, codes.parties),
        purchases=_purchases(session, live, codes, as_of),
        payments=_payments(session, live, codes.parties, program.currency, as_of),
        receipts=_receipts(session, live, codes.parties, as_of),
        sales=_sales(session, live, codes, complete_from, as_of),
        payroll=payroll,
        payouts=payouts,
        complete_from=complete_from,
    )


@dataclass(frozen=True, slots=True)
class ProgramCodes:
    """A program's codes by id, as its program file spells them."""

    parties: Codes
    suppliers: Codes
    commodities: Codes

    @classmethod
    def read(cls, session: Session, program_id: int) -> "ProgramCodes":
        """The codes of the program's parties, suppliers and commodities."""
        found = session.execute(
            select(Party.id, Party.code, Party.role).where(Party.program_id == program_id)
        ).all()
        commodities = select(Commodity.id, Commodity.code).where(Commodity.program_id == program_id)
        return cls(
            parties={party_id: code for party_id, code, _ in found},
            suppliers={party_id: code for party_id, code, role in found if role == "supplier"},
            commodities={commodity_id: code for commodity_id, code in session.execute(commodities)},
        )


def read_settings(program: Program) -> Settings:
    """The program's settings as reconciliation reads them."""
    return Settings(
        currency=program.currency,
        currency_exponent=minor_places(program.currency),
        payment_terms_days=program.payment_terms_days,
        distribution_deadline_days=program.distribution_deadline_days,
        confirmation_days=program.confirmation_days,
        retention_rate=program.retention_rate,
        allocation_basis=AllocationBasis(program.allocation_basis),
        allocation_tolerance=program.allocation_tolerance,
        amount_tolerance=program.amount_tolerance,
    )


def _live_batch_ids(program_id: int) -> Select[int]:
    return select(ImportBatch.id).where(
        ImportBatch.program_id == program_id, ImportBatch.id.not_in(superseded_batch_ids())
    )


def _standing_changes(session: Session, program_id: int, parties: Codes) -> list[StandingChange]:
    # Recorded order (id): of two changes from the same day, the later recorded wins.
    query = (
        select(StoredStandingChange)
        .join(Party, Party.id == StoredStandingChange.party_id)
        .where(Party.program_id == program_id)
        .order_by(StoredStandingChange.id)
    )
    return [
        StandingChange(
            supplier=parties[change.party_id],
            since=change.since,
            standing=Standing(change.standing),
            reason=change.reason,
        )
        for change in session.scalars(query)
    ]


def _rows(session: Session, query: Select[*tuple[Any, ...]]) -> Sequence[Any]:
    # Core rows fetched in one go: far cheaper per row than the ORM's or a server-side
    # cursor's chunks, and the books hold these lines anyway.
    return session.connection().execute(query).fetchall()


def _purchases(
    session: Session, live: Select[int], codes: ProgramCodes, as_of: dt.date
) -> list[PurchaseLine]:
    parties, commodities = codes.parties, codes.commodities
    line = stored.PurchaseLine
    query = select(
        line.buyer_id,
        line.supplier_id,
        line.commodity_id,
        line.purchase_date,
        line.quantity_base,
        line.premium,
        line.reference,
    ).where(line.batch_id.in_(live), line.purchase_date <= as_of)
    return [
        PurchaseLine(
            buyer=parties[buyer],
            supplier=parties[supplier],
            commodity=commodities[commodity],
            date=on,
            quantity_base=quantity,
            premium=premium,
            reference=reference,
        )
        for buyer, supplier, commodity, on, quantity, premium, reference in _rows(
            session, query.order_by(line.id)
        )
    ]


def _payments(
    session: Session, live: Select[int], parties: Codes, currency: str, as_of: dt.date
) -> list[PaymentLine]:
    line = stored.PaymentLine
    query = select(
        line.buyer_id,
        line.supplier_id,
        line.paid_on,
        line.program_amount,
        line.reference,
        line.currency,
        line.amount,
    ).where(line.batch_id.in_(live), line.paid_on <= as_of)
    return [
        PaymentLine(
            buyer=parties[buyer],
            supplier=parties[supplier],
            date=on,
            amount=posted,
            reference=reference,
            original_currency=paid_in if paid_in != currency else None,
            original_amount=paid if paid_in != currency else None,
        )
        for buyer, supplier, on, posted, reference, paid_in, paid in _rows(
            session, query.order_by(line.id)
        )
    ]


def _receipts(
    session: Session, live: Select[int], parties: Codes, as_of: dt.date
) -> list[ReceiptLine]:
    line = stored.ReceiptLine
    query = select(
        line.supplier_id, line.buyer_id, line.received_on, line.amount, line.reference
    ).where(line.batch_id.in_(live), line.received_on <= as_of)
    return [
        ReceiptLine(
            supplier=parties[supplier],
            buyer=parties[buyer],
            date=on,
            amount=amount,
            reference=reference,
        )
        for supplier, buyer, on, amount, reference in _rows(session, query.order_by(line.id))
    ]


def _sales(
    session: Session, live: Select[int], codes: ProgramCodes, since: dt.date, as_of: dt.date
) -> list[SaleLine]:
    parties, commodities = codes.parties, codes.commodities
    line = stored.SaleLine
    query = select(
        line.supplier_id,
        line.buyer_id,
        line.commodity_id,
        line.sale_date,
        line.quantity_base,
        line.premium_value,
        line.reference,
    ).where(line.batch_id.in_(live), line.sale_date >= since, line.sale_date <= as_of)
    return [
        SaleLine(
            supplier=parties[supplier],
            buyer=parties[buyer],
            commodity=commodities[commodity],
            date=on,
            quantity_base=quantity,
            premium_value=premium,
            reference=reference,
        )
        for supplier, buyer, commodity, on, quantity, premium, reference in _rows(
            session, query.order_by(line.id)
        )
    ]
