"""`premium-ledger demo --no-serve`: the demo books build through the real importers, once."""

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def test_the_demo_builds_a_season_of_a_few_hundred_workers_with_planted_problems(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    status, out, err = _run(url, "demo", "--no-serve")
    assert status == 0, err
    assert "(313 codes issued on first import)" in out
    assert "monitor  monitor@demo.example" in out
    october = json.loads(
        _run(url, "findings", "--program", "FFP-FL", "--month", "2026-10", "--json")[1]
    )
    planted = {(f["code"], f["supplier"], f["worker"]) for f in october}
    assert ("PASS_THROUGH_LATE", "S-207", None) in planted
    assert ("PAYMENT_UNCONFIRMED", "S-207", None) in planted
    assert {("WORKER_MISSED", "S-206", "6011"), ("WORKER_MISSED", "S-206", "6031")} <= planted
    september = _run(url, "findings", "--program", "FFP-FL", "--month", "2026-09", "--json")[1]
    assert ("DUPLICATE_PAYROLL_LINE", "S-206", "6005") in {
        (f["code"], f["supplier"], f["worker"]) for f in json.loads(september)
    }


def test_building_the_demo_again_changes_nothing_in_the_books(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert _run(url, "demo", "--no-serve")[0] == 0
    before = _run(url, "balances", "--program", "FFP-FL", "--json")[1]
    status, out, err = _run(url, "demo", "--no-serve")
    assert status == 0 and " posted " not in err and err.count(" duplicate") == 44
    assert "has lookup code" not in out  # codes are issued once, at the first import
    assert _run(url, "balances", "--program", "FFP-FL", "--json")[1] == before
    assert _run(url, "verify", "--program", "FFP-FL")[0] == 0
