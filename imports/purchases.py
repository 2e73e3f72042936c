"""Purchase volumes (a buyer's file): each line accrues premium the buyer owes a supplier.

Posting rule (DESIGN.md §4): `buyers:B:committed` → `payable:B:S`, quantity in base
units × rate in force, rounded half-up per line. A line worth 0.00 is stored but posts
nothing, since an entry of zero amounts does not exist.
"""

from collections.abc import Sequence
from datetime import date

from moneyed import Money

from imports.parties import counterparty
from imports.pipeline import Context, StagedLine
from imports.reading import PURCHASES, Layout, ParsedRow, Problem
from imports.references import repeated_references
from imports.valuation import Valuation, value_line
from ledger import accounts
from ledger.catalog import Catalog, PartyRef
from ledger.entries import Entry, Posting, Source
from ledger.lines import PurchaseLine


class Purchases:
    """The purchases kind of upload."""

    kind = "purchases"
    role = "buyer"

    def layout(self, catalog: Catalog) -> Layout:
        return PURCHASES

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
        supplier = counterparty(row, context, "supplier", "supplier")
        value = value_line(row, context.catalog, context.party.id, "purchase_date", context.sheet)
        if isinstance(supplier, list) or isinstance(value, list):
            return (supplier if isinstance(supplier, list) else []) + (
                value if isinstance(value, list) else []
            )
        reference = row.text("reference")
        on = row.date("purchase_date")
        return StagedLine(
            row=row.row,
            values={
                "row": row.row,
                "buyer_id": context.party.id,
                "supplier_id": supplier.id,
                "commodity_id": value.unit.commodity_id,
                "quantity": value.quantity,
                "unit": value.unit.unit,
                "quantity_base": value.quantity_base,
                "purchase_date": on,
                "reference": reference,
                "rate": value.rate,
                "premium": value.premium,
            },
            entry=self._entry(context, row.row, supplier, value, reference, on),
            premium=value.premium,
            key=reference,
        )

    def _entry(
        self,
        context: Context,
        row: int,
        supplier: PartyRef,
        value: Valuation,
        reference: str,
        on: date,
    ) -> Entry | None:
        if value.premium == 0:
            return None
        premium = Money(value.premium, context.program.currency)
        buyer = context.party.code
        return Entry(
            kind="purchase",
            effective_date=on,
            postings=(
                Posting(accounts.buyer_committed(buyer), -premium),
                Posting(accounts.payable(buyer, supplier.code), premium),
            ),
            description=f"purchase {reference}: {value.quantity} {value.unit.unit}"
            f" {value.unit.commodity} from {supplier.code} at {value.rate}",
            source=Source(context.batch_id, context.sheet, row),
            idempotency_key=context.idempotency_key(self.kind, row),
        )

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
        return repeated_references(
            context,
            lines,
            PurchaseLine.buyer_id,
            PurchaseLine.reference,
            PurchaseLine.batch_id,
            PurchaseLine.row,
        )

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None:
        context.insert_lines(PurchaseLine, lines)
