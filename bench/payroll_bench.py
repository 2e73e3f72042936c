"""Payroll import benchmark: a 100,000-row workbook end to end, on SQLite and PostgreSQL.

The workbook has one sheet per supplier (several suppliers, 26 weekly pay periods, one
line per worker and week); each sheet is one `import payroll --sheet` upload, as a
supplier would send it, and "end to end" is all of them: read, validate, create the
workers, post every entry, store every line, commit. Beside it the floor measured in the
same run: python-calamine reading the same file, plus one Core executemany of the same
number of postings into a bare table. Every measurement runs in its own process, so its
peak memory is its own.

    .venv/bin/python bench/payroll_bench.py [--rows 100000] [--suppliers 4]
        [--engines sqlite,postgresql]

PostgreSQL: BENCH_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/
payroll_bench, made once with `createdb -U postgres payroll_bench`); its public schema is
dropped and rebuilt, so never point it at real books, nor at a database tests share.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench_rows  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402
from sqlalchemy import (  # noqa: E402
    BigInteger,
    Column,
    Date,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    insert,
    text,
)

from imports.kinds import KINDS  # noqa: E402
from imports.pipeline import Upload, import_upload  # noqa: E402
from imports.program_file import read_program_file  # noqa: E402
from ledger.database import make_engine, make_sessionmaker, upgrade  # noqa: E402
from ledger.program_setup import apply_program  # noqa: E402

PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/payroll_bench"
)
PROGRAM = ROOT / "api" / "demo" / "scenario-small" / "program.toml"
SUPPLIERS = ["S-201", "S-202", "S-203", "S-204", "S-205"]
WEEKS = 26
HEADER = ["No. Empleado", "Nombre", "Cuadrilla", "Inicio", "Fin", "Fecha de Pago"]
HEADER += ["Horas", "Salario Bruto", "Bono", "Prima"]


def write_workbook(path: Path, rows: int, suppliers: int) -> dict[str, int]:
    """The workbook, and its data rows per sheet (one sheet per supplier)."""
    pick = random.Random(26)
    workers = -(-rows // (WEEKS * suppliers))  # per supplier, rounded up
    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    left = rows
    for supplier in SUPPLIERS[:suppliers]:
        sheet = book.create_sheet(supplier)
        sheet.append([f"{supplier} - Nómina de prima, temporada 2026"])
        sheet.append(HEADER)
        wanted = min(left, workers * WEEKS)
        for number in range(wanted):
            week, worker = divmod(number, workers)
            sheet.append(_line(pick, worker, week))
        counts[supplier], left = wanted, left - wanted
    book.save(path)
    return counts


def _line(pick: random.Random, worker: int, week: int) -> list[object]:
    start = date(2026, 1, 5) + timedelta(weeks=week)
    hours = pick.randint(0, 240) / 4
    wages = round(hours * 15.25, 2)
    premium = f"${hours * 0.55:,.2f}" if pick.random() < 0.5 else round(hours * 0.55, 2)
    name = f"Trabajador {worker}"
    dates = [start, start + timedelta(days=6), start + timedelta(days=11)]
    return [f"{worker:06d}", name, f"C{worker % 9}", *dates, hours, wages, 5, premium]


def fresh_url(engine_name: str, folder: Path) -> str:
    if engine_name == "sqlite":
        path = folder / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    engine = make_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


def child_import(url: str, path: Path, sheets: list[str]) -> dict[str, float]:
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        apply_program(session, read_program_file(PROGRAM.read_bytes()), "bench")
    rows = postings = 0
    started = time.perf_counter()
    for sheet in sheets:
        upload = Upload("FFP-FL", sheet, path.name, path, sheet=sheet, uploaded_by="bench")
        with sessions.begin() as session:
            result = import_upload(session, upload, KINDS["payroll"])
        rows += result.rows
        postings += 3 * result.entries  # held, worker, retained: 0.0765 of ≥ 0.07 is ≥ 0.01
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"seconds": seconds, "rows": rows, "postings": postings}


def child_floor(url: str, path: Path, postings: int) -> dict[str, float]:
    """Read every sheet with calamine, then insert the postings into a bare table."""
    engine = make_engine(url)
    metadata = MetaData()
    bare = Table(
        "bare_postings",
        metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
        Column("entry_id", BigInteger, index=True),
        Column("account_id", Integer),
        Column("currency", String(3)),
        Column("amount", Numeric(20, 4)),
        Column("effective_date", Date),
    )
    metadata.drop_all(engine)
    metadata.create_all(engine)
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    rows = sum(sum(1 for _ in book.get_sheet_by_name(n).iter_rows()) for n in book.sheet_names)
    legs = [
        {
            "entry_id": i // 3,
            "account_id": i % 1500,
            "currency": "USD",
            "amount": Decimal("1.2500") * (1 if i % 3 else -2),
            "effective_date": date(2026, 8, 3),
        }
        for i in range(postings)
    ]
    with engine.begin() as connection:
        connection.execute(insert(bare), legs)
    seconds = time.perf_counter() - started
    metadata.drop_all(engine)
    engine.dispose()
    return {"seconds": seconds, "rows": rows, "postings": postings}


def run_child(args: list[str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", json.dumps(args)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def child(args: list[str]) -> None:
    mode, url, path, extra = args
    if mode == "import":
        figures = child_import(url, Path(path), extra.split(","))
    else:
        figures = child_floor(url, Path(path), int(extra))
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


Measured = dict[str, tuple[dict[str, float], dict[str, float]]]


def run(rows: int, suppliers: int, engines: list[str]) -> tuple[str, Measured]:
    """A description of the workbook, and (end to end, floor) figures per engine."""
    measured: Measured = {}
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        path = folder / "payroll.xlsx"
        made = time.perf_counter()
        counts = write_workbook(path, rows, suppliers)
        workers = -(-rows // (WEEKS * suppliers)) * len(counts)
        described = (
            f"{sum(counts.values()):,} rows in {len(counts)} sheets (one per supplier),"
            f" {workers:,} workers x {WEEKS} weeks, {path.stat().st_size / 2**20:.1f} MB,"
            f" written in {time.perf_counter() - made:.1f}s"
        )
        for engine_name in engines:
            sheets = ",".join(counts)
            result = run_child(["import", fresh_url(engine_name, folder), str(path), sheets])
            postings = str(int(result["postings"]))
            floor = run_child(["floor", fresh_url(engine_name, folder), str(path), postings])
            measured[engine_name] = (result, floor)
    return described, measured


def print_table(described: str, measured: Measured) -> None:
    print(described)
    print(
        f"{'engine':<11} {'rows':>8} {'end to end':>11} {'rows/s':>8} {'peak MB':>8}"
        f" {'floor':>8} {'floor MB':>9} {'ratio':>6}"
    )
    for engine_name, (result, floor) in measured.items():
        print(
            f"{engine_name:<11} {result['rows']:>8.0f} {result['seconds']:>10.2f}s"
            f" {result['rows'] / result['seconds']:>8.0f} {result['peak_mb']:>8.0f}"
            f" {floor['seconds']:>7.2f}s {floor['peak_mb']:>9.0f}"
            f" {result['seconds'] / floor['seconds']:>6.2f}"
        )


def rows_of(measured: Measured) -> list[dict[str, str]]:
    """run_all's row: the workbook end to end on each engine, the floors beside."""

    def shown(engine_name: str) -> str:
        if engine_name not in measured:
            return "–"
        result = measured[engine_name][0]
        rate = result["rows"] / result["seconds"]
        return f"{result['seconds']:.2f} s ({rate:,.0f} rows/s, {result['peak_mb']:.0f} MB)"

    count = next(iter(measured.values()))[0]["rows"]
    floors = ", ".join(f"{f['seconds']:.2f} s {name}" for name, (_, f) in measured.items())
    operation = f"import a {count:,.0f}-row payroll workbook, end to end"
    floor = f"read + bare insert: {floors}"
    return [bench_rows.row(operation, shown("sqlite"), shown("postgresql"), "", floor)]


def measure(argv: list[str] | None = None) -> list[dict[str, str]]:
    """run_all's rows, at the default size unless `argv` says otherwise."""
    args = parse_args(argv or [])
    return rows_of(run(args.rows, args.suppliers, args.engines.split(","))[1])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--suppliers", type=int, default=4, choices=range(1, 6))
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(bench_rows.ROWS_FLAG, action="store_true", help="print run_all's rows")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    described, measured = run(args.rows, args.suppliers, args.engines.split(","))
    if args.rows_json:
        print(described, file=sys.stderr)
        bench_rows.emit(rows_of(measured))
    else:
        print_table(described, measured)


if __name__ == "__main__":
    main()
