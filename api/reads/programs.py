"""A program's setup as the API shows it: settings, commodities, parties, rates."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ledger.money import format_amount
from ledger.participants import Party, Program, StandingChange, program_by_code
from ledger.program_setup import SETTINGS
from ledger.program_tables import Commodity, CommodityUnit, Rate


@dataclass(frozen=True, slots=True)
class CommodityView:
    code: str
    base_unit: str
    units: dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class ProgramView:
    code: str
    name: str
    currency: str
    settings: dict[str, object]
    commodities: list[CommodityView]


@dataclass(frozen=True, slots=True)
class PartyView:
    role: str
    code: str
    name: str
    location: str
    standing: str | None  # suppliers only: the standing in force today


@dataclass(frozen=True, slots=True)
class RateView:
    commodity: str
    buyer: str | None
    amount: Decimal
    effective_from: dt.date
    effective_to: dt.date | None


def program_view(session: Session, code: str) -> ProgramView:
    """The program with its settings and commodities; NotFound if there is none."""
    program = program_by_code(session, code)
    rows = session.execute(
        select(Commodity, CommodityUnit)
        .join(CommodityUnit, CommodityUnit.commodity_id == Commodity.id)
        .where(Commodity.program_id == program.id)
        .order_by(Commodity.code, CommodityUnit.unit)
    )
    commodities: dict[str, CommodityView] = {}
    for commodity, unit in rows:
        found = commodities.setdefault(
            commodity.code, CommodityView(commodity.code, commodity.base_unit, {})
        )
        found.units[unit.unit] = unit.factor
    settings = {name: getattr(program, name) for name in SETTINGS}
    # An amount, shown with the currency's decimals as every amount is.
    settings["amount_tolerance"] = format_amount(program.amount_tolerance, program.currency)
    return ProgramView(
        program.code, program.name, program.currency, settings, list(commodities.values())
    )


def list_parties(
    session: Session, program: Program, role: str | None, today: dt.date
) -> list[PartyView]:
    """The program's buyers and suppliers by role and code, suppliers with today's standing."""
    query = select(Party).where(Party.program_id == program.id).order_by(Party.role, Party.code)
    if role is not None:
        query = query.where(Party.role == role)
    standings = _standings_on(session, program, today)
    return [
        PartyView(
            party.role,
            party.code,
            party.name,
            party.location,
            standings.get(party.id, "good") if party.role == "supplier" else None,
        )
        for party in session.scalars(query)
    ]


def _standings_on(session: Session, program: Program, day: dt.date) -> dict[int, str]:
    query = (
        select(StandingChange.party_id, StandingChange.standing)
        .join(Party, Party.id == StandingChange.party_id)
        .where(Party.program_id == program.id, StandingChange.since <= day)
        .order_by(StandingChange.since, StandingChange.id)
    )
    # In date order, so the latest change in force wins.
    return {party_id: standing for party_id, standing in session.execute(query)}


def list_rates(session: Session, program: Program) -> list[RateView]:
    """Every rate of the program by commodity, buyer (program rates first) and date."""
    buyer = aliased(Party)
    query = (
        select(Commodity.code, buyer.code, Rate.amount, Rate.effective_from, Rate.effective_to)
        .join(Commodity, Commodity.id == Rate.commodity_id)
        .outerjoin(buyer, buyer.id == Rate.buyer_id)
        .where(Rate.program_id == program.id)
        .order_by(Commodity.code, buyer.code.is_not(None), buyer.code, Rate.effective_from)
    )
    return [RateView(*row) for row in session.execute(query)]


def program_exists(session: Session, code: str) -> bool:
    """Whether a program with this code is set up."""
    return session.scalar(select(Program.id).where(Program.code == code.strip())) is not None


def program_names(session: Session) -> list[tuple[str, str]]:
    """Every program's (code, name), by code."""
    rows = session.execute(select(Program.code, Program.name).order_by(Program.code))
    return [(code, name) for code, name in rows]
