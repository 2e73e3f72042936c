"""Balances and postings of accounts, summed by the database from the append-only postings."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ledger.accounts import SEPARATOR
from ledger.books import Account, JournalEntry, JournalPosting

Balances = dict[str, dict[str, Decimal]]


def balances(
    session: Session, program_id: int, *, as_of: date | None = None, prefix: str | None = None
) -> Balances:
    """Balance per account and currency of every account with postings, by account name."""
    sums = select(
        JournalPosting.account_id,
        JournalPosting.currency,
        func.sum(JournalPosting.amount).label("total"),
    ).group_by(JournalPosting.account_id, JournalPosting.currency)
    if as_of is not None:
        sums = sums.where(JournalPosting.effective_date <= as_of)
    accounts = select(Account.id, Account.name).where(Account.program_id == program_id)
    if prefix:
        accounts = accounts.where(_under(prefix))
    sums = sums.where(JournalPosting.account_id.in_(accounts.with_only_columns(Account.id)))
    names = {account_id: name for account_id, name in session.execute(accounts)}
    result: Balances = defaultdict(dict)
    for account_id, currency, total in session.execute(sums):
        result[names[account_id]][currency] = total
    return dict(sorted(result.items()))


def account_balance(
    session: Session, program_id: int, name: str, *, as_of: date | None = None
) -> dict[str, Decimal]:
    """Balance per currency of one account (empty if it has no postings)."""
    query = (
        select(JournalPosting.currency, func.sum(JournalPosting.amount))
        .join(Account, Account.id == JournalPosting.account_id)
        .where(Account.program_id == program_id, Account.name == name)
        .group_by(JournalPosting.currency)
    )
    if as_of is not None:
        query = query.where(JournalPosting.effective_date <= as_of)
    return {currency: total for currency, total in session.execute(query)}


@dataclass(frozen=True, slots=True)
class PostingLine:
    """One posting of an account, with what people need to trace it."""

    posting_id: int
    entry_id: int
    effective_date: date
    kind: str
    description: str
    currency: str
    amount: Decimal
    batch_id: int | None
    source_sheet: str | None
    source_row: int | None


def account_postings(
    session: Session, program_id: int, name: str, *, limit: int = 100, offset: int = 0
) -> list[PostingLine]:
    """Postings of one account in order of effective date, then as posted."""
    query = _postings_of(program_id, name).limit(limit).offset(offset)
    return [PostingLine(*row) for row in session.execute(query)]


def _postings_of(program_id: int, name: str) -> Select[*tuple[Any, ...]]:
    return (
        select(
            JournalPosting.id,
            JournalPosting.entry_id,
            JournalPosting.effective_date,
            JournalEntry.kind,
            JournalEntry.description,
            JournalPosting.currency,
            JournalPosting.amount,
            JournalEntry.batch_id,
            JournalEntry.source_sheet,
            JournalEntry.source_row,
        )
        .join(JournalEntry, JournalEntry.id == JournalPosting.entry_id)
        .join(Account, Account.id == JournalPosting.account_id)
        .where(Account.program_id == program_id, Account.name == name)
        .order_by(JournalPosting.effective_date, JournalPosting.entry_id, JournalPosting.id)
    )


def _under(prefix: str) -> Any:
    """Accounts named `prefix` or below it; LIKE wildcards in codes are escaped."""
    prefix = prefix.rstrip(SEPARATOR)
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(Account.name == prefix, Account.name.like(f"{escaped}{SEPARATOR}%", escape="\\"))


def totals_by_currency(session: Session, program_id: int) -> dict[str, Decimal]:
    """Sum of every posting of the program per currency: zero when the books hold."""
    query = (
        select(JournalPosting.currency, func.sum(JournalPosting.amount))
        .join(Account, Account.id == JournalPosting.account_id)
        .where(Account.program_id == program_id)
        .group_by(JournalPosting.currency)
    )
    return {currency: total for currency, total in session.execute(query)}
