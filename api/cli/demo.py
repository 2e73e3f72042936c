"""`premium-ledger demo`: the embedded database with a realistic program in it, served.

The demo season is the worked example of `api/demo/scenario-small`: three buyers, five
suppliers, about 150 workers over August to October 2026, uploaded through the real
importers (including a corrected purchase file and a corrected payroll), reconciled
month by month, with sign-in details for each role. Running it again changes nothing
in the books: identical files are no-ops.
"""

from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import click
from sqlalchemy.orm import Session

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from api.cli.serve import serve
from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from imports.program_file import read_program_file
from ledger.database import upgrade
from ledger.errors import LedgerError
from ledger.money import format_amount
from ledger.program_setup import apply_program
from ledger.users import create_user, issue_token
from reconciliation.findings import Finding
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation

SEASON = Path(__file__).parents[1] / "demo" / "scenario-small"
PROGRAM = "FFP-FL"
PASSWORD = "demo-password"
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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Build the demo books and stop.")
@click.pass_context
@pass_app
def demo(app: AppContext, ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Build the demo program through the real importers, reconcile it, and serve it."""
    upgrade(app.engine)
    with app.sessions.begin() as session:
        apply_program(session, read_program_file((SEASON / "program.toml").read_bytes()), "demo")
        codes = _upload_season(session, app.user)
        for month in ("2026-08", "2026-09", "2026-10"):
            outcome = run_reconciliation(session, PROGRAM, Month.parse(month), "demo")
            counts = _severities(outcome.result.findings)
            click.echo(f"reconciled {month}: {counts}", err=True)
        tokens = _users(session)
    _introduce(host, port, codes, tokens)
    if not no_serve:
        ctx.invoke(serve, host=host, port=port, workers=2)


def _upload_season(session: Session, user: str) -> list[tuple[str, str, str]]:
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
        premium = format_amount(result.premium, result.currency)
        click.echo(
            f"{name:<40} batch {result.batch:>3} {result.status:<9} premium {premium}", err=True
        )
    return codes


def _severities(findings: Sequence[Finding]) -> str:
    counted: dict[str, int] = {}
    for finding in findings:
        counted[finding.severity] = counted.get(finding.severity, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in sorted(counted.items())) or "no findings"


def _users(session: Session) -> list[tuple[str, str, str]]:
    tokens = []
    for email, role, party in USERS:
        with suppress(LedgerError):  # the demo ran before: the user is there already
            create_user(session, email, role, PASSWORD, program_code=PROGRAM, party_code=party)
        tokens.append((email, role, issue_token(session, email)))
    return tokens


def _introduce(
    host: str, port: int, codes: list[tuple[str, str, str]], tokens: list[tuple[str, str, str]]
) -> None:
    base = f"http://{host}:{port}"
    click.echo(f"\nPremium Ledger demo: program {PROGRAM}, August–October 2026")
    click.echo(f"  API      {base}/api/v1  (OpenAPI: {base}/api/v1/openapi.json)")
    click.echo(f"  health   {base}/api/v1/health")
    click.echo(f"  sign in  password for every demo user: {PASSWORD}")
    for email, role, token in tokens:
        click.echo(f"  {role:<8} {email:<24} token {token}")
    if codes:
        supplier, worker, code = codes[0]
        click.echo(
            f"  worker   {worker} of {supplier} has lookup code {code}"
            f" ({len(codes)} codes issued on first import)"
        )
