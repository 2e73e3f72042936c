"""Small builders for test data: `program(session)`, `entry(...)`."""

import itertools
import os
from datetime import date
from decimal import Decimal

from moneyed import Money
from sqlalchemy.orm import Session

from ledger.entries import Entry, Posting, Source
from ledger.participants import Program

_numbers = itertools.count(1)


def unique_code(prefix: str = "P") -> str:
    """A program code no other test uses (PostgreSQL tests that commit share a database)."""
    return f"{prefix}-{os.getpid()}-{next(_numbers)}"


def program(
    session: Session, code: str | None = None, currency: str = "USD", **settings: object
) -> Program:
    """A stored program with the contract defaults unless told otherwise."""
    made = Program(code=code or unique_code(), name="Test program", currency=currency, **settings)
    session.add(made)
    session.flush()
    return made


def legs(*pairs: tuple[str, str], currency: str = "USD") -> tuple[Posting, ...]:
    """Postings from (account, amount text) pairs."""
    return tuple(Posting(account, Money(Decimal(amount), currency)) for account, amount in pairs)


def transfer(
    source: str,
    target: str,
    amount: str,
    *,
    on: date = date(2026, 8, 3),
    kind: str = "payment",
    key: str | None = None,
    currency: str = "USD",
    batch: int | None = None,
) -> Entry:
    """An entry moving `amount` from `source` to `target`."""
    return Entry(
        kind=kind,
        effective_date=on,
        postings=legs((source, f"-{amount}"), (target, amount), currency=currency),
        description=f"{source} -> {target}",
        source=Source(batch_id=batch),
        idempotency_key=key,
    )
