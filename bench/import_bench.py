"""Import benchmark: 100,000 purchase rows from XLSX and CSV, end to end, on both engines.

Each measurement runs in its own process so its peak memory is its own. Beside every
figure it prints the floor measured in the same run: reading the same file (python-
calamine or csv) plus inserting the same number of postings with a Core executemany
into a bare table of the same shape.

    .venv/bin/python bench/import_bench.py [--rows 100000] [--engines sqlite,postgresql]
"""

import argparse
import csv
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
from sqlalchemy import (  # noqa: E402  # noqa: E402
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

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PROGRAM = ROOT / "api" / "demo" / "scenario-small" / "program.toml"
HEADER = ["supplier", "commodity", "quantity", "unit", "purchase_date", "reference"]
SUPPLIERS = ["S-201", "S-202", "S-203", "S-204", "S-205"]
UNITS = [("tomato", "box"), ("tomato", "kg"), ("pepper", "box"), ("strawberry", "flat")]


def rows(count: int) -> list[list[object]]:
    pick = random.Random(7)
    start = date(2026, 8, 1)
    made = []
    for number in range(count):
        commodity, unit = pick.choice(UNITS)
        made.append(
            [
                pick.choice(SUPPLIERS),
                commodity,
                pick.randint(1, 900),
                unit,
                start + timedelta(days=pick.randint(0, 90)),
                f"PO-{number:07d}",
            ]
        )
    return made


def write_files(folder: Path, count: int) -> dict[str, Path]:
    data = rows(count)
    xlsx, csv_path = folder / "purchases.xlsx", folder / "purchases.csv"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Purchases")
    sheet.append(["Sunshine Grocers - purchase volumes"])
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(xlsx)
    with csv_path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([*row[:4], row[4].isoformat(), row[5]] for row in data)
    return {"xlsx": xlsx, "csv": csv_path}


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


def child_import(url: str, path: Path) -> dict[str, float]:
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        apply_program(session, read_program_file(PROGRAM.read_bytes()), "bench")
    started = time.perf_counter()
    with sessions.begin() as session:
        result = import_upload(
            session, Upload("FFP-FL", "B-101", path.name, path), KINDS["purchases"]
        )
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"seconds": seconds, "rows": result.rows, "postings": 2 * result.entries}


def read_rows(path: Path) -> int:
    if path.suffix == ".xlsx":
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return sum(1 for _ in sheet.iter_rows()) - 2
    with path.open(newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def child_floor(url: str, path: Path) -> dict[str, float]:
    """Read the file, then insert 2 postings per row into a bare table: the floor."""
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
    count = read_rows(path)
    postings = [
        {
            "entry_id": i // 2,
            "account_id": i % 50,
            "currency": "USD",
            "amount": Decimal("1.2500") * (1 if i % 2 else -1),
            "effective_date": date(2026, 8, 3),
        }
        for i in range(2 * count)
    ]
    with engine.begin() as connection:
        connection.execute(insert(bare), postings)
    seconds = time.perf_counter() - started
    metadata.drop_all(engine)
    engine.dispose()
    return {"seconds": seconds, "rows": count, "postings": len(postings)}


def run_child(mode: str, engine_name: str, path: Path, folder: Path) -> dict[str, float]:
    url = fresh_url(engine_name, folder)
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, url, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


Figures = dict[str, float]


def run(rows: int, engines: list[str]) -> list[tuple[str, str, Figures, Figures]]:
    """(file kind, engine, end-to-end figures, floor figures) of each file on each engine."""
    measured = []
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        files = write_files(folder, rows)
        for kind, path in files.items():
            for engine_name in engines:
                result = run_child("import", engine_name, path, folder)
                floor = run_child("floor", engine_name, path, folder)
                measured.append((kind, engine_name, result, floor))
    return measured


def print_table(measured: list[tuple[str, str, Figures, Figures]]) -> None:
    print(
        f"{'file':<5} {'engine':<10} {'rows':>8} {'end to end':>11} {'rows/s':>9} "
        f"{'peak MB':>8} {'floor':>7} {'ratio':>6}"
    )
    for kind, engine_name, result, floor in measured:
        print(
            f"{kind:<5} {engine_name:<10} {result['rows']:>8.0f}"
            f" {result['seconds']:>10.2f}s"
            f" {result['rows'] / result['seconds']:>9.0f} {result['peak_mb']:>8.0f}"
            f" {floor['seconds']:>6.2f}s {result['seconds'] / floor['seconds']:>6.2f}"
        )


def rows_of(measured: list[tuple[str, str, Figures, Figures]]) -> list[dict[str, str]]:
    """run_all's rows: one per file kind, end to end on each engine, the floors beside."""
    by_kind: dict[str, dict[str, tuple[Figures, Figures]]] = {}
    for kind, engine_name, result, floor in measured:
        by_kind.setdefault(kind, {})[engine_name] = (result, floor)

    def shown(figures: tuple[Figures, Figures] | None) -> str:
        if figures is None:
            return "–"
        result = figures[0]
        rate = result["rows"] / result["seconds"]
        return f"{result['seconds']:.2f} s ({rate:,.0f} rows/s, {result['peak_mb']:.0f} MB)"

    rows = []
    for kind, engines in by_kind.items():
        count = next(iter(engines.values()))[0]["rows"]
        floors = ", ".join(f"{f[1]['seconds']:.2f} s {name}" for name, f in engines.items())
        rows.append(
            bench_rows.row(
                f"import {count:,.0f} purchase rows from {kind}, end to end",
                shown(engines.get("sqlite")),
                shown(engines.get("postgresql")),
                "",
                f"read + bare insert: {floors}",
            )
        )
    return rows


def measure(argv: list[str] | None = None) -> list[dict[str, str]]:
    """run_all's rows, at the default size unless `argv` says otherwise."""
    args = parse_args(argv or [])
    return rows_of(run(args.rows, args.engines.split(",")))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "URL", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument(bench_rows.ROWS_FLAG, action="store_true", help="print run_all's rows")
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.child:
        mode, url, path = args.child
        figures = (
            child_import(url, Path(path)) if mode == "import" else child_floor(url, Path(path))
        )
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(figures))
        return
    measured = run(args.rows, args.engines.split(","))
    if args.rows_json:
        bench_rows.emit(rows_of(measured))
    else:
        print_table(measured)


if __name__ == "__main__":
    main()
