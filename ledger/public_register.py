"""The public register: every program's participating buyers and suppliers, with locations.

Transparency is part of the WSR model: the names and locations of participating buyers
and suppliers are public, and so is each supplier's standing in force today. Volumes and
amounts never are, so nothing here reads a line or a posting.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.participants import Party, Program, StandingChange


@dataclass(frozen=True, slots=True)
class Participant:
    """A buyer or supplier as the public sees it; standing is for suppliers only."""

    code: str
    name: str
    location: str
    standing: str | None = None


@dataclass(frozen=True, slots=True)
class ProgramParticipants:
    """One program and its participants, each list by code."""

    code: str
    name: str
    buyers: tuple[Participant, ...]
    suppliers: tuple[Participant, ...]


def public_register(session: Session, today: date) -> list[ProgramParticipants]:
    """Every program by code, with its buyers and its suppliers' standing in force today."""
    standings = _standings_on(session, today)
    parties: dict[int, list[Party]] = {}
    for party in session.scalars(select(Party).order_by(Party.code, Party.id)):
        parties.setdefault(party.program_id, []).append(party)
    register = []
    for program in session.scalars(select(Program).order_by(Program.code)):
        listed = parties.get(program.id, [])
        buyers = [Participant(p.code, p.name, p.location) for p in listed if p.role == "buyer"]
        suppliers = [
            Participant(p.code, p.name, p.location, standings.get(p.id, "good"))
            for p in listed
            if p.role == "supplier"
        ]
        register.append(
            ProgramParticipants(program.code, program.name, tuple(buyers), tuple(suppliers))
        )
    return register


def _standings_on(session: Session, day: date) -> dict[int, str]:
    query = (
        select(StandingChange.party_id, StandingChange.standing)
        .where(StandingChange.since <= day)
        .order_by(StandingChange.since, StandingChange.id)
    )
    # In date order, so the latest change in force wins.
    return {party_id: standing for party_id, standing in session.execute(query)}
