"""`premium-ledger reconcile`: contract JSON on stdout, tables otherwise, every run stored."""

import json

from click.testing import CliRunner
from sqlalchemy import Engine

from api.cli import main
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.reconciliation_runs import latest_run, run_json
from tests.integration.reconciliation.stored import stored_books


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def _program(engine: Engine) -> str:
    with make_sessionmaker(engine).begin() as session:
        books = stored_books(session)
        books.purchase("2026-07-01", "120.00")
        books.payment("2026-07-20", "20.00", reference="ACH-1")
        books.payroll("2026-08-03/2026-08-09", "2026-08-14", "15.00", retention="1.15")
        return books.code


def test_json_is_the_contract_and_the_same_books_give_the_same_bytes(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    args = ("reconcile", "--program", code, "--month", "2026-08", "--json")
    status, out, err = _run(database_url, *args)
    assert status == 0
    result = json.loads(out)
    assert list(result) == [
        "program",
        "month",
        "as_of",
        "currency",
        "buyers",
        "suppliers",
        "findings",
    ]
    assert (result["program"], result["as_of"]) == (code, "2026-08-31")
    assert result["buyers"] == [
        {
            "buyer": "B-1",
            "supplier": "S-1",
            "volume": {},
            "premium_owed": "0.00",
            "premium_paid": "0.00",
            "unpaid_to_date": "100.00",
            "overdue": "100.00",
        }
    ]
    assert [(f["code"], f["amount"]) for f in result["findings"]] == [
        ("BUYER_UNDERPAID", "100.00"),
        ("PASS_THROUGH_LATE", "3.85"),
        ("PAYMENT_UNCONFIRMED", "20.00"),
    ]
    assert "Standing" in err and "stored as version 1" in err
    assert _run(database_url, *args)[1] == out


def test_every_run_is_stored_and_a_rerun_replaces_the_unsigned_month(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    out = _run(database_url, "reconcile", "--program", code, "--month", "2026-08", "--json")[1]
    status, _, err = _run(database_url, "reconcile", "--program", code, "--month", "2026-08")
    assert status == 0 and "re-run in place, version 1" in err
    with make_sessionmaker(committed_engine).begin() as session:
        program = program_by_code(session, code)
        run = latest_run(session, program.id, "2026-08")
        assert run is not None and run.version == 1
        assert run_json(session, run.id) == out


def test_the_text_shows_the_tables_and_each_suppliers_standing(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    status, out, _ = _run(database_url, "reconcile", "--program", code, "--month", "2026-08")
    assert status == 0
    assert out.startswith(f"{code} 2026-08, as of 2026-08-31, amounts in USD\n")
    for heading in ("\nBuyers\n", "\nSuppliers\n", "\nFindings\n", "\nStanding\n"):
        assert heading in out
    assert "S-1       good      -      probation    critical finding this month" in out
    assert "confirmed with `standing set`" in out


def test_a_malformed_month_is_a_usage_error_naming_the_option(database_url: str) -> None:
    for month in ("2026-13", "08/2026", "2026-8-1"):
        status, out, err = _run(database_url, "reconcile", "--program", "P", "--month", month)
        assert (status, out) == (2, "")
        assert "Invalid value for '--month'" in err


def test_an_unknown_program_is_rejected_with_exit_1(database_url: str) -> None:
    status, out, err = _run(database_url, "reconcile", "--program", "NOPE", "--month", "2026-08")
    assert (status, out, err) == (1, "", "error: no program 'NOPE'\n")
