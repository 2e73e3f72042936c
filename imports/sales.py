"""Sales reports (a supplier's file): the supplier's side of the buyers' purchase volumes.

Sales post nothing; each line is valued as the buyer's purchase would be (the buyer's
own rate in force on the sale date, else the program's, half-up per line) so that
reconciliation can compare both sides' premium value.
"""

from collections.abc import Sequence

from imports.parties import counterparty
from imports.pipeline import Context, StagedLine
from imports.reading import SALES, Layout, ParsedRow, Problem
from imports.references import repeated_references
from imports.valuation import value_line
from ledger.catalog import Catalog
from ledger.lines import SaleLine


class Sales:
    """The sales kind of upload."""

    kind = "sales"
    role = "supplier"

    def layout(self, catalog: Catalog) -> Layout:
        return SALES

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
        buyer = counterparty(row, context, "buyer", "buyer")
        if isinstance(buyer, list):
            return buyer
        value = value_line(row, context.catalog, buyer.id, "sale_date", context.sheet)
        if isinstance(value, list):
            return value
        reference = row.text("reference")
        values: dict[str, object] = {
            "row": row.row,
            "supplier_id": context.party.id,
            "buyer_id": buyer.id,
            "commodity_id": value.unit.commodity_id,
            "quantity": value.quantity,
            "unit": value.unit.unit,
            "quantity_base": value.quantity_base,
            "sale_date": row.date("sale_date"),
            "reference": reference,
            "rate": value.rate,
            "premium_value": value.premium,
        }
        return StagedLine(row.row, values, None, value.premium, reference)

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
        return repeated_references(
            context,
            lines,
            SaleLine.supplier_id,
            SaleLine.reference,
            SaleLine.batch_id,
            SaleLine.row,
        )

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None:
        context.insert_lines(SaleLine, lines)
