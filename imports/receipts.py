"""Receipt confirmations (a supplier's file): the supplier's side of each payment.

Receipts post nothing; reconciliation matches them against the buyers' payments so that
neither side's report alone decides what was paid. Amounts are in the program currency.
"""

from collections.abc import Sequence

from imports.parties import counterparty
from imports.pipeline import Context, StagedLine
from imports.reading import RECEIPTS, Layout, ParsedRow, Problem
from imports.references import repeated_references
from ledger.catalog import Catalog
from ledger.lines import ReceiptLine


class Receipts:
    """The receipts kind of upload."""

    kind = "receipts"
    role = "supplier"

    def layout(self, catalog: Catalog) -> Layout:
        return RECEIPTS

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
        buyer = counterparty(row, context, "buyer", "buyer")
        if isinstance(buyer, list):
            return buyer
        amount, reference = row.decimal("amount"), row.text("reference")
        values: dict[str, object] = {
            "row": row.row,
            "supplier_id": context.party.id,
            "buyer_id": buyer.id,
            "received_on": row.date("received_on"),
            "reference": reference,
            "amount": amount,
        }
        return StagedLine(row.row, values, None, amount, reference)

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
        return repeated_references(
            context,
            lines,
            ReceiptLine.supplier_id,
            ReceiptLine.reference,
            ReceiptLine.batch_id,
            ReceiptLine.row,
        )

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None:
        context.insert_lines(ReceiptLine, lines)
