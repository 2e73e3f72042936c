"""Two-sided handshakes: what a buyer reports against what its supplier reports.

Neither side alone decides what is owed. Payments are matched with the
supplier's receipt confirmations (`PAYMENT_UNCONFIRMED`, `RECEIPT_UNMATCHED`),
and a supplier's sales report is compared with its buyers' purchase reports
(`VOLUME_MISMATCH`).
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from reconciliation.aging import is_older_than
from reconciliation.books import PaymentLine, PurchaseLine, ReceiptLine, SaleLine, Settings
from reconciliation.figures import format_amount, round_amount
from reconciliation.findings import Finding, FindingCode
from reconciliation.matching import match_receipts
from reconciliation.months import Month

Trade = tuple[str, str, str]
"""(buyer, supplier, commodity)"""


def find_confirmation_gaps(
    payments: Sequence[PaymentLine],
    receipts: Sequence[ReceiptLine],
    month: Month,
    settings: Settings,
) -> list[Finding]:
    """Payments unconfirmed past `confirmation_days`; the month's receipts that match no payment.

    The lines are those up to the month's last day: a payment stays unconfirmed
    month after month until a receipt for it arrives.
    """
    matching = match_receipts(payments, receipts)
    as_of = month.last_day
    unconfirmed = [
        _unconfirmed(payment, settings.currency_exponent)
        for payment in matching.unconfirmed_payments
        if is_older_than(payment.date, settings.confirmation_days, as_of)
    ]
    unmatched = [
        _unmatched(receipt, settings.currency_exponent)
        for receipt in matching.unmatched_receipts
        if month.contains(receipt.date)
    ]
    return unconfirmed + unmatched


def _unconfirmed(payment: PaymentLine, exponent: int) -> Finding:
    paid = f"payment {payment.reference} of {payment.date.isoformat()}"
    if payment.original_currency is not None and payment.original_amount is not None:
        paid += f" ({payment.original_amount} {payment.original_currency})"
    return Finding(
        code=FindingCode.PAYMENT_UNCONFIRMED,
        buyer=payment.buyer,
        supplier=payment.supplier,
        amount=round_amount(payment.amount, exponent),
        message=f"{paid} has no receipt",
    )


def _unmatched(receipt: ReceiptLine, exponent: int) -> Finding:
    return Finding(
        code=FindingCode.RECEIPT_UNMATCHED,
        buyer=receipt.buyer,
        supplier=receipt.supplier,
        amount=round_amount(receipt.amount, exponent),
        message=f"receipt {receipt.reference} of {receipt.date.isoformat()} matches no payment",
    )


def find_volume_mismatches(
    purchases: Sequence[PurchaseLine], sales: Sequence[SaleLine], settings: Settings
) -> list[Finding]:
    """`VOLUME_MISMATCH` per (buyer, supplier, commodity) whose premium values differ.

    The lines are the month's. Only suppliers that sent sales lines dated in
    the month are compared, since a missing sales report is not a mismatch; the
    amount is the supplier's side minus the buyer's (positive: the buyer
    under-reported).
    """
    reporting = {line.supplier for line in sales}
    bought = _sum_by_trade(
        (p.buyer, p.supplier, p.commodity, p.premium) for p in purchases if p.supplier in reporting
    )
    sold = _sum_by_trade((s.buyer, s.supplier, s.commodity, s.premium_value) for s in sales)
    findings: list[Finding] = []
    for trade in sorted(bought.keys() | sold.keys()):
        buyer_side, supplier_side = bought.get(trade, Decimal(0)), sold.get(trade, Decimal(0))
        if abs(supplier_side - buyer_side) > settings.amount_tolerance:
            findings.append(_mismatch(trade, supplier_side, buyer_side, settings.currency_exponent))
    return findings


def _sum_by_trade(values: Iterable[tuple[str, str, str, Decimal]]) -> dict[Trade, Decimal]:
    sums: dict[Trade, Decimal] = {}
    for buyer, supplier, commodity, premium in values:
        trade = (buyer, supplier, commodity)
        sums[trade] = sums.get(trade, Decimal(0)) + premium
    return sums


def _mismatch(trade: Trade, supplier_side: Decimal, buyer_side: Decimal, exponent: int) -> Finding:
    buyer, supplier, commodity = trade
    message = (
        f"{commodity}: {supplier} reports premium value {format_amount(supplier_side, exponent)}, "
        f"{buyer} reports {format_amount(buyer_side, exponent)}"
    )
    return Finding(
        code=FindingCode.VOLUME_MISMATCH,
        buyer=buyer,
        supplier=supplier,
        amount=round_amount(supplier_side - buyer_side, exponent),
        message=message,
    )
