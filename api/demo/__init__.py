"""The demo season: a realistic program built through the real importers and reconciled.

The season is the worked example of `scenario-small`: three buyers, five suppliers, about
150 workers over August to October 2026, uploaded through the real importers (including a
corrected purchase file and a corrected payroll), reconciled month by month, with a user
for each role. Building it again changes nothing in the books: identical files are no-ops.
`premium-ledger demo` serves it; the browser tests start from it too.
"""

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from imports.program_file import read_program_file
from ledger.errors import LedgerError
from ledger.program_setup import apply_program
from ledger.users import create_user, issue_token
from reconciliation.findings import Finding
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation

SEASON = Path(__file__).parent / "scenario-small"
PROGRAM = "FFP-FL"
PASSWORD = "demo-password"
MONTHS = ("2026-08", "2026-09", "2026-10")
# (kind, party, file, the earlier file it corrects) in the order a season brings them.
UPLOADS: tuple[tuple[str, str, str, str | None], ...] = (
    ("purchases", "B-101", "purchases/B-101.xlsx", None),
    ("purchases", "B-102", "purchases/B-102.csv", None),
    ("purchases", "B-103", "purchases/B-103.csv", None),
    *(("payments", b, f"payments/{b}.csv", None) for b in ("B-101", "B-102", "B-103")),
    *(
        ("receipts", s, f"receipts/{s}.csv", None)
        for s in ("S-201", "S-202", "S-203", "S-204", "S-205")
    ),
    ("sales", "S-201", "sales/S-201.csv", None),
    ("sales", "S-202", "sales/S-202.xlsx", None),
    ("sales", "S-204", "sales/S-204.xlsx", None),
    ("sales", "S-205", "sales/S-205.csv", None),
    ("purchases", "B-103", "purchases/B-103-corrected.csv", "purchases/B-103.csv"),
    *(
        ("payroll", s, f"payroll/{s}-2026-{m}.xlsx", None)
        for m in ("08", "09", "10")
        for s in ("S-201", "S-202", "S-203", "S-204", "S-205")
    ),
    ("payroll", "S-205", "payroll/S-205-2026-09-corrected.xlsx", "payroll/S-205-2026-09.xlsx"),
)
USERS = (
    ("admin@demo.example", "admin", None),
    ("monitor@demo.example", "monitor", None),
    ("buyer@demo.example", "buyer", "B-101"),
    ("supplier@demo.example", "supplier", "S-201"),
)


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo user and a fresh API token of theirs."""

    email: str
    role: str
    party: str | None
    token: str


@dataclass(frozen=True, slots=True)
class DemoBooks:
    """What building the demo left behind for people to try."""

    worker_codes: tuple[tuple[str, str, str], ...]  # (supplier, worker id, lookup code)
    users: tuple[DemoUser, ...]


def build_demo(
    session: Session, user: str, report: Callable[[str], None] = lambda _line: None
) -> DemoBooks:
    """Load the program, upload the season, reconcile each month and create the users."""
    apply_program(session, read_program_file((SEASON / "program.toml").read_bytes()), "demo")
    codes = _upload_season(session, user, report)
    for month in MONTHS:
        outcome = run_reconciliation(session, PROGRAM, Month.parse(month), "demo")
        report(f"reconciled {month}: {_severities(outcome.result.findings)}")
    return DemoBooks(tuple(codes), tuple(_users(session)))


def _upload_season(
    session: Session, user: str, report: Callable[[str], None]
) -> list[tuple[str, str, str]]:
    batches: dict[str, ImportResult] = {}
    codes: list[tuple[str, str, str]] = []
    for kind, party, name, corrects in UPLOADS:
        supersedes = batches[corrects].batch if corrects else None
        upload = Upload(
            PROGRAM,
            party,
            Path(name).name,
            SEASON / name,
            supersedes=supersedes,
            uploaded_by=f"{user} (demo)",
        )
        result = import_upload(session, upload, KINDS[kind])
        batches[name] = result
        codes.extend((party, worker, code) for worker, code in result.new_worker_codes)
        report(f"{name:<40} batch {result.batch:>3} {result.status:<9}")
    return codes


def _severities(findings: Sequence[Finding]) -> str:
    counted: dict[str, int] = {}
    for finding in findings:
        counted[finding.severity] = counted.get(finding.severity, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in sorted(counted.items())) or "no findings"


def _users(session: Session) -> list[DemoUser]:
    users = []
    for email, role, party in USERS:
        with suppress(LedgerError):  # the demo ran before: the user is there already
            create_user(session, email, role, PASSWORD, program_code=PROGRAM, party_code=party)
        users.append(DemoUser(email, role, party, issue_token(session, email)))
    return users
