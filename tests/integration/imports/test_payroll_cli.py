"""`import payroll` and `allocate` from the command line, and the worked example's balances."""

import csv
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text

from api.cli import main
from tests.builders import unique_code
from tests.integration.imports.payroll_files import ENGLISH, EXAMPLE, english_xlsx, line
from tests.unit.imports.reading_builders import write_xlsx


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not a refusal: show its traceback
    return result.exit_code, result.stdout, result.stderr


def _program(url: str, tmp_path: Path, code: str | None = None) -> str:
    code = code or unique_code("CLI")
    text = (EXAMPLE / "program.toml").read_text().replace('code = "FFP-FL"', f'code = "{code}"')
    (tmp_path / "program.toml").write_text(text)
    assert _run(url, "program", "load", str(tmp_path / "program.toml"))[0] == 0
    return code


def _payroll(url: str, code: str, path: Path, *more: str) -> tuple[int, str, str]:
    return _run(
        url, "import", "payroll", "--program", code, "--supplier", "S-201", str(path), *more
    )


def test_an_import_prints_its_summary_and_hands_out_new_codes_on_stderr(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001"), line("1002", premium=0)])
    assert _payroll(database_url, code, path, "--dry-run")[:2] == (0, "dry run: 2 rows valid\n")
    status, out, err = _payroll(database_url, code, path)
    assert status == 0
    batch = out.split()[1]
    assert out == f"batch {batch} posted: 2 rows, 1 entries, premium 20.00 USD\n"
    assert "2 new worker(s); hand each its lookup code (shown only now):" in err
    assert [row.split()[0] for row in err.splitlines()[1:]] == ["1001", "1002"]
    assert _payroll(database_url, code, path) == (
        0,
        f"batch {batch} already imported (identical file)\n",
        "",
    )


def test_json_output_and_codes_written_to_a_new_private_file(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    path = english_xlsx(tmp_path / "p.xlsx", [line("00123"), line("1002", premium="5.50")])
    codes = tmp_path / "codes.csv"
    status, out, err = _payroll(database_url, code, path, "--json", "--codes-out", str(codes))
    assert status == 0
    result = json.loads(out)
    assert (result["status"], result["rows"], result["entries"]) == ("posted", 2, 2)
    assert (result["premium"], result["currency"], result["sheet"]) == ("25.50", "USD", "Payroll")
    assert err == f"2 new worker lookup code(s) written to {codes}\n"
    rows = list(csv.reader(codes.read_text().splitlines()))
    assert [row[0] for row in rows] == ["worker_id", "00123", "1002"]
    assert all(len(row[1]) >= 8 for row in rows[1:])
    assert stat.S_IMODE(codes.stat().st_mode) == 0o600
    later = english_xlsx(tmp_path / "q.xlsx", [line("1003")])
    assert _payroll(database_url, code, later, "--codes-out", str(codes))[0] == 2


def test_a_refused_payroll_lists_its_problems_and_exits_1(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    path = english_xlsx(tmp_path / "p.xlsx", [line("1001", hours="forty")])
    status, out, err = _payroll(database_url, code, path)
    assert (status, out) == (1, "")
    assert 'sheet "Payroll", row 5, hours = "forty": not a number' in err


def test_allocate_writes_the_filled_payroll_and_prints_the_retention(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    rows = [row[:-1] for row in [ENGLISH, line("1001", hours=30), line("1002", hours=10)]]
    source = write_xlsx(tmp_path / "p.xlsx", {"Payroll": rows})
    out = tmp_path / "filled.xlsx"
    args = ["allocate", "--program", code, "--supplier", "S-201", "--pool", "1,000.00"]
    status, printed, _ = _run(database_url, *args, str(source), "-o", str(out))
    assert status == 0
    assert printed.splitlines() == [
        "premium 1000.00 USD to workers: 2 lines in 1 pay period(s), shared by hours,"
        f" written to {out}",
        "retention 76.51 USD (rounded per line, as posted; 1000.00 × 0.0765 = 76.500000)",
        "total 1076.51 USD out of suppliers:S-201:held",
    ]
    assert _payroll(database_url, code, out)[1].endswith("premium 1000.00 USD\n")
    assert _run(database_url, *args[:-1], "-5", str(source), "-o", str(out))[0] == 2
    assert _run(database_url, *args[:-1], "1.001", str(source), "-o", str(out))[0] == 1


@pytest.fixture
def fresh_database_url(engine: Engine, tmp_path: Path) -> Iterator[str]:
    """A database of its own, as the example's README asks: a new file, or a new database.

    Idempotency keys name the party and the file but not the program, so the example's
    files, imported by other tests into the shared PostgreSQL database, would collide.
    """
    if engine.dialect.name == "sqlite":
        yield f"sqlite:///{tmp_path / 'example.db'}"
        return
    name = unique_code("example").replace("-", "_").lower()
    server = engine.execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield engine.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


def test_the_worked_example_ends_with_the_expected_balances(
    fresh_database_url: str, tmp_path: Path
) -> None:
    database_url = fresh_database_url
    assert _run(database_url, "init")[0] == 0
    code = _program(database_url, tmp_path, "FFP-FL")

    def load(kind: str, role: str, party: str, name: str, *more: str) -> str:
        path = str(EXAMPLE / kind / name)
        status, out, err = _run(
            database_url, "import", kind, "--program", code, f"--{role}", party, path, *more
        )
        assert status == 0, (name, out, err)
        return out.split()[1]

    purchases = {b: load("purchases", "buyer", b, n) for b, n in _PURCHASES}
    for buyer in ("B-101", "B-102", "B-103"):
        load("payments", "buyer", buyer, f"{buyer}.csv")
    for supplier in ("S-201", "S-202", "S-203", "S-204", "S-205"):
        load("receipts", "supplier", supplier, f"{supplier}.csv")
    for supplier, name in _SALES:
        load("sales", "supplier", supplier, name)
    load("purchases", "buyer", "B-103", "B-103-corrected.csv", "--supersedes", purchases["B-103"])
    september = ""
    for month in ("08", "09", "10"):
        for supplier in ("S-201", "S-202", "S-203", "S-204", "S-205"):
            batch = load("payroll", "supplier", supplier, f"{supplier}-2026-{month}.xlsx")
            september = batch if (supplier, month) == ("S-205", "09") else september
    load("payroll", "supplier", "S-205", "S-205-2026-09-corrected.xlsx", "--supersedes", september)
    status, out, _ = _run(database_url, "balances", "--program", code, "--json")
    assert status == 0
    assert json.loads(out) == json.loads((EXAMPLE / "expected" / "balances.json").read_text())
    assert _run(database_url, "verify", "--program", code)[0] == 0


_PURCHASES = [("B-101", "B-101.xlsx"), ("B-102", "B-102.csv"), ("B-103", "B-103.csv")]
_SALES = [("S-201", "S-201.csv"), ("S-202", "S-202.xlsx"), ("S-204", "S-204.xlsx")]
_SALES += [("S-205", "S-205.csv")]
