"""The books as reconciliation reads them: program settings, standing history and live lines.

One plain record per stored line, amounts in the program currency exactly as
posted (already rounded per line), dates as effective dates. A loader fills
them from the database: only lines of live batches (a superseded batch counts
in no month); it may pass lines dated after the as-of date, which
reconciliation leaves out itself. Payroll lines paid before the months being
reconciled may come summed per supplier and pay date (`Payout`): only the
pass-through aging needs them, and a year of payroll is a million lines
(see `Books.complete_from`).
"""

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

Line = TypeVar("Line")
Key = TypeVar("Key", bound=Hashable)


class Standing(StrEnum):
    """A supplier's standing in the program."""

    GOOD = "good"
    PROBATION = "probation"
    SUSPENDED = "suspended"


class AllocationBasis(StrEnum):
    """What premium is shared in proportion to."""

    HOURS = "hours"
    GROSS_WAGES = "gross_wages"
    UNITS = "units"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The program settings of DESIGN §3, with their defaults, and the program currency."""

    currency: str
    currency_exponent: int = 2
    payment_terms_days: int = 30
    distribution_deadline_days: int = 30
    confirmation_days: int = 14
    # Informational: every payroll line carries the retention posted for it.
    retention_rate: Decimal = Decimal("0")
    allocation_basis: AllocationBasis = AllocationBasis.HOURS
    allocation_tolerance: Decimal = Decimal("0.05")
    amount_tolerance: Decimal = Decimal("1.00")


@dataclass(frozen=True, slots=True, kw_only=True)
class StandingChange:
    """From `since` on, the supplier has `standing` (until its next change)."""

    supplier: str
    since: dt.date
    standing: Standing
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PurchaseLine:
    """A buyer's purchase: its premium accrued to `payable:B:S` on the purchase date."""

    buyer: str
    supplier: str
    commodity: str
    date: dt.date
    quantity_base: Decimal
    premium: Decimal
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentLine:
    """A buyer's premium payment to a supplier, in program currency as posted."""

    buyer: str
    supplier: str
    date: dt.date
    amount: Decimal
    reference: str
    original_currency: str | None = None
    original_amount: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiptLine:
    """A supplier's confirmation that it received a buyer's payment."""

    supplier: str
    buyer: str
    date: dt.date
    amount: Decimal
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SaleLine:
    """A supplier's sales-report line, valued as the buyer's purchase would be."""

    supplier: str
    buyer: str
    commodity: str
    date: dt.date
    quantity_base: Decimal
    premium_value: Decimal
    reference: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PayrollLine:
    """A supplier's payroll line: premium to one worker for one pay period, and its retention.

    Basis columns the payroll file did not have are None, and count as zero.
    """

    supplier: str
    worker_id: str
    period_start: dt.date
    period_end: dt.date
    pay_date: dt.date
    premium: Decimal
    retention: Decimal
    hours: Decimal | None = None
    gross_wages: Decimal | None = None
    units: Decimal | None = None

    def basis(self, basis: AllocationBasis) -> Decimal:
        """This line's amount of the allocation basis, zero where the file had none."""
        # The basis values are the field names (a StrEnum member is a str): looked up
        # by name, since a month's allocation checks ask tens of thousands of lines.
        value: Decimal | None = getattr(self, basis)
        return Decimal(0) if value is None else value


@dataclass(frozen=True, slots=True, kw_only=True)
class Payout:
    """One supplier's payroll lines of one pay date summed: premium plus its retention."""

    supplier: str
    pay_date: dt.date
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Books:
    """Everything one program's reconciliation needs; `suppliers` lists every supplier code.

    The books may be complete only from `complete_from` on (None: complete).
    Before it, payroll lines are summed into `payouts`, except those of the
    same supplier, worker and period as a later line, which stay listed and
    are never also summed; and sales lines are left out, since only a month's
    own sales are compared. Months starting before `complete_from` cannot be
    reconciled from such books.
    """

    program: str
    settings: Settings
    suppliers: Sequence[str]
    standing_changes: Sequence[StandingChange] = ()
    purchases: Sequence[PurchaseLine] = ()
    payments: Sequence[PaymentLine] = ()
    receipts: Sequence[ReceiptLine] = ()
    sales: Sequence[SaleLine] = ()
    payroll: Sequence[PayrollLine] = ()
    payouts: Sequence[Payout] = ()
    complete_from: dt.date | None = None


def cut_off(books: Books, as_of: dt.date) -> Books:
    """The books as they stood on `as_of`: every line dated after it left out."""
    return replace(
        books,
        purchases=tuple(line for line in books.purchases if line.date <= as_of),
        payments=tuple(line for line in books.payments if line.date <= as_of),
        receipts=tuple(line for line in books.receipts if line.date <= as_of),
        sales=tuple(line for line in books.sales if line.date <= as_of),
        payroll=tuple(line for line in books.payroll if line.pay_date <= as_of),
        payouts=tuple(payout for payout in books.payouts if payout.pay_date <= as_of),
    )


def group_by(lines: Iterable[Line], key: Callable[[Line], Key]) -> dict[Key, list[Line]]:
    """The lines grouped by key, each group in the lines' own order."""
    groups: dict[Key, list[Line]] = {}
    for line in lines:
        groups.setdefault(key(line), []).append(line)
    return groups


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of the amounts, zero for none."""
    return sum(amounts, Decimal(0))
