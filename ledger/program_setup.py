"""Setting up a program from its definition: create it, or update what may change.

Loading the same definition twice changes nothing. A changed definition updates names,
locations, settings and standings, adds commodities, units and rates, and records every
change with who made it. The currency, a commodity's base unit, a unit's factor and a
rate already on record never change: the books already rest on them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.errors import LedgerError
from ledger.participants import Party, Program, StandingChange
from ledger.program_tables import Commodity, CommodityUnit, ProgramChange, Rate

SETTINGS = (
    "payment_terms_days",
    "distribution_deadline_days",
    "confirmation_days",
    "retention_rate",
    "allocation_basis",
    "allocation_tolerance",
    "amount_tolerance",
)


class ProgramSetupError(LedgerError):
    """A program definition that contradicts itself or the books already kept."""


@dataclass(frozen=True, slots=True)
class CommodityDefinition:
    code: str
    base_unit: str
    units: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RateDefinition:
    commodity: str
    amount: Decimal
    effective_from: date
    effective_to: date | None = None
    buyer: str | None = None


@dataclass(frozen=True, slots=True)
class PartyDefinition:
    role: str
    code: str
    name: str
    location: str = ""
    #: None: the definition says nothing of standing, so the history stays as it is.
    standing: str | None = None
    standing_since: date | None = None
    standing_reason: str = ""


@dataclass(frozen=True, slots=True)
class ProgramDefinition:
    """Everything a program file says, already checked for shape and types."""

    code: str
    name: str
    currency: str
    settings: dict[str, object]
    commodities: tuple[CommodityDefinition, ...] = ()
    rates: tuple[RateDefinition, ...] = ()
    parties: tuple[PartyDefinition, ...] = ()


def code_key(code: str) -> str:
    """How codes are matched: trimmed and case-insensitive (DESIGN.md §3)."""
    return code.strip().casefold()


def apply_program(session: Session, definition: ProgramDefinition, changed_by: str) -> list[str]:
    """Create or update the program; returns the changes made (empty: nothing changed)."""
    setup = _Setup(session, definition, changed_by)
    setup.program_and_settings()
    setup.parties()
    setup.commodities()
    setup.rates()
    for change in setup.changes:
        session.add(
            ProgramChange(program_id=setup.program.id, changed_by=changed_by, change=change)
        )
    session.flush()
    return setup.changes


class _Setup:
    def __init__(self, session: Session, definition: ProgramDefinition, changed_by: str) -> None:
        self.session = session
        self.definition = definition
        self.changed_by = changed_by
        self.changes: list[str] = []
        self.created = False
        self.program = self._program()

    def _program(self) -> Program:
        found = self.session.scalar(
            select(Program).where(Program.code == self.definition.code).with_for_update()
        )
        if found is None:
            found = Program(
                code=self.definition.code,
                name=self.definition.name,
                currency=self.definition.currency,
            )
            self.session.add(found)
            self.session.flush()
            self.created = True
            self.changes.append(f"program {self.definition.code} created")
        elif found.currency != self.definition.currency:
            raise ProgramSetupError(
                f"program {found.code} keeps its books in {found.currency};"
                f" its currency cannot become {self.definition.currency}"
            )
        return found

    def _set(self, record: object, attribute: str, value: object, label: str) -> None:
        old = getattr(record, attribute)
        if old != value:
            setattr(record, attribute, value)
            if not self.created:
                self.changes.append(f"{label} {attribute}: {old!s} -> {value!s}")

    def program_and_settings(self) -> None:
        self._set(self.program, "name", self.definition.name, f"program {self.program.code}")
        for setting in SETTINGS:
            if setting in self.definition.settings:
                value = self.definition.settings[setting]
                self._set(self.program, setting, value, f"program {self.program.code}")
        self.session.flush()

    def parties(self) -> None:
        existing = {
            (party.role, party.code_key): party
            for party in self.session.scalars(
                select(Party).where(Party.program_id == self.program.id)
            )
        }
        for wanted in self.definition.parties:
            party = existing.get((wanted.role, code_key(wanted.code)))
            if party is None:
                party = Party(
                    program_id=self.program.id,
                    role=wanted.role,
                    code=wanted.code.strip(),
                    code_key=code_key(wanted.code),
                    name=wanted.name,
                    location=wanted.location,
                )
                self.session.add(party)
                self.session.flush()
                existing[(wanted.role, party.code_key)] = party
                self.changes.append(f"{wanted.role} {party.code} added")
            label = f"{wanted.role} {party.code}"
            self._set(party, "name", wanted.name, label)
            self._set(party, "location", wanted.location, label)
            if wanted.role == "supplier":
                self._standing(party, wanted)

    def _standing(self, party: Party, wanted: PartyDefinition) -> None:
        if wanted.standing is None:
            return
        latest = self.session.scalars(
            select(StandingChange)
            .where(StandingChange.party_id == party.id)
            .order_by(StandingChange.since.desc(), StandingChange.id.desc())
        ).first()
        current = latest.standing if latest is not None else "good"
        since = wanted.standing_since
        if wanted.standing == current and (
            since is None or latest is None or latest.since == since
        ):
            return
        if since is None:
            raise ProgramSetupError(f"supplier {party.code}: standing_since is required")
        self.session.add(
            StandingChange(
                party_id=party.id,
                standing=wanted.standing,
                since=since,
                reason=wanted.standing_reason,
                recorded_by=self.changed_by,
            )
        )
        self.changes.append(
            f"supplier {party.code} standing: {current} -> {wanted.standing} from {since}"
        )

    def commodities(self) -> None:
        for wanted in self.definition.commodities:
            commodity = self.session.scalar(
                select(Commodity).where(
                    Commodity.program_id == self.program.id,
                    Commodity.code_key == code_key(wanted.code),
                )
            )
            if commodity is None:
                commodity = Commodity(
                    program_id=self.program.id,
                    code=wanted.code.strip(),
                    code_key=code_key(wanted.code),
                    base_unit=wanted.base_unit,
                )
                self.session.add(commodity)
                self.session.flush()
                self.changes.append(f"commodity {commodity.code} added ({wanted.base_unit})")
            elif code_key(commodity.base_unit) != code_key(wanted.base_unit):
                raise ProgramSetupError(
                    f"commodity {commodity.code} is measured in {commodity.base_unit};"
                    f" its base unit cannot become {wanted.base_unit}"
                )
            self._units(commodity, wanted.units)

    def _units(self, commodity: Commodity, units: dict[str, Decimal]) -> None:
        stored = {
            unit.unit_key: unit
            for unit in self.session.scalars(
                select(CommodityUnit).where(CommodityUnit.commodity_id == commodity.id)
            )
        }
        for name, factor in units.items():
            unit = stored.get(code_key(name))
            if unit is None:
                self.session.add(
                    CommodityUnit(
                        commodity_id=commodity.id,
                        unit=name.strip(),
                        unit_key=code_key(name),
                        factor=factor,
                    )
                )
                self.changes.append(f"commodity {commodity.code} unit {name} = {factor} added")
            elif unit.factor != factor:
                raise ProgramSetupError(
                    f"commodity {commodity.code}: unit {name} is {unit.factor}"
                    f" {commodity.base_unit}; it cannot become {factor}"
                )
        self.session.flush()

    def rates(self) -> None:
        for wanted in self.definition.rates:
            commodity = self._commodity(wanted.commodity)
            buyer_id = self._buyer_id(wanted.buyer) if wanted.buyer else None
            same_scope = list(
                self.session.scalars(
                    select(Rate).where(
                        Rate.commodity_id == commodity.id,
                        Rate.buyer_id.is_(None) if buyer_id is None else Rate.buyer_id == buyer_id,
                    )
                )
            )
            if any(_same_rate(rate, wanted) for rate in same_scope):
                continue
            clash = next((rate for rate in same_scope if _overlaps(rate, wanted)), None)
            scope = f"{commodity.code}" + (f" (buyer {wanted.buyer})" if wanted.buyer else "")
            if clash is not None:
                raise ProgramSetupError(
                    f"rate for {scope} from {wanted.effective_from} overlaps the rate"
                    f" from {clash.effective_from} to {clash.effective_to or 'open end'}"
                )
            self.session.add(
                Rate(
                    program_id=self.program.id,
                    commodity_id=commodity.id,
                    buyer_id=buyer_id,
                    amount=wanted.amount,
                    effective_from=wanted.effective_from,
                    effective_to=wanted.effective_to,
                )
            )
            self.session.flush()
            self.changes.append(
                f"rate {wanted.amount} for {scope}"
                f" from {wanted.effective_from} to {wanted.effective_to or 'open end'} added"
            )

    def _commodity(self, code: str) -> Commodity:
        found = self.session.scalar(
            select(Commodity).where(
                Commodity.program_id == self.program.id, Commodity.code_key == code_key(code)
            )
        )
        if found is None:
            raise ProgramSetupError(f"rate names commodity {code!r}, which the program lacks")
        return found

    def _buyer_id(self, code: str) -> int:
        found = self.session.scalar(
            select(Party.id).where(
                Party.program_id == self.program.id,
                Party.role == "buyer",
                Party.code_key == code_key(code),
            )
        )
        if found is None:
            raise ProgramSetupError(f"rate names buyer {code!r}, which the program lacks")
        return found


def _same_rate(rate: Rate, wanted: RateDefinition) -> bool:
    return (rate.amount, rate.effective_from, rate.effective_to) == (
        wanted.amount,
        wanted.effective_from,
        wanted.effective_to,
    )


def _overlaps(rate: Rate, wanted: RateDefinition) -> bool:
    far = date.max
    return rate.effective_from <= (wanted.effective_to or far) and wanted.effective_from <= (
        rate.effective_to or far
    )
