"""`init`, `balances` and `verify` from the command line, with DESIGN.md §8 exit codes."""

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.cli import main
from ledger import journal
from ledger.database import make_sessionmaker
from tests.builders import program, transfer


def _run(database_url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": database_url})
    return result.exit_code, result.stdout, result.stderr


def _books(engine: Engine) -> str:
    with make_sessionmaker(engine).begin() as session:
        made = program(session)
        journal.post(
            session, made.id, transfer("buyers:B-1:committed", "payable:B-1:S-1", "120.00")
        )
        journal.post(session, made.id, transfer("payable:B-1:S-1", "suppliers:S-1:held", "120.00"))
        return made.code


def test_init_creates_the_database_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code, _, err = _run(url, "init")
    assert code == 0 and "database ready" in err
    assert (tmp_path / "new.db").exists()
    assert _run(url, "init")[0] == 0


def test_balances_json_lists_every_account_with_currency_decimals(
    database_url: str, committed_engine: Engine
) -> None:
    program_code = _books(committed_engine)
    code, out, _ = _run(database_url, "balances", "--program", program_code, "--json")
    assert code == 0
    assert json.loads(out) == {
        "buyers:B-1:committed": {"USD": "-120.00"},
        "payable:B-1:S-1": {"USD": "0.00"},
        "suppliers:S-1:held": {"USD": "120.00"},
    }


def test_balances_by_prefix_and_date(database_url: str, committed_engine: Engine) -> None:
    program_code = _books(committed_engine)
    args = ["balances", "--program", program_code, "--prefix", "suppliers", "--json"]
    assert json.loads(_run(database_url, *args)[1]) == {"suppliers:S-1:held": {"USD": "120.00"}}
    early = _run(database_url, *args, "--as-of", "2026-08-02")[1]
    assert json.loads(early) == {}
    table = _run(database_url, "balances", "--program", program_code)[1]
    assert "suppliers:S-1:held" in table and "120.00 USD" in table


def test_an_unknown_program_is_rejected_with_exit_1_and_no_traceback(database_url: str) -> None:
    code, out, err = _run(database_url, "balances", "--program", "NOPE")
    assert code == 1 and out == ""
    assert err.strip() == "error: no program 'NOPE'"


def test_a_missing_option_is_a_usage_error(database_url: str) -> None:
    assert _run(database_url, "balances")[0] == 2
    assert _run(database_url, "balances", "--program", "X", "--as-of", "31/12/2026")[0] == 2


def test_verify_reports_intact_books(database_url: str, committed_engine: Engine) -> None:
    program_code = _books(committed_engine)
    code, out, _ = _run(database_url, "verify", "--program", program_code)
    assert code == 0
    assert out.startswith("ok: 2 entries, chain intact")


def test_a_database_that_cannot_be_opened_is_a_clear_error(
    tmp_path: Path, session: Session
) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}"
    code, _, err = _run(url, "balances", "--program", "X")
    assert code == 1 and "database is not available" in err


def test_a_bad_configuration_value_is_a_clear_error(database_url: str) -> None:
    result = CliRunner().invoke(
        main,
        ["balances", "--program", "X"],
        env={"DATABASE_URL": database_url, "MAX_UPLOAD_BYTES": "lots"},
    )
    assert result.exit_code == 1
    assert "configuration" in result.stderr and "Traceback" not in result.stderr
