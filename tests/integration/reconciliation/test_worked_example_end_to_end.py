"""The worked example, end to end through the real command line: every upload, then reconcile.

The command sequence is the one api/demo/scenario-small/README.md gives; each
month's JSON must equal expected/YYYY-MM.json: the same rows and figures, and
the same findings with the same amounts and severities. Findings that tie on
the §6 sort key may come in any order among themselves, and messages are free
text, except that a VOLUME_MISMATCH names its commodity.
"""

import json
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from api.cli import main
from tests.builders import unique_code

EXAMPLE = Path(__file__).parents[3] / "api" / "demo" / "scenario-small"
SUPPLIERS = ("S-201", "S-202", "S-203", "S-204", "S-205")
MONTHS = ("2026-08", "2026-09", "2026-10")


class Scenario:
    """The example's program under a code of its own, driven through the CLI."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        self.code = unique_code("FFP")
        text = (EXAMPLE / "program.toml").read_text()
        program_file = tmp_path / "program.toml"
        program_file.write_text(text.replace('code = "FFP-FL"', f'code = "{self.code}"'))
        self.run("program", "load", str(program_file))

    def run(self, *args: str) -> str:
        result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": self.url})
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        return result.stdout

    def upload(self, kind: str, party: str, path: str, supersedes: int | None = None) -> int:
        """Import one file of the example; returns its batch id."""
        role = "--buyer" if party.startswith("B-") else "--supplier"
        replaces = ["--supersedes", str(supersedes)] if supersedes is not None else []
        args = ["import", kind, "--program", self.code, role, party, *replaces, "--json"]
        batch: int = json.loads(self.run(*args, str(EXAMPLE / path)))["batch"]
        return batch

    def reconcile(self, month: str) -> dict[str, Any]:
        out = self.run("reconcile", "--program", self.code, "--month", month, "--json")
        result: dict[str, Any] = json.loads(out)
        return result


def upload_the_season(scenario: Scenario) -> None:
    """Every upload of the README, in its order."""
    scenario.upload("purchases", "B-101", "purchases/B-101.xlsx")
    scenario.upload("purchases", "B-102", "purchases/B-102.csv")
    first_b103 = scenario.upload("purchases", "B-103", "purchases/B-103.csv")
    for buyer in ("B-101", "B-102", "B-103"):
        scenario.upload("payments", buyer, f"payments/{buyer}.csv")
    for supplier in SUPPLIERS:
        scenario.upload("receipts", supplier, f"receipts/{supplier}.csv")
    for supplier, suffix in (("S-201", "csv"), ("S-202", "xlsx"), ("S-204", "xlsx")):
        scenario.upload("sales", supplier, f"sales/{supplier}.{suffix}")
    scenario.upload("sales", "S-205", "sales/S-205.csv")
    scenario.upload("purchases", "B-103", "purchases/B-103-corrected.csv", first_b103)
    batches = {
        (supplier, month): scenario.upload("payroll", supplier, f"payroll/{supplier}-{month}.xlsx")
        for month in MONTHS
        for supplier in SUPPLIERS
    }
    corrected = "payroll/S-205-2026-09-corrected.xlsx"
    scenario.upload("payroll", "S-205", corrected, batches[("S-205", "2026-09")])


def sort_key(finding: dict[str, Any]) -> tuple[str, ...]:
    """The §6 order: severity, code, supplier, buyer, worker, period (nulls first)."""
    rank = {"critical": "0", "warning": "1", "info": "2"}[finding["severity"]]
    fields = ("code", "supplier", "buyer", "worker", "period")
    return (rank, *(finding[name] or "" for name in fields))


def without_message(findings: list[dict[str, Any]]) -> Counter[str]:
    """The findings as a multiset, messages left out."""
    return Counter(
        json.dumps({k: v for k, v in f.items() if k != "message"}, sort_keys=True) for f in findings
    )


def test_the_worked_example_reconciles_to_the_expected_json(
    database_url: str, tmp_path: Path
) -> None:
    scenario = Scenario(database_url, tmp_path)
    upload_the_season(scenario)
    for month in MONTHS:
        got = scenario.reconcile(month)
        expected = json.loads((EXAMPLE / "expected" / f"{month}.json").read_text())
        assert got["program"] == scenario.code
        for part in ("month", "as_of", "currency", "buyers", "suppliers"):
            assert got[part] == expected[part], (month, part)
        assert [sort_key(f) for f in got["findings"]] == [sort_key(f) for f in expected["findings"]]
        assert without_message(got["findings"]) == without_message(expected["findings"])
        for finding in got["findings"]:
            if finding["code"] == "VOLUME_MISMATCH":
                assert finding["message"].split(":")[0] in ("tomato", "pepper", "strawberry")
