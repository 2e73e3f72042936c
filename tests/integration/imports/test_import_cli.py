"""`premium-ledger import …` and `batches`: summary lines, JSON, problems and exit codes."""

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from tests.builders import unique_code

EXAMPLE = Path(__file__).parents[3] / "api" / "demo" / "scenario-small"


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url})
    return result.exit_code, result.stdout, result.stderr


def _program(url: str, tmp_path: Path) -> str:
    code = unique_code("CLI")
    text = (EXAMPLE / "program.toml").read_text().replace('code = "FFP-FL"', f'code = "{code}"')
    (tmp_path / "program.toml").write_text(text)
    assert _run(url, "program", "load", str(tmp_path / "program.toml"))[0] == 0
    return code


def test_an_import_prints_one_summary_line_and_a_repeat_is_a_no_op(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    args = [
        "import",
        "purchases",
        "--program",
        code,
        "--buyer",
        "B-101",
        str(EXAMPLE / "purchases" / "B-101.xlsx"),
    ]
    status, out, _ = _run(database_url, *args)
    assert status == 0
    batch = out.split()[1]
    assert out == f"batch {batch} posted: 81 rows, 81 entries, premium 29289.91 USD\n"
    assert _run(database_url, *args) == (
        0,
        f"batch {batch} already imported (identical file)\n",
        "",
    )
    listing = _run(database_url, "batches", "--program", code)[1]
    assert "purchases B-101" in listing and "live" in listing


def test_json_output_and_dry_run(database_url: str, tmp_path: Path) -> None:
    code = _program(database_url, tmp_path)
    path = str(EXAMPLE / "payments" / "B-102.csv")
    status, out, _ = _run(
        database_url, "import", "payments", "--program", code, "--buyer", "B-102", path, "--dry-run"
    )
    assert (status, out) == (0, "dry run: 19 rows valid\n")
    status, out, _ = _run(
        database_url, "import", "payments", "--program", code, "--buyer", "B-102", path, "--json"
    )
    result = json.loads(out)
    assert (result["status"], result["rows"], result["entries"]) == ("posted", 19, 19)
    assert (result["premium"], result["currency"]) == ("13913.09", "USD")


def test_a_refused_upload_lists_every_problem_and_exits_1(
    database_url: str, tmp_path: Path
) -> None:
    code = _program(database_url, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "supplier,amount,paid_on,reference\nS-999,12.00,2026-08-03,T-1\nS-201,-5,2026-08-04,T-2\n"
    )
    status, out, err = _run(
        database_url, "import", "payments", "--program", code, "--buyer", "B-101", str(bad)
    )
    assert (status, out) == (1, "")
    assert "upload refused: 2 problem(s)" in err
    assert f'row 2, supplier = "S-999": not a supplier of program {code}' in err
    assert 'row 3, amount = "-5"' in err
    assert "Traceback" not in err
    status, out, _ = _run(
        database_url,
        "import",
        "payments",
        "--program",
        code,
        "--buyer",
        "B-101",
        str(bad),
        "--json",
    )
    assert status == 1
    assert [p["row"] for p in json.loads(out)["problems"]] == [2, 3]


def test_usage_errors_exit_2(database_url: str) -> None:
    assert _run(database_url, "import", "payments", "--program", "X", "missing.csv")[0] == 2
    assert _run(database_url, "import", "bananas")[0] == 2
