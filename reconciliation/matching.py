"""Matching buyers' payments with suppliers' receipt confirmations, one to one.

First by reference (same buyer and supplier); then, for what is left, by
amount with dates at most seven days apart: payments in date order, each
taking the earliest unmatched receipt of the same buyer, supplier and amount.
A foreign-currency payment matches on its program-currency amount.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reconciliation.books import PaymentLine, ReceiptLine

MATCH_WINDOW_DAYS = 7


@dataclass(frozen=True, slots=True)
class ReceiptMatching:
    """Which payments and receipts found each other, and which did not."""

    matched: tuple[tuple[PaymentLine, ReceiptLine], ...]
    unconfirmed_payments: tuple[PaymentLine, ...]
    unmatched_receipts: tuple[ReceiptLine, ...]


def match_receipts(
    payments: Sequence[PaymentLine], receipts: Sequence[ReceiptLine]
) -> ReceiptMatching:
    """Pair payments with receipts by reference, then by amount and date."""
    payment_order = sorted(range(len(payments)), key=lambda i: _payment_key(payments[i]))
    receipt_order = sorted(range(len(receipts)), key=lambda j: _receipt_key(receipts[j]))
    pairs = _match_by_reference(payments, receipts, payment_order)
    pairs.update(_match_by_amount(payments, receipts, payment_order, receipt_order, pairs))
    taken = set(pairs.values())
    return ReceiptMatching(
        matched=tuple((payments[i], receipts[pairs[i]]) for i in payment_order if i in pairs),
        unconfirmed_payments=tuple(payments[i] for i in payment_order if i not in pairs),
        unmatched_receipts=tuple(receipts[j] for j in receipt_order if j not in taken),
    )


def _match_by_reference(
    payments: Sequence[PaymentLine], receipts: Sequence[ReceiptLine], payment_order: list[int]
) -> dict[int, int]:
    by_reference: dict[tuple[str, str, str], list[int]] = {}
    for j, receipt in enumerate(receipts):
        key = (receipt.buyer, receipt.supplier, receipt.reference)
        by_reference.setdefault(key, []).append(j)
    pairs: dict[int, int] = {}
    for i in payment_order:
        payment = payments[i]
        candidates = by_reference.get((payment.buyer, payment.supplier, payment.reference), [])
        if candidates:
            # references are unique among live lines; pop keeps it one to one regardless
            pairs[i] = candidates.pop(0)
    return pairs


def _match_by_amount(
    payments: Sequence[PaymentLine],
    receipts: Sequence[ReceiptLine],
    payment_order: list[int],
    receipt_order: list[int],
    already: dict[int, int],
) -> dict[int, int]:
    by_money: dict[tuple[str, str, Decimal], list[int]] = {}
    for j in receipt_order:
        receipt = receipts[j]
        by_money.setdefault((receipt.buyer, receipt.supplier, receipt.amount), []).append(j)
    taken = set(already.values())
    pairs: dict[int, int] = {}
    for i in (i for i in payment_order if i not in already):
        payment = payments[i]
        candidates = by_money.get((payment.buyer, payment.supplier, payment.amount), [])
        earliest = next(
            (j for j in candidates if j not in taken and _near(payment, receipts[j])), None
        )
        if earliest is not None:
            pairs[i] = earliest
            taken.add(earliest)
    return pairs


def _near(payment: PaymentLine, receipt: ReceiptLine) -> bool:
    return abs((receipt.date - payment.date).days) <= MATCH_WINDOW_DAYS


def _payment_key(payment: PaymentLine) -> tuple[dt.date, str, str, str]:
    return (payment.date, payment.buyer, payment.supplier, payment.reference)


def _receipt_key(receipt: ReceiptLine) -> tuple[dt.date, str, str, str]:
    return (receipt.date, receipt.supplier, receipt.buyer, receipt.reference)
