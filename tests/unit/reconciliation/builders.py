"""Small builders of reconciliation books for tests: every field defaulted, values as text."""

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from reconciliation.books import (
    Books,
    PaymentLine,
    PayrollLine,
    PurchaseLine,
    ReceiptLine,
    SaleLine,
    Settings,
    Standing,
    StandingChange,
)
from reconciliation.findings import Finding, FindingCode
from reconciliation.month import reconcile_month
from reconciliation.months import Month
from reconciliation.result import MonthResult

Line = PurchaseLine | PaymentLine | ReceiptLine | SaleLine | PayrollLine

_numbers = itertools.count(1)


def day(text: str) -> dt.date:
    """A date from `YYYY-MM-DD`."""
    return dt.date.fromisoformat(text)


def settings(**overrides: Any) -> Settings:
    """The contract's default settings in USD, with any setting overridden."""
    return replace(Settings(currency="USD"), **overrides)


def purchase(
    buyer: str = "B-1",
    supplier: str = "S-1",
    commodity: str = "tomato",
    date: str = "2026-08-03",
    premium: str = "10.00",
    quantity: str = "1000",
    reference: str | None = None,
) -> PurchaseLine:
    """A buyer's purchase line."""
    return PurchaseLine(
        buyer=buyer,
        supplier=supplier,
        commodity=commodity,
        date=day(date),
        quantity_base=Decimal(quantity),
        premium=Decimal(premium),
        reference=reference or f"PO-{next(_numbers)}",
    )


def payment(
    buyer: str = "B-1",
    supplier: str = "S-1",
    date: str = "2026-08-10",
    amount: str = "10.00",
    reference: str | None = None,
    original: tuple[str, str] | None = None,
) -> PaymentLine:
    """A buyer's payment; `original` is (amount, currency) of a foreign-currency payment."""
    return PaymentLine(
        buyer=buyer,
        supplier=supplier,
        date=day(date),
        amount=Decimal(amount),
        reference=reference or f"PAY-{next(_numbers)}",
        original_amount=Decimal(original[0]) if original else None,
        original_currency=original[1] if original else None,
    )


def receipt(
    supplier: str = "S-1",
    buyer: str = "B-1",
    date: str = "2026-08-12",
    amount: str = "10.00",
    reference: str | None = None,
) -> ReceiptLine:
    """A supplier's receipt confirmation."""
    return ReceiptLine(
        supplier=supplier,
        buyer=buyer,
        date=day(date),
        amount=Decimal(amount),
        reference=reference or f"RCV-{next(_numbers)}",
    )


def sale(
    supplier: str = "S-1",
    buyer: str = "B-1",
    commodity: str = "tomato",
    date: str = "2026-08-03",
    premium_value: str = "10.00",
    quantity: str = "1000",
) -> SaleLine:
    """A supplier's sales-report line, already valued."""
    return SaleLine(
        supplier=supplier,
        buyer=buyer,
        commodity=commodity,
        date=day(date),
        quantity_base=Decimal(quantity),
        premium_value=Decimal(premium_value),
        reference=f"INV-{next(_numbers)}",
    )


def payroll(
    supplier: str = "S-1",
    worker: str = "W-1",
    period: str = "2026-08-03/2026-08-09",
    pay_date: str = "2026-08-14",
    premium: str = "10.00",
    retention: str = "0.00",
    hours: str | None = "40",
    gross_wages: str | None = None,
    units: str | None = None,
) -> PayrollLine:
    """A supplier's payroll line for one worker and pay period (`start/end`)."""
    start, end = period.split("/")
    return PayrollLine(
        supplier=supplier,
        worker_id=worker,
        period_start=day(start),
        period_end=day(end),
        pay_date=day(pay_date),
        premium=Decimal(premium),
        retention=Decimal(retention),
        hours=None if hours is None else Decimal(hours),
        gross_wages=None if gross_wages is None else Decimal(gross_wages),
        units=None if units is None else Decimal(units),
    )


def standing(supplier: str, since: str, value: str) -> StandingChange:
    """A standing change of a supplier."""
    return StandingChange(supplier=supplier, since=day(since), standing=Standing(value))


def books(
    *lines: Line,
    suppliers: Sequence[str] = ("S-1",),
    standings: Sequence[StandingChange] = (),
    program_settings: Settings | None = None,
) -> Books:
    """Books of program `P-1` holding the lines, each sorted into its kind."""
    return Books(
        program="P-1",
        settings=program_settings or settings(),
        suppliers=suppliers,
        standing_changes=standings,
        purchases=[line for line in lines if isinstance(line, PurchaseLine)],
        payments=[line for line in lines if isinstance(line, PaymentLine)],
        receipts=[line for line in lines if isinstance(line, ReceiptLine)],
        sales=[line for line in lines if isinstance(line, SaleLine)],
        payroll=[line for line in lines if isinstance(line, PayrollLine)],
    )


def reconcile(the_books: Books, month: str = "2026-08") -> MonthResult:
    """The month's reconciliation of the books."""
    return reconcile_month(the_books, Month.parse(month))


def findings_of(result: MonthResult, code: FindingCode) -> list[Finding]:
    """The result's findings with this code."""
    return [finding for finding in result.findings if finding.code is code]


def amounts_of(result: MonthResult, code: FindingCode) -> list[Decimal]:
    """The amounts of the result's findings with this code, in report order."""
    return [finding.amount for finding in findings_of(result, code)]
