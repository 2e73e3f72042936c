"""Amounts come back exactly as stored, and SQL sums are exact, on both engines."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ledger.books import Account, JournalPosting
from tests.builders import program


def _postings(session: Session, amounts: list[Decimal]) -> int:
    made = program(session)
    account_id = session.scalar(
        insert(Account).values(program_id=made.id, name="x").returning(Account.id)
    )
    assert account_id is not None
    rows = [
        {
            "entry_id": 10**9,
            "account_id": account_id,
            "currency": "USD",
            "amount": amount,
            "effective_date": date(2026, 1, 1),
        }
        for amount in amounts
    ]
    session.execute(insert(JournalPosting), rows)
    return account_id


def test_a_large_amount_round_trips_exactly(session: Session) -> None:
    amount = Decimal("12345678901234.5678")
    account_id = _postings(session, [amount, -amount])
    stored = session.scalars(
        select(JournalPosting.amount)
        .where(JournalPosting.account_id == account_id)
        .order_by(JournalPosting.id)
    ).all()
    assert stored == [amount, -amount]
    assert str(stored[0]) == "12345678901234.5678"


def test_sql_sums_of_many_small_and_large_amounts_are_exact(session: Session) -> None:
    amounts = [Decimal("0.0001")] * 10_000 + [Decimal("0.01")] * 3 + [Decimal("9999999999.9999")]
    account_id = _postings(session, amounts)
    total = session.scalar(
        select(func.sum(JournalPosting.amount)).where(JournalPosting.account_id == account_id)
    )
    assert total == Decimal("10000000001.0299")
