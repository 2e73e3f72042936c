"""Balances and postings of accounts, summed by the database from the append-only postings."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select, true
from sqlalchemy.orm import Session

from ledger.accounts import SEPARATOR
from ledger.books import Account, JournalEntry, JournalPosting

Balances = dict[str, dict[str, Decimal]]


def balances(
    session: Session, program_id: int, *, as_of: date | None = None, prefix: str | None = None
) -> Balances:
    """Balance per account and currency of every account with postings, by account name."""
    accounts = select(Account.id, Account.name).where(Account.program_id == program_id)
    if prefix:
        accounts = accounts.where(_under(prefix))
    postings = select(JournalPosting.currency, func.sum(JournalPosting.amount).label("total"))
    if as_of is not None:
        postings = postings.where(JournalPosting.effective_date <= as_of)
    # Both engines sum account by account, each from its own slice of the covering index
    # ix_postings_account_balance. PostgreSQL does so through LATERAL, where a join would
    # hash and aggregate every posting; SQLite has no LATERAL but seeks per id of an IN list.
    sums = _sums_lateral if session.get_bind().dialect.name == "postgresql" else _sums_in_list
    result: Balances = defaultdict(dict)
    for name, currency, total in sums(session, accounts, postings):
        result[name][currency] = total
    return dict(sorted(result.items()))


def _sums_lateral(
    session: Session, accounts: Select[int, str], postings: Select[str, Decimal]
) -> Iterable[tuple[str, str, Decimal]]:
    per_account = (
        postings.where(JournalPosting.account_id == Account.id)
        .group_by(JournalPosting.currency)
        .lateral("sums")
    )
    query = accounts.with_only_columns(Account.name, per_account.c.currency, per_account.c.total)
    return [
        (name, currency, total)
        for name, currency, total in session.execute(query.join(per_account, true()))
    ]


def _sums_in_list(
    session: Session, accounts: Select[int, str], postings: Select[str, Decimal]
) -> Iterable[tuple[str, str, Decimal]]:
    names = {account_id: name for account_id, name in session.execute(accounts)}
    sums = (
        postings.add_columns(JournalPosting.account_id)
        .where(JournalPosting.account_id.in_(accounts.with_only_columns(Account.id)))
        .group_by(JournalPosting.account_id, JournalPosting.currency)
    )
    return [(names[account_id], c, total) for c, total, account_id in session.execute(sums)]


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
