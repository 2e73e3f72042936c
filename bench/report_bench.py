"""Benchmark of the monthly reports: a month of 1,000,000 worker lines on SQLite and PostgreSQL.

The program: 20 buyers, 100 suppliers (each selling to two buyers), 2,500
workers per supplier and four weekly pay dates in October 2026: 1,000,000
payroll lines, one in a thousand off its share (so that findings flag some
workers), and a year of monthly payments for the twelve-month series. Lines
are generated straight into the tables (bench/reconcile_bench.py's writer:
COPY on PostgreSQL, executemany on SQLite), then October is reconciled and
stored as a run, as a monitor's report needs.

Each figure is taken in a fresh process, so that its peak memory
(`ru_maxrss`) is the operation's own: the XLSX report (every worker line,
streamed from the database), the HTML summary (no worker lines), and the
floor of the same run: raw xlsxwriter in constant-memory mode writing the
same number of worker-line rows of the same shape (the same cell types and
formats, amounts as exact Decimals as the report writes them) with no
database. Targets: the XLSX within 1.3 x the floor and under 300 MB; the
HTML summary under 1 s.

    .venv/bin/python bench/report_bench.py                      # both engines
    .venv/bin/python bench/report_bench.py --engines sqlite --lines 100000   # a quick look
    .venv/bin/python bench/report_bench.py --reuse              # time again, no generation

`measure()` returns the figures as rows for bench/run_all.py. The PostgreSQL
database (BENCH_DATABASE_URL, default the `bench_reports` database) has its
schema `public` dropped and recreated.
"""

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from itertools import cycle, islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_rows
import xlsxwriter
from reconcile_bench import Season, analyse, fresh_engine, write_rows
from reconcile_bench import _setup as setup_program
from sqlalchemy import Engine, select

from ledger import lines
from ledger.batches import ImportBatch
from ledger.database import make_engine, make_reading_sessionmaker, make_sessionmaker
from ledger.participants import Worker
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation
from reports.html_report import render_html_report
from reports.loading import load_report
from reports.month_report import ReportFormat, write_report
from reports.xlsx_cells import money_format
from reports.xlsx_sheets import WORKER_COLUMNS

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_reports"
MONTH = Month(2026, 10)
PAY_DATES = (date(2026, 10, 2), date(2026, 10, 9), date(2026, 10, 16), date(2026, 10, 23))
TARGET_RATIO, TARGET_PEAK_MB, TARGET_HTML_SECONDS = 1.3, 300, 1.0
CENT = Decimal("0.01")


# --- The month ------------------------------------------------------------------------


def write_month(engine: Engine, season: Season, total: int) -> int:
    """The program, its workers, a year of payments and the month's payroll; returns lines."""
    ids = setup_program(engine, season)  # reconcile_bench's program, parties, commodity
    each = total // (season.suppliers * len(PAY_DATES))
    workers = _workers(engine, season, ids, each)
    batches = _batches(engine, season, ids)
    write_rows(engine, lines.PaymentLine.__table__, _payments(season, ids, batches))
    return write_rows(engine, lines.PayrollLine.__table__, _payroll(season, ids, workers, batches))


def _workers(
    engine: Engine, season: Season, ids: dict[str, int], each: int
) -> dict[str, list[int]]:
    """`each` workers per supplier, named; now and then a name that looks like a formula."""
    rows = (
        {
            "program_id": ids["program"],
            "supplier_id": ids[supplier],
            "worker_id": f"{n:05d}",
            "name": f'=HYPERLINK("http://x.example","{n}")' if n % 997 == 0 else f"Worker {n}",
            "lookup_digest": hashlib.sha256(f"{supplier}:{n}".encode()).hexdigest(),
        }
        for supplier in season.supplier_codes()
        for n in range(each)
    )
    write_rows(engine, Worker.__table__, rows)
    found: dict[str, list[int]] = {}
    codes = {ids[supplier]: supplier for supplier in season.supplier_codes()}
    with engine.connect() as connection:
        query = select(Worker.supplier_id, Worker.id).where(Worker.program_id == ids["program"])
        for supplier_id, worker in connection.execute(query.order_by(Worker.id)):
            found.setdefault(codes[supplier_id], []).append(worker)
    return found


def _batches(engine: Engine, season: Season, ids: dict[str, int]) -> dict[str, int]:
    names = [f"payments:{buyer}" for buyer in season.buyer_codes()]
    names += [f"payroll:{supplier}" for supplier in season.supplier_codes()]
    rows = (
        {
            "program_id": ids["program"],
            "kind": name.split(":")[0],
            "party_id": ids[name.split(":")[1]],
            "filename": name,
            "file_sha256": hashlib.sha256(name.encode()).hexdigest(),
            "sheet": None,
            "rows": 0,
            "entries": 0,
            "premium": Decimal(0),
            "created_by": "bench",
        }
        for name in names
    )
    write_rows(engine, ImportBatch.__table__, rows)
    with engine.connect() as connection:
        return dict(connection.execute(select(ImportBatch.filename, ImportBatch.id)).all())


