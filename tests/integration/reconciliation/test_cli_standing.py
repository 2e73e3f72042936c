"""`premium-ledger standing set`: a supplier's standing recorded with who and why."""

import json

from click.testing import CliRunner
from sqlalchemy import Engine, select

from api.cli import main
from ledger.database import make_sessionmaker
from ledger.participants import Party, StandingChange, program_by_code
from ledger.program_tables import ProgramChange
from tests.integration.reconciliation.stored import stored_books


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def _program(engine: Engine) -> str:
    with make_sessionmaker(engine).begin() as session:
        return stored_books(session).code


def _set(url: str, code: str, *args: str) -> tuple[int, str, str]:
    return _run(url, "standing", "set", "--program", code, *args)


def test_a_standing_change_is_recorded_with_who_and_why_and_audited(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    args = ("s-1", "suspended", "--since", "2026-08-20", "--reason", "audit failed", "--by", "ana")
    status, out, _ = _set(database_url, code, *args)
    assert status == 0
    assert out == "supplier S-1 standing: good -> suspended from 2026-08-20 (audit failed)\n"
    with make_sessionmaker(committed_engine).begin() as session:
        program = program_by_code(session, code)
        [change] = session.scalars(
            select(StandingChange).join(Party).where(Party.program_id == program.id)
        ).all()
        assert (change.standing, change.reason, change.recorded_by) == (
            "suspended",
            "audit failed",
            "ana",
        )
        audit = session.scalars(
            select(ProgramChange.change).where(ProgramChange.program_id == program.id)
        ).all()
        assert audit == [out.strip()]
    assert _set(database_url, code, *args)[1] == "supplier S-1 unchanged: already suspended\n"


def test_the_month_reports_the_standing_in_force_on_its_last_day(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    _set(database_url, code, "S-2", "probation", "--since", "2026-09-01", "--reason", "late")
    for month, expected in (("2026-08", "good"), ("2026-09", "probation")):
        out = _run(database_url, "reconcile", "--program", code, "--month", month, "--json")[1]
        assert [s["standing"] for s in json.loads(out)["suppliers"]] == ["good", expected]
    text = _run(database_url, "reconcile", "--program", code, "--month", "2026-09")[1]
    assert "\nS-2       probation  2026-09-01  -" in text


def test_an_unknown_supplier_or_standing_is_refused(
    database_url: str, committed_engine: Engine
) -> None:
    code = _program(committed_engine)
    since = ("--since", "2026-08-20", "--reason", "x")
    assert _set(database_url, code, "S-9", "good", *since)[0:2] == (1, "")
    assert "no supplier 'S-9'" in _set(database_url, code, "S-9", "good", *since)[2]
    assert _set(database_url, code, "B-1", "good", *since)[0] == 1
    assert _set(database_url, code, "S-1", "banned", *since)[0] == 2
    assert _set(database_url, code, "S-1", "good", "--since", "20/08/2026", "--reason", "x")[0] == 2
    assert _set(database_url, code, "S-1", "good", "--since", "2026-08-20")[0] == 2
