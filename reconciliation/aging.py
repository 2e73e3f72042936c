"""First-in first-out aging of a balance: which dated lots are still open, and how old.

One routine serves both sides of the program: a buyer's payable to a supplier
(lots are purchase accruals, consumed by payments) and a supplier's held
premium (lots are payments received, consumed by payroll lines and their
retention). Consumption always eats the oldest open lot first, so what remains
open is the most recent money; a remainder older than the terms is overdue.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Dated:
    """An amount on an effective date: a lot, a lot's open remainder or a consumption."""

    date: dt.date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Aging:
    """A balance as of a date and the part of it that is overdue.

    `balance` is negative when more was consumed than there were lots
    (an overpayment or over-distribution); `overdue` is then zero.
    """

    balance: Decimal
    overdue: Decimal
    open_lots: tuple[Dated, ...]


def is_older_than(day: dt.date, days: int, as_of: dt.date) -> bool:
    """Whether `day` is more than `days` days before `as_of`."""
    return (as_of - day).days > days


def age_lots(
    lots: Iterable[Dated], consumptions: Iterable[Dated], as_of: dt.date, terms_days: int
) -> Aging:
    """Consume the lots oldest first and age what is left at `as_of`.

    Lots and consumptions dated after `as_of` are left out. The consumptions'
    own dates do not matter otherwise: money paid out before a lot arrived
    (an advance) still consumes it once it does.
    """
    ordered = sorted((lot for lot in lots if lot.date <= as_of), key=lambda lot: lot.date)
    to_consume = sum((c.amount for c in consumptions if c.date <= as_of), Decimal(0))
    balance = sum((lot.amount for lot in ordered), Decimal(0)) - to_consume
    open_lots = _consume_oldest_first(ordered, to_consume)
    overdue = sum(
        (lot.amount for lot in open_lots if is_older_than(lot.date, terms_days, as_of)),
        Decimal(0),
    )
    return Aging(balance=balance, overdue=overdue, open_lots=open_lots)


def _consume_oldest_first(ordered: list[Dated], to_consume: Decimal) -> tuple[Dated, ...]:
    remaining = to_consume
    open_lots: list[Dated] = []
    for lot in ordered:
        taken = min(max(remaining, Decimal(0)), lot.amount)
        remaining -= taken
        if lot.amount - taken > 0:
            open_lots.append(Dated(lot.date, lot.amount - taken))
    return tuple(open_lots)
