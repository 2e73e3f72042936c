"""Builders for API tests: a program with two buyers and two suppliers, and a user per role."""

import functools
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from imports.program_file import read_program_file
from ledger.database import make_sessionmaker
from ledger.participants import Party, program_by_code
from ledger.program_setup import apply_program
from ledger.users import User, hash_password, issue_token
from tests.builders import unique_code

PASSWORD = "correct horse battery"
PROGRAM = """
[program]
code = "{code}"
name = "API tomatoes"
currency = "USD"
retention_rate = "0.0765"

[[commodities]]
code = "tomato"
base_unit = "lb"
units = {{ box = 25 }}

[[rates]]
commodity = "tomato"
amount = "0.01"
effective_from = 2026-01-01

[[rates]]
commodity = "tomato"
buyer = "B-2"
amount = "0.015"
effective_from = 2026-01-01

[[buyers]]
code = "B-1"
name = "Buyer One"
location = "Irvine, CA, US"

[[buyers]]
code = "B-2"
name = "Buyer Two"

[[suppliers]]
code = "S-1"
name = "Farm One"
location = "Immokalee, FL, US"

[[suppliers]]
code = "S-2"
name = "Farm Two"
"""
#: Who is who in a world: role, and the party the user acts for.
PEOPLE = {
    "admin": ("admin", None),
    "monitor": ("monitor", None),
    "buyer": ("buyer", "B-1"),
    "other_buyer": ("buyer", "B-2"),
    "supplier": ("supplier", "S-1"),
    "other_supplier": ("supplier", "S-2"),
}
PURCHASES = "supplier,commodity,quantity,unit,purchase_date,reference"


@functools.cache
def _password_hash() -> str:
    # scrypt is slow on purpose; one digest serves every test user.
    return hash_password(PASSWORD)


@dataclass(frozen=True, slots=True)
class World:
    """A program and a token per person (see PEOPLE), plus a monitor of another program."""

    program: str
    other_program: str
    tokens: dict[str, str]
    emails: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def program_text(code: str) -> str:
    return PROGRAM.format(code=code)


def make_world(engine: Engine) -> World:
    """A fresh program (unique code) with its users, committed."""
    with make_sessionmaker(engine).begin() as session:
        code, other = unique_code("API"), unique_code("API")
        for program in (code, other):
            apply_program(session, read_program_file(program_text(program).encode()), "tests")
        people = {**PEOPLE, "outsider": ("monitor", None)}
        emails = {name: f"{name}.{code.lower()}@example.org" for name in people}
        tokens = {}
        for name, (role, party) in people.items():
            program = other if name == "outsider" else code
            _add_user(session, emails[name], role, program, party)
            tokens[name] = issue_token(session, emails[name])
        return World(code, other, tokens, emails)


def _add_user(session: Session, email: str, role: str, program: str, party: str | None) -> None:
    """The admin acts on every program; everyone else on one program."""
    found = program_by_code(session, program)
    party_id = None
    if party is not None:
        party_id = session.scalar(
            select(Party.id).where(Party.program_id == found.id, Party.code == party)
        )
    session.add(
        User(
            email=email,
            password_hash=_password_hash(),
            role=role,
            program_id=None if role == "admin" else found.id,
            party_id=party_id,
        )
    )
    session.flush()


def purchases_csv(*rows: str) -> bytes:
    return ("\n".join((PURCHASES, *rows)) + "\n").encode()


def purchase_row(supplier: str = "S-1", quantity: str = "100", reference: str = "") -> str:
    """A purchase row; by default with a reference no other row has.

    Entry keys are `{kind}:{party}:{file SHA-256}:{sheet}:{row}` (DESIGN.md §4), the
    same in every program, so tests that share a database never repeat a file.
    """
    return f"{supplier},tomato,{quantity},box,2026-08-03,{reference or unique_code('P')}"


def amount(text: str) -> Decimal:
    return Decimal(text)
