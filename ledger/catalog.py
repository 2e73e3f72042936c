"""A program's setup as one read model for imports: parties, units and rates by code.

Uploaded files name parties, commodities and units by code, matched trimmed and
case-insensitively; the catalog answers those lookups and the rate in force on a date
without a query per row.
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.participants import Party, Program
from ledger.program_setup import code_key
from ledger.program_tables import Commodity, CommodityUnit, Rate


@dataclass(frozen=True, slots=True)
class PartyRef:
    """A party as rows refer to it: id and the code as the program file spells it."""

    id: int
    code: str


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A commodity and one of its units: base units per unit."""

    commodity_id: int
    commodity: str
    unit: str
    factor: Decimal


@dataclass(frozen=True, slots=True)
class _Period:
    start: date
    end: date | None
    amount: Decimal


@dataclass
class Catalog:
    """Lookups by code for one program."""

    program: Program
    parties: dict[tuple[str, str], PartyRef] = field(default_factory=dict)
    units: dict[tuple[str, str], UnitRef] = field(default_factory=dict)
    commodities: dict[str, str] = field(default_factory=dict)
    rates: dict[tuple[int, int | None], list[_Period]] = field(default_factory=dict)

    def party(self, role: str, code: str) -> PartyRef | None:
        """The buyer or supplier with this code, or None."""
        return self.parties.get((role, code_key(code)))

    def unit(self, commodity: str, unit: str) -> UnitRef | None:
        """The unit of a commodity, or None (the base unit is a unit of factor 1)."""
        return self.units.get((code_key(commodity), code_key(unit)))

    def has_commodity(self, commodity: str) -> bool:
        return code_key(commodity) in self.commodities

    def rate(self, commodity_id: int, buyer_id: int, on: date) -> Decimal | None:
        """The buyer's own rate in force on the date, else the program's, else None."""
        for scope in ((commodity_id, buyer_id), (commodity_id, None)):
            periods = self.rates.get(scope, [])
            index = bisect_right(periods, on, key=_start) - 1
            if index < 0:
                continue
            end = periods[index].end
            if end is None or on <= end:
                return periods[index].amount
        return None


def _start(period: _Period) -> date:
    return period.start


def load_catalog(session: Session, program: Program) -> Catalog:
    """Everything imports look up by code, for one program."""
    catalog = Catalog(program)
    for party in session.scalars(select(Party).where(Party.program_id == program.id)):
        catalog.parties[(party.role, party.code_key)] = PartyRef(party.id, party.code)
    units = session.execute(
        select(Commodity, CommodityUnit)
        .join(CommodityUnit, CommodityUnit.commodity_id == Commodity.id)
        .where(Commodity.program_id == program.id)
    )
    for commodity, unit in units:
        catalog.commodities[commodity.code_key] = commodity.code
        reference = UnitRef(commodity.id, commodity.code, unit.unit, unit.factor)
        catalog.units[(commodity.code_key, unit.unit_key)] = reference
    periods: dict[tuple[int, int | None], list[_Period]] = defaultdict(list)
    for rate in session.scalars(select(Rate).where(Rate.program_id == program.id)):
        periods[(rate.commodity_id, rate.buyer_id)].append(
            _Period(rate.effective_from, rate.effective_to, rate.amount)
        )
    catalog.rates = {
        scope: sorted(found, key=lambda p: p.start) for scope, found in periods.items()
    }
    return catalog