def _payments(
    season: Season, ids: dict[str, int], batches: dict[str, int]
) -> Iterator[dict[str, Any]]:
    """A payment per pair on the 5th of each month of the year to October."""
    month = MONTH
    for back in range(12):
        for pair, (buyer, supplier) in enumerate(season.pairs()):
            yield {
                "batch_id": batches[f"payments:{buyer}"],
                "row": back * 1000 + pair,
                "buyer_id": ids[buyer],
                "supplier_id": ids[supplier],
                "paid_on": month.first_day + timedelta(days=4),
                "reference": f"ACH-{supplier}-{month}",
                "currency": "USD",
                "amount": Decimal(900 + pair),
                "fx_rate": None,
                "program_amount": Decimal(900 + pair),
            }
        month = month.previous()


def _payroll(
    season: Season, ids: dict[str, int], workers: dict[str, list[int]], batches: dict[str, int]
) -> Iterator[dict[str, Any]]:
    """Every worker on every pay date, by hours; one line in a thousand off its share."""
    for supplier in season.supplier_codes():
        for week, paid in enumerate(PAY_DATES):
            start = paid - timedelta(days=11)
            for row, worker in enumerate(workers[supplier]):
                hours = Decimal(200 + (worker * 7 + week * 13) % 300) / 10
                premium = (hours * Decimal("0.30")).quantize(CENT)
                if (worker + week) % 1000 == 0:
                    premium += 1
                yield {
                    "batch_id": batches[f"payroll:{supplier}"],
                    "row": week * 10_000 + row + 2,
                    "supplier_id": ids[supplier],
                    "worker_id": worker,
                    "period_start": start,
                    "period_end": start + timedelta(days=6),
                    "pay_date": paid,
                    "hours": hours,
                    "gross_wages": None,
                    "units": None,
                    "crew": None,
                    "premium": premium,
                    "retention": (premium * Decimal("0.0765")).quantize(CENT),
                }


# --- Timed, each in a fresh process ----------------------------------------------------


def time_xlsx(url: str, program: str, path: str) -> dict[str, float]:
    """The XLSX report of the month, worker lines streamed from the database."""
    engine = make_engine(url)
    started, cpu = time.perf_counter(), time.process_time()
    with make_reading_sessionmaker(engine).begin() as session, open(path, "wb") as out:
        write_report(session, program, MONTH, ReportFormat.XLSX, out)
    return _figures(started, cpu)


def time_html(url: str, program: str) -> dict[str, float]:
    """The HTML summary: the stored run, the twelve-month series, rendered; no worker lines."""
    engine = make_engine(url)
    started, cpu = time.perf_counter(), time.process_time()
    with make_reading_sessionmaker(engine).begin() as session:
        report, _ = load_report(session, program, MONTH)
    render_html_report(report)
    return _figures(started, cpu)


def time_floor(rows: int, path: str) -> dict[str, float]:
    """Raw xlsxwriter: the same number of worker-line rows of the same shape, no database."""
    shapes = [
        ("S-001", f"{n:05d}", f"Worker {n}", 46289, 46295, 46300, Decimal(200 + n % 300) / 10,
         (Decimal(n % 300) * CENT).quantize(Decimal("0.0001")), Decimal("0.9300"),
         "ALLOCATION_DEVIATION" if n % 1000 == 0 else "")
        for n in range(2500)
    ]  # fmt: skip
    started, cpu = time.perf_counter(), time.process_time()
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Worker lines")
    header = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": money_format(2)})
    quantity = workbook.add_format({"num_format": "#,##0.########"})
    for col, column in enumerate(WORKER_COLUMNS):
        sheet.set_column(col, col, column.width)
        sheet.write_string(0, col, column.header, header)
    text, number = sheet.write_string, sheet.write_number
    for row, shape in enumerate(islice(cycle(shapes), rows), start=1):
        supplier, worker, name, start, end, paid, hours, premium, retention, flagged = shape
        text(row, 0, supplier, None)
        text(row, 1, worker, None)
        text(row, 2, name, None)
        number(row, 3, start, day)
        number(row, 4, end, day)
        number(row, 5, paid, day)
        number(row, 6, hours, quantity)
        number(row, 9, premium, money)
        number(row, 10, retention, money)
        if flagged:
            text(row, 11, flagged)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, rows, len(WORKER_COLUMNS) - 1)
    workbook.close()
    return _figures(started, cpu)


