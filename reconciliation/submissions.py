"""Loading what a program's parties submitted, for the overdue-submissions rule.

Like the books loader, only live lines count (of batches no later batch
superseded) and only those dated up to the as-of date. The rule needs dates, not
lines: payroll is read as each supplier's distinct pay dates and purchases as
each buyer's distinct purchase dates, which the database groups.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ledger import lines as stored
from ledger.batches import ImportBatch, superseded_batch_ids
from ledger.participants import Party, Program
from reconciliation.overdue import PremiumReceived, SubmissionRecords


def load_submissions(session: Session, program: Program, as_of: dt.date) -> SubmissionRecords:
    """The program's payments into held, pay dates and purchase dates up to `as_of`."""
    parties = select(Party.id, Party.code).where(Party.program_id == program.id)
    codes = dict(session.execute(parties).all())
    live = select(ImportBatch.id).where(
        ImportBatch.program_id == program.id, ImportBatch.id.not_in(superseded_batch_ids())
    )
    return SubmissionRecords(
        program=program.code,
        currency=program.currency,
        distribution_deadline_days=program.distribution_deadline_days,
        payments=_payments(session, live, codes, as_of),
        pay_dates=_dates_by_party(session, _pay_dates(live, as_of), codes),
        purchase_dates=_dates_by_party(session, _purchase_dates(live, as_of), codes),
    )


def _payments(
    session: Session, live: Select[int], codes: dict[int, str], as_of: dt.date
) -> list[PremiumReceived]:
    line = stored.PaymentLine
    query = (
        select(line.supplier_id, line.paid_on, line.program_amount)
        .where(line.batch_id.in_(live), line.paid_on <= as_of)
        .order_by(line.paid_on, line.id)
    )
    return [
        PremiumReceived(codes[supplier], paid_on, amount)
        for supplier, paid_on, amount in session.execute(query)
    ]


def _pay_dates(live: Select[int], as_of: dt.date) -> Select[int, dt.date]:
    line = stored.PayrollLine
    return (
        select(line.supplier_id, line.pay_date)
        .where(line.batch_id.in_(live), line.pay_date <= as_of)
        .distinct()
    )


def _purchase_dates(live: Select[int], as_of: dt.date) -> Select[int, dt.date]:
    line = stored.PurchaseLine
    return (
        select(line.buyer_id, line.purchase_date)
        .where(line.batch_id.in_(live), line.purchase_date <= as_of)
        .distinct()
    )


def _dates_by_party(
    session: Session, query: Select[int, dt.date], codes: dict[int, str]
) -> dict[str, list[dt.date]]:
    found: dict[str, list[dt.date]] = defaultdict(list)
    for party_id, day in session.execute(query):
        found[codes[party_id]].append(day)
    return {party: sorted(days) for party, days in found.items()}
