"""Builders for the trust tests: a committed program, upload files, and the ledger's invariants.

Every test here works on committed data (several connections, processes or a crash
must see it), so each builds its own program under a unique code.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from imports.program_file import read_program_file
from ledger.balances import balances, totals_by_currency
from ledger.batches import ImportBatch
from ledger.books import JournalEntry
from ledger.database import make_sessionmaker
from ledger.lines import PaymentLine, PayrollLine, PurchaseLine, ReceiptLine, SaleLine
from ledger.participants import Program, program_by_code
from ledger.program_setup import apply_program
from ledger.verification import verify
from tests.builders import unique_code

SUPPLIERS = tuple(f"S-{n}" for n in range(1, 9))
RETENTION = Decimal("0.0765")
PROGRAM = """
[program]
code = "{code}"
name = "Trust tomatoes"
currency = "USD"
retention_rate = "0.0765"
allocation_basis = "hours"

[[commodities]]
code = "tomato"
base_unit = "lb"
units = {{ box = 25 }}

[[rates]]
commodity = "tomato"
amount = "0.01"
effective_from = 2026-01-01

[[buyers]]
code = "B-1"
name = "Buyer One"

[[buyers]]
code = "B-2"
name = "Buyer Two"
{suppliers}
"""
SUPPLIER = '\n[[suppliers]]\ncode = "{code}"\nname = "Farm {code}"\n'
PURCHASES = "supplier,commodity,quantity,unit,purchase_date,reference"
PAYMENTS = "supplier,amount,paid_on,reference"
PAYROLL = "worker_id,worker_name,period_start,period_end,pay_date,hours,premium"
FIRST_WEEK = date(2026, 8, 3)


def committed_program(engine: Engine) -> str:
    """A program with buyers B-1, B-2 and suppliers S-1 … S-8, committed; returns its code."""
    code = unique_code("TRUST")
    suppliers = "".join(SUPPLIER.format(code=s) for s in SUPPLIERS)
    text = PROGRAM.format(code=code, suppliers=suppliers)
    with make_sessionmaker(engine).begin() as session:
        apply_program(session, read_program_file(text.encode()), "tests")
    return code


def csv(header: str, rows: Sequence[Sequence[object]]) -> bytes:
    lines = [header, *(",".join(str(cell) for cell in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


def purchases(supplier: str, boxes: Sequence[int], tag: str) -> bytes:
    """Purchases of tomatoes from one supplier, one row per quantity (a box is 0.25 premium)."""
    day = FIRST_WEEK.isoformat()
    rows = [(supplier, "tomato", n, "box", day, f"{tag}-{i}") for i, n in enumerate(boxes)]
    return csv(PURCHASES, rows)


def payroll(week: int, premiums: Sequence[str], hours: int = 40) -> bytes:
    """One week's payroll: worker W-i gets premiums[i]."""
    start = FIRST_WEEK + timedelta(weeks=week)
    end, paid = start + timedelta(days=6), start + timedelta(days=11)
    rows = [
        (f"W-{i}", f"Worker {i}", start, end, paid, hours, premium)
        for i, premium in enumerate(premiums)
    ]
    return csv(PAYROLL, rows)


def retention(premium: Decimal) -> Decimal:
    return (premium * RETENTION).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def upload(
    engine: Engine,
    program: str,
    kind: str,
    party: str,
    data: bytes,
    *,
    supersedes: int | None = None,
    name: str = "upload.csv",
) -> ImportResult:
    """One upload in its own transaction, as the CLI and the API run it."""
    request = Upload(program, party, name, data, supersedes=supersedes, uploaded_by="tests")
    with make_sessionmaker(engine).begin() as session:
        return import_upload(session, request, KINDS[kind])


def row_counts(session: Session, program_id: int) -> dict[str, int]:
    """Batches, entries and stored lines of the program: what a refused upload must not change."""
    batches = select(ImportBatch.id).where(ImportBatch.program_id == program_id)
    counts = {
        "batches": session.scalar(select(func.count()).select_from(batches.subquery())),
        "entries": session.scalar(
            select(func.count(JournalEntry.id)).where(JournalEntry.program_id == program_id)
        ),
    }
    for model in (PurchaseLine, PaymentLine, ReceiptLine, SaleLine, PayrollLine):
        counted = select(func.count(model.id)).where(model.batch_id.in_(batches))
        counts[model.__tablename__] = session.scalar(counted)
    return {name: int(value or 0) for name, value in counts.items()}


def assert_books_hold(session: Session, program_id: int) -> None:
    """`verify` passes, and every currency's postings sum to zero."""
    found = verify(session, program_id)
    assert found.ok, (found.broken_entry, found.reason)
    assert all(total == 0 for total in totals_by_currency(session, program_id).values())


def program_id(engine: Engine, code: str) -> int:
    with make_sessionmaker(engine)() as session:
        return program_by_code(session, code).id


def usd_balances(session: Session, program: Program | int) -> dict[str, Decimal]:
    """Every account's USD balance, zero balances left out."""
    found = balances(session, program if isinstance(program, int) else program.id)
    return {name: sums["USD"] for name, sums in found.items() if sums.get("USD")}