def _figures(started: float, cpu: float) -> dict[str, float]:
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _fresh(function: Any, *args: Any) -> Any:
    """What `function` returns when run in a new process."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


# --- Running --------------------------------------------------------------------------


def prepare(name: str, total: int, sqlite_path: Path, reuse: bool) -> str:
    """The engine's database with the month generated and reconciled; returns its URL."""
    # reconcile_bench's fresh_engine reads the same variable; this benchmark's own default.
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_URL)
    if reuse:
        return f"sqlite:///{sqlite_path}" if name == "sqlite" else os.environ["BENCH_DATABASE_URL"]
    engine = fresh_engine(name, sqlite_path)
    started = time.perf_counter()
    written = write_month(engine, Season(), total)
    analyse(engine)
    with make_sessionmaker(engine).begin() as session:
        run_reconciliation(session, Season().code, MONTH, "bench")
    print(
        f"{name}: {written} lines generated and reconciled in"
        f" {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    return url


def run(engines: list[str], total: int, sqlite_path: Path, reuse: bool) -> list[dict[str, str]]:
    """Every figure on every engine, beside the floor; the rows `measure()` returns.

    The floor is measured again right before each engine's report: on a shared
    machine the load changes within minutes, and a ratio is only fair between
    neighbours. CPU time (this process's own) is printed beside the wall clock.
    """
    folder = Path(tempfile.mkdtemp(prefix="report-bench-"))
    found: dict[str, dict[str, dict[str, float]]] = {}
    for name in engines:
        # Generated in a process of its own too: a child's ru_maxrss starts from its
        # parent's high-water mark (Linux keeps it across fork and exec), so the parent
        # must stay small for the children's peaks to be their own.
        url = _fresh(prepare, name, total, sqlite_path, reuse)
        floor = _fresh(time_floor, total, str(folder / "floor.xlsx"))
        xlsx = _fresh(time_xlsx, url, Season().code, str(folder / f"{name}.xlsx"))
        html = _fresh(time_html, url, Season().code)
        found[name] = {"floor": floor, "xlsx": xlsx, "html": html}
        print(
            f"{name}: floor {_timing(floor)}, peak {floor['peak_mb']:.0f} MB;"
            f" XLSX {_timing(xlsx)} = {_ratio(found[name])} x floor,"
            f" peak {xlsx['peak_mb']:.0f} MB; HTML summary {html['seconds']:.2f} s",
            flush=True,
        )
    return _rows(found, total)


def _timing(figures: dict[str, float]) -> str:
    return f"{figures['seconds']:.1f} s (cpu {figures['cpu']:.1f} s)"


def _ratio(found: dict[str, dict[str, float]]) -> str:
    return f"{found['xlsx']['seconds'] / found['floor']['seconds']:.2f}"


def _rows(found: dict[str, dict[str, dict[str, float]]], total: int) -> list[dict[str, str]]:
    def cell(name: str, show: Any) -> str:
        return show(found[name]) if name in found else "-"

    def floors(show: Any) -> str:
        return " / ".join(show(found[name]["floor"]) for name in found)

    rows = [
        (f"XLSX report, {total:,} worker lines",
         lambda f: f"{f['xlsx']['seconds']:.1f} s = {_ratio(f)}x",
         f"<= {TARGET_RATIO}x floor", floors(lambda f: f"{f['seconds']:.1f} s")),
        ("XLSX report peak memory", lambda f: f"{f['xlsx']['peak_mb']:.0f} MB",
         f"< {TARGET_PEAK_MB} MB", floors(lambda f: f"{f['peak_mb']:.0f} MB")),
        ("HTML summary (no worker lines)", lambda f: f"{f['html']['seconds']:.2f} s",
         f"< {TARGET_HTML_SECONDS:.0f} s", "-"),
    ]  # fmt: skip
    return [
        {
            "operation": operation,
            "sqlite": cell("sqlite", show),
            "postgresql": cell("postgresql", show),
            "target": target,
            "floor": floor_text,
        }
        for operation, show, target, floor_text in rows
    ]


def measure() -> list[dict[str, str]]:
    """The benchmark's figures at full size on both engines, as rows for bench/run_all.py."""
    sqlite_path = Path(tempfile.gettempdir()) / "report-bench.db"
    return run(["sqlite", "postgresql"], 1_000_000, sqlite_path, reuse=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--lines", type=int, default=1_000_000, help="worker lines of the month")
    parser.add_argument(
        "--sqlite-path", type=Path, default=Path(tempfile.gettempdir()) / "report-bench.db"
    )
    parser.add_argument("--reuse", action="store_true", help="time the databases already made")
    parser.add_argument(bench_rows.ROWS_FLAG, action="store_true", help="print run_all's rows")
    options = parser.parse_args()
    rows = run(options.engines.split(","), options.lines, options.sqlite_path, options.reuse)
    if options.rows_json:
        bench_rows.emit(rows)
        return
    print(f"{'operation':<36} {'sqlite':>16} {'postgresql':>16} {'target':>16} {'floor':>10}")
    for row in rows:
        print(f"{row['operation']:<36} {row['sqlite']:>16} {row['postgresql']:>16}"
              f" {row['target']:>16} {row['floor']:>10}")  # fmt: skip


if __name__ == "__main__":
    main()
