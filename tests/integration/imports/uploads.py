"""Builders for upload tests: a program from a small TOML text and CSV files from rows."""

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from imports.program_file import read_program_file
from ledger.balances import balances
from ledger.participants import Program, program_by_code
from ledger.program_setup import apply_program
from tests.builders import unique_code

PROGRAM = """
[program]
code = "{code}"
name = "Test tomatoes"
currency = "USD"
retention_rate = "0.0765"

[[commodities]]
code = "tomato"
base_unit = "lb"
units = {{ box = 25, kg = "2.20462262" }}

[[rates]]
commodity = "tomato"
amount = "0.015"
effective_from = 2026-01-01
effective_to = 2026-09-15

[[rates]]
commodity = "tomato"
amount = "0.02"
effective_from = 2026-09-16

[[rates]]
commodity = "tomato"
buyer = "B-1"
amount = "0.0175"
effective_from = 2026-08-21
effective_to = 2026-08-31

[[buyers]]
code = "B-1"
name = "Buyer One"

[[buyers]]
code = "B-2"
name = "Buyer Two"

[[suppliers]]
code = "S-1"
name = "Farm One"
"""


def setup_program(session: Session) -> Program:
    code = unique_code("T")
    apply_program(session, read_program_file(PROGRAM.format(code=code).encode()), "tests")
    return program_by_code(session, code)


def csv(header: str, *rows: str) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def upload(
    session: Session,
    program: Program,
    kind: str,
    party: str,
    data: bytes,
    *,
    name: str = "file.csv",
    dry_run: bool = False,
    supersedes: int | None = None,
) -> ImportResult:
    """One upload as its own unit of work: a refused upload leaves nothing behind."""
    request = Upload(program.code, party, name, data, dry_run, supersedes, uploaded_by="tests")
    with session.begin_nested():
        return import_upload(session, request, KINDS[kind])


def balance(session: Session, program: Program, account: str, on: date | None = None) -> Decimal:
    found = balances(session, program.id, as_of=on).get(account, {})
    return found.get("USD", Decimal("0"))
