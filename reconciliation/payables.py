"""Buyer payables: what each buyer owes each supplier, aged first-in first-out.

Per (buyer, supplier) pair, purchase accruals are lots dated by purchase date
and payments consume them oldest first; a remainder older than the payment
terms is overdue (`BUYER_UNDERPAID`), and paying more than was accrued is an
overpayment (`BUYER_OVERPAID`). Both repeat every month while they persist.
"""

from collections.abc import Sequence
from decimal import Decimal

from reconciliation.aging import Aging, Dated, age_lots
from reconciliation.books import PaymentLine, PurchaseLine, Settings, group_by, total
from reconciliation.figures import format_amount, round_amount
from reconciliation.findings import Finding, FindingCode
from reconciliation.months import Month
from reconciliation.result import BuyerRow

Pair = tuple[str, str]


def reconcile_payables(
    purchases: Sequence[PurchaseLine],
    payments: Sequence[PaymentLine],
    month: Month,
    settings: Settings,
) -> tuple[list[BuyerRow], list[Finding]]:
    """A row per (buyer, supplier) pair with a purchase or payment to date, and their findings.

    The lines are those up to the month's last day.
    """
    purchases_by_pair = group_by(purchases, lambda line: (line.buyer, line.supplier))
    payments_by_pair = group_by(payments, lambda line: (line.buyer, line.supplier))
    rows: list[BuyerRow] = []
    findings: list[Finding] = []
    for pair in sorted(purchases_by_pair.keys() | payments_by_pair.keys()):
        pair_purchases = purchases_by_pair.get(pair, [])
        pair_payments = payments_by_pair.get(pair, [])
        aging = age_payable(pair_purchases, pair_payments, month, settings)
        rows.append(build_buyer_row(pair, pair_purchases, pair_payments, aging, month))
        findings.extend(find_payable_gaps(pair, aging, settings))
    return rows, findings


def age_payable(
    purchases: Sequence[PurchaseLine],
    payments: Sequence[PaymentLine],
    month: Month,
    settings: Settings,
) -> Aging:
    """The pair's payable at the month's end, purchases consumed by payments oldest first."""
    return age_lots(
        [Dated(line.date, line.premium) for line in purchases],
        [Dated(line.date, line.amount) for line in payments],
        month.last_day,
        settings.payment_terms_days,
    )


def build_buyer_row(
    pair: Pair,
    purchases: Sequence[PurchaseLine],
    payments: Sequence[PaymentLine],
    aging: Aging,
    month: Month,
) -> BuyerRow:
    """The pair's row: the month's flows and volume, the payable's balance and overdue part."""
    bought = [line for line in purchases if month.contains(line.date)]
    return BuyerRow(
        buyer=pair[0],
        supplier=pair[1],
        volume=sum_volume(bought),
        premium_owed=total(line.premium for line in bought),
        premium_paid=total(line.amount for line in payments if month.contains(line.date)),
        unpaid_to_date=aging.balance,
        overdue=aging.overdue,
    )


def sum_volume(purchases: Sequence[PurchaseLine]) -> tuple[tuple[str, Decimal], ...]:
    """Exact base-unit quantity per commodity, sorted by commodity; empty ones left out."""
    by_commodity = group_by(purchases, lambda line: line.commodity)
    sums = {
        code: total(line.quantity_base for line in lines) for code, lines in by_commodity.items()
    }
    return tuple(sorted((code, quantity) for code, quantity in sums.items() if quantity != 0))


def find_payable_gaps(pair: Pair, aging: Aging, settings: Settings) -> list[Finding]:
    """`BUYER_UNDERPAID` for an overdue remainder, `BUYER_OVERPAID` for an excess."""
    buyer, supplier = pair
    exponent = settings.currency_exponent
    if aging.overdue > settings.amount_tolerance:
        overdue = round_amount(aging.overdue, exponent)
        message = f"{buyer} owes {supplier} {format_amount(overdue, exponent)} past terms"
        return [_pair_finding(FindingCode.BUYER_UNDERPAID, pair, overdue, message)]
    if -aging.balance > settings.amount_tolerance:
        excess = round_amount(-aging.balance, exponent)
        message = f"{buyer} paid {supplier} {format_amount(excess, exponent)} more than accrued"
        return [_pair_finding(FindingCode.BUYER_OVERPAID, pair, excess, message)]
    return []


def _pair_finding(code: FindingCode, pair: Pair, amount: Decimal, message: str) -> Finding:
    return Finding(code=code, buyer=pair[0], supplier=pair[1], amount=amount, message=message)
