"""The last twelve months of a program's premium: received by suppliers, passed on to workers.

Computed from the stored lines by effective date (payment date, pay date), so a
month that was never reconciled has its figures too, and summed over the
program's suppliers: received is what buyers paid in (the program-currency
amount that posts to `held`), passed on is the premium on workers' paystubs
(retention not included), as `premium_received` and `premium_distributed` are
in the contract JSON. Only lines the run counted are read (reports.run_scope).
The report's own month is the run's totals (reports.loading): the same sums of
the same lines, which the run already made, so only the eleven months before it
are read here.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.lines import PaymentLine, PayrollLine
from reconciliation.months import Month
from reports.model import MonthFlow
from reports.run_scope import RunScope

MONTHS = 12  # the report's month and the eleven before it


def premium_history(
    session: Session, scope: RunScope, last: Month, count: int
) -> tuple[MonthFlow, ...]:
    """The `count` months ending with `last`, oldest first."""
    months = [last]
    while len(months) < count:
        months.insert(0, months[0].previous())
    first, as_of = months[0].first_day, last.last_day
    received = select(PaymentLine.paid_on, func.sum(PaymentLine.program_amount)).where(
        *scope.where(PaymentLine), PaymentLine.paid_on >= first, PaymentLine.paid_on <= as_of
    )
    passed_on = select(PayrollLine.pay_date, func.sum(PayrollLine.premium)).where(
        *scope.where(PayrollLine), PayrollLine.pay_date >= first, PayrollLine.pay_date <= as_of
    )
    # Summed per day by the database (an index walk), per month here: portable, and a
    # year has at most 366 days.
    by_received = _by_month(session.execute(received.group_by(PaymentLine.paid_on)))
    by_passed = _by_month(session.execute(passed_on.group_by(PayrollLine.pay_date)))
    return tuple(
        MonthFlow(
            month=str(m),
            received=by_received.get(str(m), Decimal(0)),
            passed_on=by_passed.get(str(m), Decimal(0)),
        )
        for m in months
    )


def _by_month(daily: Iterable[Any]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for day, amount in daily:
        key = str(Month.of(day))
        sums[key] = sums.get(key, Decimal(0)) + amount
    return sums
