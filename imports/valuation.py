"""A purchase or sales line valued as DESIGN.md §4 says: base units × rate in force, half-up."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from imports.reading import ParsedRow, Problem
from ledger.catalog import Catalog, UnitRef
from ledger.money import STORABLE_LIMIT, minor_places, round_half_up


@dataclass(frozen=True, slots=True)
class Valuation:
    """A line's quantity in base units, the rate used and the premium it is worth."""

    unit: UnitRef
    quantity: Decimal
    quantity_base: Decimal
    rate: Decimal
    premium: Decimal


def value_line(
    row: ParsedRow, catalog: Catalog, buyer_id: int, date_column: str, sheet: str | None
) -> Valuation | list[Problem]:
    """The line's value at the buyer's own rate in force on its date, else the program's."""
    commodity, unit_name = row.text("commodity"), row.text("unit")
    if not catalog.has_commodity(commodity):
        known = ", ".join(sorted(catalog.commodities.values()))
        reason = f"not a commodity of program {catalog.program.code} ({known})"
        return [Problem(reason, sheet, row.row, "commodity", commodity)]
    unit = catalog.unit(commodity, unit_name)
    if unit is None:
        return [
            Problem(
                f"not a unit of {catalog.commodities[commodity.strip().casefold()]}",
                sheet,
                row.row,
                "unit",
                unit_name,
            )
        ]
    on: date = row.date(date_column)
    rate = catalog.rate(unit.commodity_id, buyer_id, on)
    if rate is None:
        reason = f"no premium rate for {unit.commodity} is in force on {on.isoformat()}"
        return [Problem(reason, sheet, row.row, date_column, on.isoformat())]
    quantity = row.decimal("quantity")
    quantity_base = quantity * unit.factor
    if not abs(quantity_base * rate) < STORABLE_LIMIT:
        reason = "the premium it is worth is too large an amount to keep in the books"
        return [Problem(reason, sheet, row.row, "quantity", str(quantity))]
    premium = round_half_up(quantity_base * rate, minor_places(catalog.program.currency))
    return Valuation(unit, quantity, quantity_base, rate, premium)
