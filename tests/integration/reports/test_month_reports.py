"""Reports of the worked example's months, made through the command line on both databases.

The figures are those of expected/2026-10.json; the XLSX is read back with
openpyxl and with python-calamine, as a monitor's spreadsheet program would.
"""

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from api.cli import main
from tests.integration.reconciliation.test_worked_example_end_to_end import EXAMPLE, Scenario

EXPECTED = json.loads((EXAMPLE / "expected" / "2026-10.json").read_text())


def report(season: Scenario, folder: Path, kind: str, *extra: str, month: str = "2026-10") -> Path:
    out = folder / f"report.{kind}"
    season.run("report", "--program", season.code, "--month", month, "--format", kind,
               "-o", str(out), *extra)  # fmt: skip
    return out


def expected_supplier(code: str) -> dict[str, Any]:
    return next(row for row in EXPECTED["suppliers"] if row["supplier"] == code)


def test_the_xlsx_report_holds_the_month_s_figures_for_openpyxl(
    season: Scenario, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(report(season, tmp_path, "xlsx"))
    suppliers = book["Suppliers"]
    row = next(r for r in suppliers.iter_rows(min_row=2) if r[0].value == "S-203")
    assert Decimal(str(row[4].value)) == Decimal(expected_supplier("S-203")["premium_received"])
    assert Decimal(str(row[8].value)) == Decimal("1504.36")  # held overdue
    assert row[4].number_format == "#,##0.00"
    assert len(book["Findings"]["A"]) - 1 == len(EXPECTED["findings"])
    for name in ("Buyers", "Suppliers", "Findings", "Worker lines"):
        assert book[name].freeze_panes == "A2"
        assert book[name].auto_filter.ref is not None
    assert len(book["Summary"]._charts) == 2  # type: ignore[attr-defined]


def test_the_xlsx_report_lists_every_live_worker_line_of_the_month(
    season: Scenario, tmp_path: Path
) -> None:
    path = report(season, tmp_path, "xlsx")
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Worker lines").to_python()
    lines = rows[1:]
    assert len(lines) == sum(row["payroll_lines"] for row in EXPECTED["suppliers"])
    per_supplier = {s: sum(1 for line in lines if line[0] == s) for s in ("S-201", "S-205")}
    assert per_supplier == {"S-201": 75, "S-205": 70}
    premium = sum((Decimal(str(line[9])) for line in lines if line[0] == "S-202"), Decimal(0))
    assert premium == Decimal(expected_supplier("S-202")["premium_distributed"])


def test_worker_lines_of_a_flagged_worker_and_period_name_the_finding(
    season: Scenario, tmp_path: Path
) -> None:
    path = report(season, tmp_path, "xlsx")
    lines = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Worker lines").to_python()
    flagged = [line for line in lines[1:] if line[1] == "7284241" and line[11]]
    assert flagged and {line[11] for line in flagged} == {"DUPLICATE_PAYROLL_LINE"}
    assert {line[3].isoformat() for line in flagged} == {"2026-09-21"}


def test_calamine_reads_the_summary_and_both_charts_are_native(
    season: Scenario, tmp_path: Path
) -> None:
    path = report(season, tmp_path, "xlsx")
    summary = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Summary").to_python()
    pairs = {row[0]: row[1] for row in summary if row and row[0]}
    assert pairs["Program"] == season.code and pairs["Run version"] == 1
    assert pairs["critical"] == 3 and pairs["warning"] == 4 and pairs["info"] == 2
    names = zipfile.ZipFile(io.BytesIO(path.read_bytes())).namelist()
    assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= set(names)


def test_the_html_report_shows_the_key_figures(season: Scenario, tmp_path: Path) -> None:
    html = report(season, tmp_path, "html").read_text()
    assert "Premium report 2026-10" in html and season.code in html
    assert "4,255.88" in html  # S-203's premium received
    assert "1,504.36" in html  # S-203's held overdue
    assert html.count("<svg") == 2 and "<script" not in html


def test_the_json_report_is_the_stored_run_with_its_review(
    season: Scenario, tmp_path: Path
) -> None:
    first = report(season, tmp_path, "json").read_bytes()
    again = report(season, tmp_path, "json").read_bytes()
    assert first == again
    document = json.loads(first)
    assert document["run"]["version"] == 1 and len(document["run"]["sha256"]) == 64
    assert [row["premium_received"] for row in document["suppliers"]] == [
        row["premium_received"] for row in EXPECTED["suppliers"]
    ]
    assert document["findings_by_severity"] == {"critical": 3, "warning": 4, "info": 2}
    assert {f["status"] for f in document["findings"]} == {"open"}


def test_the_last_month_of_the_series_equals_the_run_s_own_totals(
    season: Scenario, tmp_path: Path
) -> None:
    document = json.loads(report(season, tmp_path, "json").read_bytes())
    history = {point["month"]: point for point in document["premium_history"]}
    assert list(history) == [f"2025-{m}" for m in (11, 12)] + [
        f"2026-{m:02d}" for m in range(1, 11)
    ]
    assert history["2026-10"]["received"] == document["totals"]["premium_received"]
    assert history["2026-10"]["passed_on"] == document["totals"]["premium_distributed"]
    assert history["2026-01"] == {"month": "2026-01", "received": "0.00", "passed_on": "0.00"}
    august = json.loads((EXAMPLE / "expected" / "2026-08.json").read_text())
    received = sum(Decimal(row["premium_received"]) for row in august["suppliers"])
    assert Decimal(history["2026-08"]["received"]) == received


def test_a_month_never_reconciled_is_refused_with_what_to_do(
    season: Scenario, tmp_path: Path
) -> None:
    args = ["report", "--program", season.code, "--month", "2026-11", "--format", "json"]
    result = CliRunner().invoke(
        main, [*args, "-o", str(tmp_path / "r.json")], env={"DATABASE_URL": season.url}
    )
    assert result.exit_code == 1
    assert "reconcile 2026-11 first" in result.stderr
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.json.partial").exists()


def test_a_version_the_month_does_not_have_is_refused_by_the_command(
    season: Scenario, tmp_path: Path
) -> None:
    args = ["report", "--program", season.code, "--month", "2026-10", "--format", "xlsx"]
    result = CliRunner().invoke(
        main,
        [*args, "-o", str(tmp_path / "r.xlsx"), "--version", "7"],
        env={"DATABASE_URL": season.url},
    )
    assert result.exit_code == 1
    assert "has no version 7 (the latest is 1)" in result.stderr


def test_an_unknown_format_is_a_usage_error(season: Scenario, tmp_path: Path) -> None:
    args = ["report", "--program", season.code, "--month", "2026-10", "--format", "pdf"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "'pdf' is not one of" in result.stderr
