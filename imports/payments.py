"""Premium remittances (a buyer's file): each payment moves premium to the supplier.

Posting rule (DESIGN.md §4): `payable:B:S` → `suppliers:S:held`, the paid amount. A
payment in another currency posts `amount × fx_rate` rounded half-up to the program
currency's minor unit; the original currency, amount and rate stay on the line.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from moneyed import Money

from imports.parties import counterparty
from imports.pipeline import Context, StagedLine
from imports.reading import Layout, ParsedRow, Problem, payments_layout
from imports.references import repeated_references
from ledger import accounts
from ledger.catalog import Catalog
from ledger.entries import Entry, Posting, Source
from ledger.errors import InvalidAmount
from ledger.lines import PaymentLine
from ledger.money import currency as known_currency
from ledger.money import minor_places, round_half_up


class Payments:
    """The payments kind of upload."""

    kind = "payments"
    role = "buyer"

    def layout(self, catalog: Catalog) -> Layout:
        return payments_layout(catalog.program.currency)

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
        supplier = counterparty(row, context, "supplier", "supplier")
        if isinstance(supplier, list):
            return supplier
        program_currency = context.program.currency
        currency = row.optional_text("currency") or program_currency
        if not is_currency(currency):
            reason = "not an ISO 4217 currency code"
            return [Problem(reason, context.sheet, row.row, "currency", currency)]
        amount = row.decimal("amount")
        fx_rate = row.optional_decimal("fx_rate") if currency != program_currency else None
        posted = amount if fx_rate is None else amount * fx_rate
        posted = round_half_up(posted, minor_places(program_currency))
        paid_on, reference = row.date("paid_on"), row.text("reference")
        values: dict[str, object] = {
            "row": row.row,
            "buyer_id": context.party.id,
            "supplier_id": supplier.id,
            "paid_on": paid_on,
            "reference": reference,
            "currency": currency,
            "amount": amount,
            "fx_rate": fx_rate,
            "program_amount": posted,
        }
        entry = self._entry(context, row.row, supplier.code, posted, reference, paid_on)
        return StagedLine(row.row, values, entry, posted, reference)

    def _entry(
        self, context: Context, row: int, supplier: str, amount: Decimal, reference: str, on: date
    ) -> Entry:
        paid = Money(amount, context.program.currency)
        return Entry(
            kind="payment",
            effective_date=on,
            postings=(
                Posting(accounts.payable(context.party.code, supplier), -paid),
                Posting(accounts.supplier_held(supplier), paid),
            ),
            description=f"payment {reference} to {supplier}",
            source=Source(context.batch_id, context.sheet, row),
            idempotency_key=context.idempotency_key(self.kind, row),
        )

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
        return repeated_references(
            context,
            lines,
            PaymentLine.buyer_id,
            PaymentLine.reference,
            PaymentLine.batch_id,
            PaymentLine.row,
        )

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None:
        context.insert_lines(PaymentLine, lines)


def is_currency(code: str) -> bool:
    """Whether the code names an ISO 4217 currency."""
    try:
        known_currency(code)
    except InvalidAmount:
        return False
    return True
