"""Checking a program's overdue submissions: load what was submitted, apply the rule, store it.

Every check is stored (ledger.overdue), by a person or by the scheduler's job run,
so the dashboard, the CLI and the API show the latest one and when it ran.
"""

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from ledger.money import format_amount
from ledger.overdue import CheckRecord, ItemRecord, check_items, latest_check, store_check
from ledger.participants import Program, program_by_code
from reconciliation.overdue import OverdueSubmission, find_overdue
from reconciliation.submissions import load_submissions


@dataclass(frozen=True, slots=True)
class StoredCheck:
    """A stored check of a program, with its currency and items."""

    program: str
    currency: str
    check: CheckRecord
    items: tuple[ItemRecord, ...]


def check_overdue(
    session: Session,
    program: Program,
    as_of: dt.date,
    checked_by: str,
    *,
    month_close_day: int,
    job_run_id: int | None = None,
) -> StoredCheck:
    """Find the program's overdue submissions as of `as_of` and store the check."""
    found = find_overdue(load_submissions(session, program, as_of), as_of, month_close_day)
    items = tuple(item_record(item) for item in found)
    check = store_check(session, program.id, as_of, checked_by, items, job_run_id=job_run_id)
    return StoredCheck(program.code, program.currency, check, items)


def latest_overdue(session: Session, program_code: str) -> StoredCheck | None:
    """The program's latest stored check, or None if it was never checked."""
    program = program_by_code(session, program_code)
    check = latest_check(session, program.id)
    if check is None:
        return None
    return StoredCheck(program.code, program.currency, check, tuple(check_items(session, check.id)))


def item_record(item: OverdueSubmission) -> ItemRecord:
    """An overdue submission as stored."""
    return ItemRecord(
        kind=item.kind.value,
        role=item.role,
        party=item.party,
        period=item.period,
        due_on=item.due_on,
        days_overdue=item.days_overdue,
        amount=item.amount,
        message=item.message,
    )


def overdue_document(stored: StoredCheck) -> dict[str, Any]:
    """The check as JSON-ready values: dates as ISO text, amounts with the currency's decimals."""
    check = stored.check
    return {
        "program": stored.program,
        "as_of": check.as_of.isoformat(),
        "checked_at": check.checked_at.isoformat(),
        "checked_by": check.checked_by,
        "job_run": check.job_run_id,
        "currency": stored.currency,
        "items": [
            {
                **asdict(item),
                "due_on": item.due_on.isoformat(),
                "amount": None
                if item.amount is None
                else format_amount(item.amount, stored.currency),
            }
            for item in stored.items
        ],
    }
