"""The journal export read back by hledger: its checks pass and its balances equal ours.

These tests run hledger itself; without it on PATH they are skipped, except in CI,
where hledger is installed and its absence is a failure.
"""

import io
import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.cli import main
from ledger import journal
from ledger.balances import Balances, balances
from ledger.database import make_sessionmaker
from ledger.entries import Entry, Source
from ledger.participants import Program, program_by_code
from reports.journal_export import ExportRefused, write_hledger
from tests.builders import legs, program
from tests.integration.reconciliation.test_worked_example_end_to_end import (
    Scenario,
    upload_the_season,
)


def hledger() -> str:
    found = shutil.which("hledger")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("hledger is not on PATH; CI installs it (.ci/run)")
        pytest.skip("hledger is not installed: apt-get install hledger")
    return found


def run_hledger(path: Path, *args: str) -> str:
    done = subprocess.run(
        [hledger(), "-f", str(path), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def hledger_balances(path: Path) -> Balances:
    """Every account's balance as hledger computes it, exactly, zero amounts left out."""
    rows, _total = json.loads(run_hledger(path, "balance", "--flat", "--empty", "-O", "json"))
    found: Balances = {}
    for name, _display, _indent, amounts in rows:
        for leg in amounts:
            quantity = leg["aquantity"]
            value = Decimal(quantity["decimalMantissa"]).scaleb(-quantity["decimalPlaces"])
            if value != 0:
                found.setdefault(name, {})[leg["acommodity"]] = value
    return found


def nonzero(ours: Balances) -> Balances:
    kept = {name: {c: a for c, a in sums.items() if a != 0} for name, sums in ours.items()}
    return {name: sums for name, sums in kept.items() if sums}


def test_the_worked_example_exports_a_journal_hledger_checks_and_balances_like_ours(
    database_url: str, committed_engine: Engine, tmp_path: Path
) -> None:
    hledger()
    scenario = Scenario(database_url, tmp_path)
    upload_the_season(scenario)
    exported = tmp_path / "books.journal"
    scenario.run("export", "journal", "--program", scenario.code, "-o", str(exported))

    run_hledger(exported, "check", "--strict", "payees")
    with make_sessionmaker(committed_engine)() as session:
        ours = balances(session, program_by_code(session, scenario.code).id)
    assert len(ours) > 40
    assert hledger_balances(exported) == nonzero(ours)
    text = exported.read_text()
    assert "reversal | reverses entry " in text
    assert "    buyers:B-101:committed  -" in text


def test_the_export_goes_to_standard_output_by_default(database_url: str, tmp_path: Path) -> None:
    scenario = Scenario(database_url, tmp_path)
    scenario.upload("purchases", "B-102", "purchases/B-102.csv")
    result = CliRunner().invoke(
        main,
        ["export", "journal", "--program", scenario.code, "--format", "hledger"],
        env={"DATABASE_URL": database_url},
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f'; Premium Ledger journal of program "{scenario.code}"')
    assert "purchase | batch " in result.stdout
    assert "entries exported (hledger)" in result.stderr


def several_currencies(session: Session) -> int:
    """A program posting USD, EUR and JPY between accounts with odd characters in their codes."""
    made = program(session)
    moves = [
        ("buyers:B 1:committed", "payable:B 1:S;1", "120.50", "USD"),
        ("payable:B 1:S;1", "suppliers:S;1:held", "100.00", "USD"),
        ("suppliers:S;1:held", "workers:S;1:José (7)", "60.125", "USD"),
        ("buyers:B#2:committed", "payable:B#2:S;1", "75.10", "EUR"),
        ("payable:B#2:S;1", "suppliers:S;1:held", "75.10", "EUR"),
        ("suppliers:S;1:held", "workers:S;1:[0042]", "12.00", "EUR"),
        ("buyers:B 1:committed", "payable:B 1:S;1", "1500", "JPY"),
    ]
    for number, (source, target, amount, code) in enumerate(moves, start=1):
        journal.post(
            session,
            made.id,
            Entry(
                kind="transfer",
                effective_date=date(2026, 8, number),
                postings=legs((source, f"-{amount}"), (target, amount), currency=code),
                description=f'move "{number}"; of\n{code}',
                source=Source(None, "Hoja, 1", number),
                idempotency_key=f"transfer:{number}",
            ),
        )
    first = journal.post(
        session,
        made.id,
        Entry(
            "payment",
            date(2026, 9, 1),
            legs(("payable:B 1:S;1", "-5"), ("suppliers:S;1:held", "5")),
        ),
    )
    journal.reverse(session, made.id, first)
    return made.id


def test_several_currencies_and_odd_account_names_survive_the_round_trip(
    session: Session, tmp_path: Path
) -> None:
    hledger()
    program_id = several_currencies(session)
    out = io.StringIO()
    written = write_hledger(session, session.get_one(Program, program_id), out)
    exported = tmp_path / "several.journal"
    exported.write_text(out.getvalue())

    assert written == 9
    run_hledger(exported, "check", "--strict", "payees")
    ours = balances(session, program_id)
    assert hledger_balances(exported) == nonzero(ours)
    assert hledger_balances(exported)["workers:S;1:José (7)"] == {"USD": Decimal("60.125")}
    assert "    workers:S;1:José (7)  60.125 USD" in out.getvalue()
    assert "    buyers:B 1:committed  -1500 JPY" in out.getvalue()


def test_an_account_hledger_would_read_as_another_is_refused_by_name(session: Session) -> None:
    made = program(session)
    journal.post(
        session,
        made.id,
        Entry(
            "transfer",
            date(2026, 8, 1),
            legs(("workers:S-1:A  B", "1"), ("suppliers:S-1:held", "-1")),
        ),
    )
    with pytest.raises(ExportRefused, match="'workers:S-1:A  B' cannot be written"):
        write_hledger(session, made, io.StringIO())


def test_a_refused_export_exits_1_and_leaves_no_file_behind(
    committed_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    with make_sessionmaker(committed_engine).begin() as session:
        made = program(session)
        code = made.code
        moved = legs(("workers:S-1:A\tB", "1"), ("suppliers:S-1:held", "-1"))
        journal.post(session, made.id, Entry("transfer", date(2026, 8, 1), moved))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "books.journal"
    result = CliRunner().invoke(
        main,
        ["export", "journal", "--program", code, "-o", str(target)],
        env={"DATABASE_URL": database_url},
    )
    assert result.exit_code == 1
    assert "cannot be written in an hledger journal" in result.stderr
    assert list(out.iterdir()) == []
