"""Overdue submissions: the payroll files and purchase reports a program is still waiting for.

Two rules, evaluated on a program's live records as of a date:

- **Payroll** (a supplier's): premium paid into `suppliers:S:held` obliges S to pass
  it on within `distribution_deadline_days` of the payment date, and so to submit the
  payroll that shows it. A payment is answered by any payroll line of S paid (pay
  date) on or after the payment date. A payment that is unanswered and older than
  the deadline (`(as_of - paid_on).days > distribution_deadline_days`) makes S owe
  a payroll submission. A payroll line paid after the deadline still answers the
  payment: the submission arrived, and lateness of the money itself is what the
  `PASS_THROUGH_LATE` finding measures. Since every payment before S's latest pay
  date is answered, the unanswered ones are those after it: one item per supplier,
  dated by the oldest of them, with their total.
- **Purchases** (a buyer's): a buyer is active from the month of its first purchase
  on. Month M's purchase report is due on the day before M closes (the month close
  reconciles M on `month_close_day` of the following month), so that the close
  sees it. Every month after the first, up to the as-of date, whose report is past
  due and for which the buyer has no purchase line (by purchase date) is a missing
  report: one item per buyer and month. An empty report cannot be uploaded (a
  file needs data rows), so a buyer that bought nothing in a month shows up too,
  and the message says so.
"""

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ledger.money import format_amount
from reconciliation.months import Month


class SubmissionKind(StrEnum):
    """What is overdue: a supplier's payroll, or a buyer's purchase report."""

    PAYROLL = "payroll"
    PURCHASES = "purchases"


@dataclass(frozen=True, slots=True)
class PremiumReceived:
    """A payment of premium into a supplier's held account, in the program currency."""

    supplier: str
    paid_on: dt.date
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmissionRecords:
    """What a program's parties submitted up to an as-of date (live lines only)."""

    program: str
    currency: str
    distribution_deadline_days: int
    payments: Sequence[PremiumReceived]
    pay_dates: Mapping[str, Sequence[dt.date]]  # supplier → its payroll lines' pay dates
    purchase_dates: Mapping[str, Sequence[dt.date]]  # buyer → its purchase lines' dates


@dataclass(frozen=True, slots=True, kw_only=True)
class OverdueSubmission:
    """A submission a party owes: due by `due_on`, `days_overdue` days ago at the as-of date.

    `period` is the month of a purchase report (`YYYY-MM`), or for payroll the
    window of the oldest unanswered payment (`paid_on/due_on`); `amount` is the
    premium received that payroll has to show (None for purchase reports).
    """

    kind: SubmissionKind
    role: str
    party: str
    period: str
    due_on: dt.date
    days_overdue: int
    amount: Decimal | None
    message: str


def find_overdue(
    records: SubmissionRecords, as_of: dt.date, month_close_day: int
) -> tuple[OverdueSubmission, ...]:
    """Every submission overdue at `as_of`: payroll by supplier, then purchases by buyer, month."""
    found = [
        *_payroll_overdue(records, as_of),
        *_purchases_overdue(records, as_of, month_close_day),
    ]
    return tuple(sorted(found, key=lambda item: (item.kind, item.party, item.due_on)))


def purchase_report_due(month: Month, month_close_day: int) -> dt.date:
    """The last day to report month M's purchases: the day before M closes."""
    following = Month.of(month.last_day + dt.timedelta(days=1))
    closes_on = dt.date(following.year, following.month, month_close_day)
    return closes_on - dt.timedelta(days=1)


def _payroll_overdue(records: SubmissionRecords, as_of: dt.date) -> Iterator[OverdueSubmission]:
    deadline = dt.timedelta(days=records.distribution_deadline_days)
    received: dict[str, list[PremiumReceived]] = defaultdict(list)
    for payment in records.payments:
        if payment.paid_on <= as_of - deadline - dt.timedelta(days=1):
            received[payment.supplier].append(payment)
    for supplier, payments in sorted(received.items()):
        last_paid = _last_on_or_before(records.pay_dates.get(supplier, ()), as_of)
        unanswered = [p for p in payments if last_paid is None or p.paid_on > last_paid]
        if unanswered:
            yield _payroll_item(records, supplier, unanswered, deadline, as_of)


def _payroll_item(
    records: SubmissionRecords,
    supplier: str,
    unanswered: list[PremiumReceived],
    deadline: dt.timedelta,
    as_of: dt.date,
) -> OverdueSubmission:
    first = min(payment.paid_on for payment in unanswered)
    due_on = first + deadline
    total = sum((payment.amount for payment in unanswered), Decimal(0))
    premium = f"{format_amount(total, records.currency)} {records.currency}"
    count = f"{len(unanswered)} payment{'s' if len(unanswered) > 1 else ''}"
    return OverdueSubmission(
        kind=SubmissionKind.PAYROLL,
        role="supplier",
        party=supplier,
        period=f"{first.isoformat()}/{due_on.isoformat()}",
        due_on=due_on,
        days_overdue=(as_of - due_on).days,
        amount=total,
        message=(
            f"supplier {supplier} received {premium} of premium ({count} from {first}) and"
            f" has submitted no payroll paid since; payroll passing it on was due by {due_on}"
        ),
    )


def _purchases_overdue(
    records: SubmissionRecords, as_of: dt.date, month_close_day: int
) -> Iterator[OverdueSubmission]:
    for buyer, dates in sorted(records.purchase_dates.items()):
        reported = {Month.of(day) for day in dates if day <= as_of}
        if not reported:
            continue
        for month in _months_after(min(reported), as_of):
            due_on = purchase_report_due(month, month_close_day)
            if due_on >= as_of:
                break
            if month not in reported:
                yield _purchases_item(buyer, month, due_on, as_of)


def _purchases_item(buyer: str, month: Month, due_on: dt.date, as_of: dt.date) -> OverdueSubmission:
    return OverdueSubmission(
        kind=SubmissionKind.PURCHASES,
        role="buyer",
        party=buyer,
        period=str(month),
        due_on=due_on,
        days_overdue=(as_of - due_on).days,
        amount=None,
        message=(
            f"buyer {buyer} has reported no purchases for {month}; the report was due by"
            f" {due_on} (if it bought nothing that month, the program administrator should"
            " know)"
        ),
    )


def _months_after(first: Month, as_of: dt.date) -> Iterator[Month]:
    month = Month.of(first.last_day + dt.timedelta(days=1))
    while month.first_day <= as_of:
        yield month
        month = Month.of(month.last_day + dt.timedelta(days=1))


def _last_on_or_before(days: Sequence[dt.date], as_of: dt.date) -> dt.date | None:
    ordered = sorted(days)
    at = bisect.bisect_right(ordered, as_of)
    return ordered[at - 1] if at else None
