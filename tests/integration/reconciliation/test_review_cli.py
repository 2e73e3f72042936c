"""`findings`, `review`, `sign-off` and `audit`: a monitor's month review from the command line."""

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine

from api.cli import main
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.reconciliation_runs import latest_run
from ledger.sign_off import run_snapshot
from tests.integration.reconciliation.stored import stored_books


def _run(database_url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def _unpaid_program(engine: Engine) -> str:
    with make_sessionmaker(engine).begin() as session:
        books = stored_books(session)
        books.purchase("2026-07-01", "120.00")  # BUYER_UNDERPAID 120.00 in August
        return books.code


def test_a_monitor_lists_reviews_and_signs_off_a_month(
    database_url: str, committed_engine: Engine, tmp_path: Path
) -> None:
    code = _unpaid_program(committed_engine)
    month = ("--program", code, "--month", "2026-08")
    assert _run(database_url, "reconcile", *month)[0] == 0
    status, out, err = _run(database_url, "findings", *month)
    assert status == 0 and "2026-08 version 1: 1 findings" in err
    assert "BUYER_UNDERPAID" in out and "120.00" in out and "open" in out
    refused = _run(database_url, "review", *month, "--finding", "1", "--status", "resolved")
    assert refused[0] == 1 and "with a comment" in refused[2]
    status, out, _ = _run(
        database_url, "review", *month, "--finding", "1", "--status", "disputed",
        "--comment", "paid by check", "--by", "Ana (monitor)",
    )  # fmt: skip
    assert (status, out) == (0, "2026-08 version 1 finding 1 BUYER_UNDERPAID: disputed\n")
    listed = json.loads(_run(database_url, "findings", *month, "--json")[1])
    assert [(f["number"], f["status"], f["status_comment"]) for f in listed] == [
        (1, "disputed", "paid by check")
    ]
    status, out, _ = _run(database_url, "sign-off", *month, "--by", "Ana (monitor)")
    assert status == 0 and out.startswith("2026-08 version 1 signed off by Ana (monitor);")
    with make_sessionmaker(committed_engine).begin() as session:
        run = latest_run(session, program_by_code(session, code).id, "2026-08")
        assert run is not None and run.snapshot_sha256 is not None
        snapshot = run_snapshot(session, run.id)
    assert hashlib.sha256(snapshot.encode()).hexdigest() == run.snapshot_sha256
    assert out.strip().endswith(run.snapshot_sha256)
    assert json.loads(snapshot)["findings"][0]["status_comment"] == "paid by check"
    # The snapshot is the JSON report of the signed version, as it reads ever after.
    report = tmp_path / "report.json"
    args = ("report", *month, "--format", "json", "--version", "1", "-o", str(report))
    assert _run(database_url, *args)[0] == 0
    assert report.read_text(encoding="utf-8") == snapshot
    again = _run(database_url, "sign-off", *month)
    assert again[0] == 1 and "signed off already" in again[2]
    late = _run(database_url, "review", *month, "--finding", "1", "--status", "acknowledged")
    assert late[0] == 1 and "signed off" in late[2]


def test_the_audit_command_prints_who_did_what_newest_first(
    database_url: str, committed_engine: Engine
) -> None:
    code = _unpaid_program(committed_engine)
    _run(database_url, "reconcile", "--program", code, "--month", "2026-08")
    _run(database_url, "sign-off", "--program", code, "--month", "2026-08", "--by", "Ana")
    status, out, _ = _run(database_url, "audit", "--program", code)
    lines = out.splitlines()
    assert status == 0 and "Ana  signed off  2026-08 version 1  report snapshot sha256" in lines[0]
    assert "reconciled  2026-08 version 1  new version; 1 findings" in lines[1]
    events = json.loads(_run(database_url, "audit", "--program", code, "--json", "--limit", "1")[1])
    assert [(e["actor"], e["action"]) for e in events] == [("Ana", "signed off")]
