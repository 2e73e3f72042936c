"""Pass-through: premium a supplier received and has not yet passed on to its workers.

Per supplier, payments into `held` are lots dated by payment date; each
payroll line consumes the worker's premium plus the retention posted for it,
oldest lot first. A remainder older than the distribution deadline is late
(`PASS_THROUGH_LATE`); paying out more than was received is
`OVER_DISTRIBUTED`. Both repeat every month while they persist.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from reconciliation.aging import Aging, Dated, age_lots
from reconciliation.books import (
    PaymentLine,
    Payout,
    PayrollLine,
    Settings,
    Standing,
    group_by,
    total,
)
from reconciliation.figures import format_amount, round_amount
from reconciliation.findings import Finding, FindingCode
from reconciliation.months import Month
from reconciliation.result import SupplierRow
from reconciliation.standing import StandingHistory


def reconcile_pass_through(
    suppliers: Iterable[str],
    payments: Sequence[PaymentLine],
    payroll: Sequence[PayrollLine],
    payouts: Sequence[Payout],
    month: Month,
    history: StandingHistory,
    settings: Settings,
) -> tuple[list[SupplierRow], list[Finding]]:
    """A row per supplier, sorted by code, and the findings on their held premium.

    The lines and payouts are those up to the month's last day.
    """
    payments_by_supplier = group_by(payments, lambda line: line.supplier)
    payroll_by_supplier = group_by(payroll, lambda line: line.supplier)
    payouts_by_supplier = group_by(payouts, lambda payout: payout.supplier)
    rows: list[SupplierRow] = []
    findings: list[Finding] = []
    for supplier in sorted(set(suppliers)):
        received = payments_by_supplier.get(supplier, [])
        paid_out = payroll_by_supplier.get(supplier, [])
        summed = payouts_by_supplier.get(supplier, [])
        aging = age_held(received, paid_out, summed, month, settings)
        standing = history.on(supplier, month.last_day)
        rows.append(build_supplier_row(supplier, standing, received, paid_out, aging, month))
        findings.extend(find_pass_through_gaps(supplier, aging, settings))
    return rows, findings


def age_held(
    payments: Sequence[PaymentLine],
    payroll: Sequence[PayrollLine],
    payouts: Sequence[Payout],
    month: Month,
    settings: Settings,
) -> Aging:
    """The supplier's held premium at the month's end, payments consumed by payroll oldest first.

    Payroll lines and payouts consume alike: premium plus the retention posted for it.
    """
    return age_lots(
        [Dated(line.date, line.amount) for line in payments],
        [*_paid_out_by_date(payroll), *(Dated(p.pay_date, p.amount) for p in payouts)],
        month.last_day,
        settings.distribution_deadline_days,
    )


def _paid_out_by_date(payroll: Sequence[PayrollLine]) -> list[Dated]:
    # Summed per pay date first: a supplier's month may hold thousands of lines.
    sums: dict[dt.date, Decimal] = {}
    for line in payroll:
        sums[line.pay_date] = sums.get(line.pay_date, Decimal(0)) + line.premium + line.retention
    return [Dated(day, amount) for day, amount in sums.items()]


def build_supplier_row(
    supplier: str,
    standing: Standing,
    payments: Sequence[PaymentLine],
    payroll: Sequence[PayrollLine],
    aging: Aging,
    month: Month,
) -> SupplierRow:
    """The supplier's row: the month's flows and payroll counts, held premium and its late part."""
    paid_out = [line for line in payroll if month.contains(line.pay_date)]
    return SupplierRow(
        supplier=supplier,
        standing=standing,
        premium_received=total(line.amount for line in payments if month.contains(line.date)),
        premium_distributed=total(line.premium for line in paid_out),
        premium_retained=total(line.retention for line in paid_out),
        held_to_date=aging.balance,
        held_overdue=aging.overdue,
        workers_paid=len({line.worker_id for line in paid_out if line.premium > 0}),
        payroll_lines=len(paid_out),
    )


def find_pass_through_gaps(supplier: str, aging: Aging, settings: Settings) -> list[Finding]:
    """`PASS_THROUGH_LATE` for late held premium, `OVER_DISTRIBUTED` for an excess."""
    exponent = settings.currency_exponent
    if aging.overdue > settings.amount_tolerance:
        late = round_amount(aging.overdue, exponent)
        message = f"{supplier} holds {format_amount(late, exponent)} past the deadline"
        return [_supplier_finding(FindingCode.PASS_THROUGH_LATE, supplier, late, message)]
    if -aging.balance > settings.amount_tolerance:
        excess = round_amount(-aging.balance, exponent)
        message = f"{supplier} paid out {format_amount(excess, exponent)} more than it received"
        return [_supplier_finding(FindingCode.OVER_DISTRIBUTED, supplier, excess, message)]
    return []


def _supplier_finding(code: FindingCode, supplier: str, amount: Decimal, message: str) -> Finding:
    return Finding(code=code, supplier=supplier, amount=amount, message=message)
