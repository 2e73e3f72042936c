"""Posting, idempotency, reversals and balances through the journal API, on both engines."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger import journal
from ledger.balances import account_balance, account_postings, balances
from ledger.books import Account, JournalEntry
from ledger.errors import IdempotencyConflict, ReversalRefused
from ledger.verification import verify
from tests.builders import program, transfer


def test_posting_creates_accounts_on_first_use_and_moves_the_balance(session: Session) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("buyers:B:committed", "payable:B:S", "120.00"))
    journal.post(session, books.id, transfer("payable:B:S", "suppliers:S:held", "100.00"))
    assert balances(session, books.id) == {
        "buyers:B:committed": {"USD": Decimal("-120.00")},
        "payable:B:S": {"USD": Decimal("20.00")},
        "suppliers:S:held": {"USD": Decimal("100.00")},
    }
    names = session.scalars(select(Account.name).where(Account.program_id == books.id)).all()
    assert sorted(names) == ["buyers:B:committed", "payable:B:S", "suppliers:S:held"]


def test_the_same_key_and_content_is_a_no_op(session: Session) -> None:
    books = program(session)
    entry = transfer("a", "b", "5.00", key="purchases:B:abc:Sheet1:7")
    first = journal.post(session, books.id, entry)
    assert journal.post(session, books.id, entry) == first
    assert balances(session, books.id)["b"] == {"USD": Decimal("5.00")}


def test_the_same_key_with_other_content_is_a_conflict_and_writes_nothing(
    session: Session,
) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("a", "b", "5.00", key="k"))
    with pytest.raises(IdempotencyConflict, match="'k'"):
        journal.post_many(
            session,
            books.id,
            [transfer("a", "c", "1.00"), transfer("a", "b", "6.00", key="k")],
        )
    assert balances(session, books.id)["b"] == {"USD": Decimal("5.00")}
    assert "c" not in balances(session, books.id)


def test_a_key_repeated_within_one_post_is_posted_once(session: Session) -> None:
    books = program(session)
    entry = transfer("a", "b", "5.00", key="twice")
    summary = journal.post_many(session, books.id, [entry, entry])
    assert summary.created == 1
    assert summary.already_posted == summary.entry_ids


def test_a_reversal_restores_every_balance_and_keeps_the_date(session: Session) -> None:
    books = program(session)
    original = journal.post(session, books.id, transfer("a", "b", "7.25", on=date(2026, 9, 3)))
    reversal = journal.reverse(session, books.id, original)
    assert balances(session, books.id) == {
        "a": {"USD": Decimal("0.00")},
        "b": {"USD": Decimal("0.00")},
    }
    stored = session.get(JournalEntry, reversal)
    assert stored is not None
    assert (stored.reverses_id, stored.effective_date) == (original, date(2026, 9, 3))


def test_an_entry_is_reversed_once_and_a_reversal_never(session: Session) -> None:
    books = program(session)
    original = journal.post(session, books.id, transfer("a", "b", "1.00"))
    reversal = journal.reverse(session, books.id, original)
    with pytest.raises(ReversalRefused, match="already been reversed"):
        journal.reverse(session, books.id, original)
    with pytest.raises(ReversalRefused, match="is a reversal"):
        journal.reverse(session, books.id, reversal)


def test_balances_as_of_a_date_leave_later_entries_out(session: Session) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("a", "b", "1.00", on=date(2026, 8, 31)))
    journal.post(session, books.id, transfer("a", "b", "2.00", on=date(2026, 9, 1)))
    assert balances(session, books.id, as_of=date(2026, 8, 31))["b"] == {"USD": Decimal("1.00")}
    assert account_balance(session, books.id, "b", as_of=date(2026, 9, 1)) == {
        "USD": Decimal("3.00")
    }


def test_a_prefix_selects_an_account_and_its_children_only(session: Session) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("payable:B_1:S", "suppliers:S:held", "1.00"))
    journal.post(session, books.id, transfer("payable:BX1:S", "suppliers:S:held", "2.00"))
    assert list(balances(session, books.id, prefix="payable:B_1")) == ["payable:B_1:S"]
    assert list(balances(session, books.id, prefix="suppliers:S:")) == ["suppliers:S:held"]


def test_balances_keep_currencies_apart(session: Session) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("a", "b", "1.00", currency="EUR"))
    journal.post(session, books.id, transfer("a", "b", "2.00"))
    assert balances(session, books.id)["b"] == {"EUR": Decimal("1.00"), "USD": Decimal("2.00")}


def test_postings_of_an_account_come_in_date_order(session: Session) -> None:
    books = program(session)
    journal.post(session, books.id, transfer("a", "b", "2.00", on=date(2026, 9, 2)))
    journal.post(session, books.id, transfer("a", "b", "1.00", on=date(2026, 9, 1)))
    lines = account_postings(session, books.id, "b")
    assert [(line.effective_date, line.amount) for line in lines] == [
        (date(2026, 9, 1), Decimal("1.00")),
        (date(2026, 9, 2), Decimal("2.00")),
    ]
    assert account_postings(session, books.id, "b", limit=1, offset=1)[0].amount == Decimal("2.00")


def test_programs_have_separate_books_and_chains(session: Session) -> None:
    first, second = program(session), program(session)
    journal.post(session, first.id, transfer("a", "b", "1.00"))
    journal.post(session, second.id, transfer("a", "b", "2.00"))
    journal.post(session, first.id, transfer("a", "b", "3.00"))
    assert balances(session, second.id)["b"] == {"USD": Decimal("2.00")}
    assert verify(session, first.id).ok and verify(session, second.id).ok
    assert verify(session, first.id).entries == 2


def test_a_long_post_is_written_in_chunks(session: Session) -> None:
    books = program(session)
    entries = [transfer("a", f"w{i % 7}", "0.01") for i in range(1234)]
    summary = journal.post_many(session, books.id, entries, chunk_size=100)
    assert summary.created == 1234
    assert balances(session, books.id)["a"] == {"USD": Decimal("-12.34")}
    count = session.scalar(select(func.count()).where(JournalEntry.program_id == books.id))
    assert count == 1234
    assert verify(session, books.id).ok
