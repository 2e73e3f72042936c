"""Stored overdue checks: read from live lines, kept with their items, the latest one shown."""

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from ledger.participants import program_by_code
from reconciliation.overdue_checks import check_overdue, latest_overdue, overdue_document
from tests.integration.reconciliation.stored import Books, stored_books

DAY = dt.date.fromisoformat


def _books(session: Session) -> Books:
    books = stored_books(session, distribution_deadline_days=21)
    books.purchase("2026-07-03", "120.00")
    books.payment("2026-08-04", "75.00")
    books.payment("2026-08-04", "25.00", buyer="B-2")
    return books


def _check(books: Books, as_of: str) -> list[tuple[str, str, str, int, Decimal | None]]:
    program = program_by_code(books.session, books.code)
    stored = check_overdue(books.session, program, DAY(as_of), "test", month_close_day=5)
    return [(i.kind, i.party, i.period, i.days_overdue, i.amount) for i in stored.items]


def test_a_check_finds_unanswered_premium_and_missing_purchase_reports(session: Session) -> None:
    books = _books(session)
    books.payroll("2026-08-03/2026-08-09", "2026-08-01", "10.00")  # paid before the payment
    assert _check(books, "2026-09-10") == [
        ("payroll", "S-1", "2026-08-04/2026-08-25", 16, Decimal("100.0000")),
        ("purchases", "B-1", "2026-08", 6, None),
    ]


def test_a_payroll_in_a_superseded_batch_answers_nothing(session: Session) -> None:
    books = _books(session)
    first = books.payroll("2026-08-03/2026-08-09", "2026-08-14", "10.00")
    books.purchase("2026-08-20", "5.00")
    assert _check(books, "2026-09-10") == []
    books.payroll(
        "2026-08-03/2026-08-09",
        "2026-08-01",
        "10.00",
        batch=books.batch("payroll", "S-1", supersedes=first),
    )
    assert [item[:2] for item in _check(books, "2026-09-10")] == [("payroll", "S-1")]


def test_the_latest_check_is_the_newest_as_of_date_then_the_last_recorded(
    session: Session,
) -> None:
    books = _books(session)
    assert latest_overdue(session, books.code) is None
    _check(books, "2026-09-10")
    _check(books, "2026-08-01")  # a look back does not hide the current check
    latest = latest_overdue(session, books.code)
    assert latest is not None and latest.check.as_of == DAY("2026-09-10")
    document = overdue_document(latest)
    assert (document["program"], document["as_of"], document["checked_by"]) == (
        books.code,
        "2026-09-10",
        "test",
    )
    assert [(i["party"], i["amount"], i["due_on"]) for i in document["items"]] == [
        ("S-1", "100.00", "2026-08-25"),
        ("B-1", None, "2026-09-04"),
    ]
