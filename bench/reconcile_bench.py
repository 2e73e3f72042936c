"""Benchmark of a month's reconciliation: a year of a large program, on SQLite and PostgreSQL.

The program: 20 buyers, 100 suppliers (each selling to two buyers), 30,000
workers (300 per supplier), one commodity, and a year (2026) of stored lines:
weekly purchases and sales per buyer-supplier pair, monthly payments and their
receipts, and 1,000,000 weekly payroll lines (a few hundred of them duplicates
and skipped workers, to give the allocation checks work), plus one superseded
payroll batch that must count nowhere.

The lines are generated straight into the line tables, in batches as uploads
would make them: psycopg COPY on PostgreSQL, a Core executemany on SQLite. No
journal entries are posted: reconciliation reads the stored lines, never the
postings, so entries would only lengthen the set-up (`entry_id` stays NULL).

Each month is then timed in a fresh process (so that its peak memory is the
reconciliation's own): `load_books` plus `reconcile_month`, the figure the
target is about (≤ 3 s, peak < 1 GB), first cold as a command would run it,
then warm, with the process's CPU time beside (on a busy machine the wall
clock also counts waiting for a processor); and the whole stored run
(`run_reconciliation`: also the standing review and storing the run).

    .venv/bin/python bench/reconcile_bench.py                   # both engines
    .venv/bin/python bench/reconcile_bench.py --engines sqlite --months 2026-12
    .venv/bin/python bench/reconcile_bench.py --reuse           # time again, no generation
    BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/reconcile_bench.py

The PostgreSQL database's schema `public` is dropped and recreated (default:
the test database, which the test suite also resets); the SQLite file is kept
at --sqlite-path for --reuse.
"""

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_rows
from sqlalchemy import Engine, Table, select, text, update

from ledger import lines
from ledger.batches import ImportBatch
from ledger.database import make_engine, make_sessionmaker, upgrade
from ledger.participants import Party, Program, Worker
from ledger.program_tables import Commodity
from reconciliation.loader import load_books
from reconciliation.month import reconcile_month
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET_SECONDS = 3.0
TARGET_PEAK_MB = 1024
CENT = Decimal("0.01")
FIRST_MONDAY = date(2025, 12, 29)  # the first weekly pay period; paid on 2026-01-09


# --- The season -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Season:
    """The program's size and rhythm; ids are filled in as the rows are written."""

    code: str = "BENCH"
    buyers: int = 20
    suppliers: int = 100
    workers_each: int = 300
    weeks: int = 52
    payroll_lines: int = 1_000_000

    def buyer_codes(self) -> list[str]:
        return [f"B-{b:02d}" for b in range(1, self.buyers + 1)]

    def supplier_codes(self) -> list[str]:
        return [f"S-{s:03d}" for s in range(1, self.suppliers + 1)]

    def pairs(self) -> list[tuple[str, str]]:
        """Each supplier sells to two buyers."""
        buyers = self.buyer_codes()
        return [
            (buyers[pick % self.buyers], supplier)
            for i, supplier in enumerate(self.supplier_codes())
            for pick in (i, i * 7 + 3 + (i % self.buyers == (i * 7 + 3) % self.buyers))
        ]

    def lines_per_week(self, index: int) -> int:
        """Lines of one supplier-week, so that the year has exactly `payroll_lines`."""
        weeks = self.suppliers * self.weeks
        return self.payroll_lines // weeks + (index < self.payroll_lines % weeks)


def week(k: int) -> tuple[date, date, date]:
    """Week k's pay period (Monday to Sunday) and its pay date (the Friday after)."""
    start = FIRST_MONDAY + timedelta(weeks=k)
    return start, start + timedelta(days=6), start + timedelta(days=11)


def write_season(engine: Engine, season: Season) -> dict[str, int]:
    """Write the program, its parties and workers, batches and every line."""
    ids = _setup(engine, season)
    workers = _workers(engine, season, ids)
    batches = _batches(engine, season, ids)
    counts = {
        "purchases": write_rows(
            engine, lines.PurchaseLine.__table__, _trade(season, ids, batches, "purchases")
        ),
        "sales": write_rows(
            engine, lines.SaleLine.__table__, _trade(season, ids, batches, "sales")
        ),
        "payments": write_rows(
            engine, lines.PaymentLine.__table__, _money(season, ids, batches, "payments")
        ),
        "receipts": write_rows(
            engine, lines.ReceiptLine.__table__, _money(season, ids, batches, "receipts")
        ),
        "payroll": write_rows(
            engine, lines.PayrollLine.__table__, _payroll(season, ids, workers, batches)
        ),
    }
    _supersede(engine, batches)
    return counts


def _setup(engine: Engine, season: Season) -> dict[str, int]:
    with make_sessionmaker(engine).begin() as session:
        program = Program(
            code=season.code, name="Benchmark", currency="USD", retention_rate=Decimal("0.0765")
        )
        session.add(program)
        session.flush()
        roles = [("buyer", c) for c in season.buyer_codes()]
        parties = [
            Party(program_id=program.id, role=role, code=code, code_key=code.lower(), name=code)
            for role, code in roles + [("supplier", c) for c in season.supplier_codes()]
        ]
        commodity = Commodity(
            program_id=program.id, code="tomato", code_key="tomato", base_unit="lb"
        )
        session.add_all([*parties, commodity])
        session.flush()
        return {"program": program.id, "tomato": commodity.id} | {p.code: p.id for p in parties}


def _workers(engine: Engine, season: Season, ids: dict[str, int]) -> dict[tuple[int, int], int]:
    write_rows(
        engine,
        Worker.__table__,
        (
            {
                "program_id": ids["program"],
                "supplier_id": ids[supplier],
                "worker_id": f"{n:05d}",
                "name": "",
                "lookup_digest": f"{i * season.workers_each + n:064x}",
            }
            for i, supplier in enumerate(season.supplier_codes())
            for n in range(season.workers_each)
        ),
    )
    with engine.connect() as connection:
        found = connection.execute(select(Worker.id, Worker.supplier_id, Worker.worker_id))
        return {(supplier_id, int(number)): pk for pk, supplier_id, number in found}


def _batches(engine: Engine, season: Season, ids: dict[str, int]) -> dict[str, int]:
    names = [
        f"{kind}:{buyer}:{m:02d}"
        for m in range(1, 13)
        for buyer in season.buyer_codes()
        for kind in ("purchases", "payments")
    ]
    names += [
        f"{kind}:{supplier}:{m:02d}"
        for m in range(1, 13)
        for supplier in season.supplier_codes()
        for kind in ("sales", "receipts", "payroll")
    ]
    names.append("payroll:S-001:12:superseded")
    write_rows(
        engine,
        ImportBatch.__table__,
        (
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
        ),
    )
    with engine.connect() as connection:
        found = connection.execute(select(ImportBatch.filename, ImportBatch.id))
        return {name: batch_id for name, batch_id in found}


def _supersede(engine: Engine, batches: dict[str, int]) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(ImportBatch)
            .where(ImportBatch.id == batches["payroll:S-001:12"])
            .values(supersedes_id=batches["payroll:S-001:12:superseded"])
        )


def _quantity(pair: int, k: int) -> Decimal:
    return Decimal(100_000 + (pair * 7919 + k * 104_729) % 17_000)


def _trade(
    season: Season, ids: dict[str, int], batches: dict[str, int], kind: str
) -> Iterator[dict[str, Any]]:
    """Weekly purchases of every pair, or the suppliers' sales (some under-reported)."""
    for pair, (buyer, supplier) in enumerate(season.pairs()):
        for k in range(season.weeks):
            on = FIRST_MONDAY + timedelta(weeks=k + 1)
            quantity = _quantity(pair, k)
            if kind == "sales" and pair % 11 == 0:
                quantity = (quantity * Decimal("0.95")).quantize(Decimal(1))
            party = buyer if kind == "purchases" else supplier
            yield {
                "batch_id": batches[f"{kind}:{party}:{on.month:02d}"],
                "row": k + 2,
                "buyer_id": ids[buyer],
                "supplier_id": ids[supplier],
                "commodity_id": ids["tomato"],
                "quantity": quantity,
                "unit": "lb",
                "quantity_base": quantity,
                "purchase_date" if kind == "purchases" else "sale_date": on,
                "reference": f"{kind[:2].upper()}-{supplier}-{k}",
                "rate": CENT,
                "premium" if kind == "purchases" else "premium_value": quantity * CENT,
            }


def _money(
    season: Season, ids: dict[str, int], batches: dict[str, int], kind: str
) -> Iterator[dict[str, Any]]:
    """Monthly payments of last month's premium (some short), or their receipts (some missing)."""
    for pair, (buyer, supplier) in enumerate(season.pairs()):
        for month in range(2, 13):
            weeks = [
                k
                for k in range(season.weeks)
                if (FIRST_MONDAY + timedelta(weeks=k + 1)).month == month - 1
            ]
            amount = (
                sum(_quantity(pair, k) for k in weeks)
                * CENT
                * (Decimal("0.8") if pair % 17 == 0 else 1)
            )
            paid_on, reference = date(2026, month, 10), f"ACH-{supplier}-{month}"
            common = {
                "buyer_id": ids[buyer],
                "supplier_id": ids[supplier],
                "reference": reference,
                "row": month,
            }
            if kind == "payments":
                yield common | {
                    "batch_id": batches[f"payments:{buyer}:{month:02d}"],
                    "paid_on": paid_on,
                    "currency": "USD",
                    "amount": amount.quantize(CENT),
                    "fx_rate": None,
                    "program_amount": amount.quantize(CENT),
                }
            elif pair % 13:
                yield common | {
                    "batch_id": batches[f"receipts:{supplier}:{month:02d}"],
                    "received_on": paid_on + timedelta(days=2),
                    "amount": amount.quantize(CENT),
                }


def _payroll(
    season: Season,
    ids: dict[str, int],
    workers: dict[tuple[int, int], int],
    batches: dict[str, int],
) -> Iterator[dict[str, Any]]:
    """Weekly lines by hours; now and then a duplicate or a skipped worker."""
    for i, supplier in enumerate(season.supplier_codes()):
        for k in range(season.weeks):
            start, end, pay_date = week(k)
            paid = [
                (k * 37 + j) % season.workers_each
                for j in range(season.lines_per_week(i * season.weeks + k))
            ]
            if paid and (i + k) % 50 == 0:  # a week may have no line in a quick try
                paid[-1] = paid[0]
            for j, worker in enumerate(paid):
                hours = Decimal(200 + (worker * 7 + k * 13) % 300) / 10
                premium = (
                    Decimal(0)
                    if j == 5 and (i + k) % 40 == 0
                    else (hours * Decimal("0.30")).quantize(CENT)
                )
                line = {
                    "batch_id": batches[f"payroll:{supplier}:{pay_date.month:02d}"],
                    "row": j + 2,
                    "supplier_id": ids[supplier],
                    "worker_id": workers[(ids[supplier], worker)],
                    "period_start": start,
                    "period_end": end,
                    "pay_date": pay_date,
                    "hours": hours,
                    "gross_wages": None,
                    "units": None,
                    "crew": None,
                    "premium": premium,
                    "retention": (premium * Decimal("0.0765")).quantize(CENT, ROUND_HALF_UP),
                }
                yield line
                if line["batch_id"] == batches["payroll:S-001:12"]:
                    yield line | {
                        "batch_id": batches["payroll:S-001:12:superseded"],
                        "premium": premium * 2,
                    }


def fresh_engine(name: str, sqlite_path: Path) -> Engine:
    """A migrated, empty database: a new SQLite file, or PostgreSQL's schema recreated."""
    if name == "sqlite":
        sqlite_path.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{sqlite_path}")
    else:
        engine = make_engine(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def time_month(url: str, program: str, month_text: str, repeats: int) -> dict[str, Any]:
    """Time one month in a process of its own: load and reconcile, then the stored run.

    The first load and reconcile is a command's cold start (statements not yet
    compiled); repeats show it warm. CPU is this process's own time: on a busy
    machine the wall clock also counts waiting for a processor.
    """
    engine = make_engine(url)
    month = Month.parse(month_text)
    timings = [_load_and_reconcile(engine, program, month) for _ in range(1 + repeats)]
    started = time.perf_counter()
    with make_sessionmaker(engine).begin() as session:
        run_reconciliation(session, program, month, "bench")
    engine.dispose()
    return {
        **timings[0],
        "warm": min(timing["load"] + timing["reconcile"] for timing in timings[1:] or timings),
        "run": time.perf_counter() - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _load_and_reconcile(engine: Engine, program: str, month: Month) -> dict[str, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    with make_sessionmaker(engine).begin() as session:
        program_id = session.execute(
            text("SELECT id FROM programs WHERE code = :code"), {"code": program}
        ).scalar_one()
        books = load_books(session, program_id, month.last_day)
    loaded = time.perf_counter()
    result = reconcile_month(books, month)
    return {
        "payroll_lines": sum(row.payroll_lines for row in result.suppliers),
        "findings": len(result.findings),
        "load": loaded - started,
        "reconcile": time.perf_counter() - loaded,
        "cpu": time.process_time() - cpu,
    }


def run_engine(name: str, options: argparse.Namespace) -> list[dict[str, Any]]:
    """Generate the season on one engine (unless reused), then time each month afresh."""
    season = Season(payroll_lines=options.payroll_lines)
    if options.reuse:
        url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
        url = f"sqlite:///{options.sqlite_path}" if name == "sqlite" else url
    else:
        engine = fresh_engine(name, options.sqlite_path)
        url = engine.url.render_as_string(hide_password=False)
        started = time.perf_counter()
        counts = write_season(engine, season)
        analyse(engine)
        print(f"{name}: generated in {time.perf_counter() - started:.0f} s: {counts}", flush=True)
        engine.dispose()
    timings = []
    for month in options.months.split(","):
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            timing = pool.submit(time_month, url, season.code, month, options.repeats).result()
        timings.append({"engine": name, "month": month, **timing})
        print(_line(timings[-1]), flush=True)
    return timings


def write_rows(engine: Engine, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows into a table in chunks: COPY on PostgreSQL, executemany on SQLite."""
    written = 0
    for chunk in _chunks(rows, 50_000):
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                _copy(connection, table, chunk)
            else:
                connection.execute(table.insert(), chunk)
        written += len(chunk)
    return written


def _copy(connection: Any, table: Table, chunk: list[dict[str, Any]]) -> None:
    columns = list(chunk[0])
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in chunk:
            copy.write_row([row[column] for column in columns])


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyse(engine: Engine) -> None:
    """Fresh planner statistics, as a database in service would have."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _line(timing: dict[str, Any]) -> str:
    seconds = timing["load"] + timing["reconcile"]
    met = max(seconds, timing["warm"]) <= TARGET_SECONDS and timing["peak_mb"] < TARGET_PEAK_MB
    return (
        f"{timing['engine']:<10} {timing['month']}  {timing['payroll_lines']:>6} lines"
        f" {timing['findings']:>4} findings  load {timing['load']:4.2f} s"
        f" + reconcile {timing['reconcile']:4.2f} s = {seconds:4.2f} s (cpu {timing['cpu']:4.2f} s)"
        f"  warm {timing['warm']:4.2f} s  stored run {timing['run']:4.2f} s"
        f"  peak {timing['peak_mb']:4.0f} MB  {'ok' if met else 'SLOW'}"
    )


def rows_of(timings: list[dict[str, Any]]) -> list[dict[str, str]]:
    """run_all's rows: each month's load + reconcile (cold, warm), and the stored run."""
    by_month: dict[str, dict[str, dict[str, Any]]] = {}
    for timing in timings:
        by_month.setdefault(timing["month"], {})[timing["engine"]] = timing

    def shown(timing: dict[str, Any] | None) -> str:
        if timing is None:
            return "–"
        cold = timing["load"] + timing["reconcile"]
        return f"{cold:.2f} s cold, {timing['warm']:.2f} s warm, {timing['peak_mb']:.0f} MB"

    rows = []
    target = f"<= {TARGET_SECONDS:g} s, peak < {TARGET_PEAK_MB} MB"
    for month, engines in by_month.items():
        lines = next(iter(engines.values()))["payroll_lines"]
        rows.append(
            bench_rows.row(
                f"reconcile {month} ({lines:,} payroll lines): load + reconcile",
                shown(engines.get("sqlite")),
                shown(engines.get("postgresql")),
                target,
            )
        )
        runs = {name: f"{timing['run']:.2f} s" for name, timing in engines.items()}
        rows.append(
            bench_rows.row(
                f"reconcile {month}: whole stored run",
                runs.get("sqlite", "–"),
                runs.get("postgresql", "–"),
            )
        )
    return rows


def measure(argv: list[str] | None = None) -> list[dict[str, str]]:
    """run_all's rows, at the default size unless `argv` says otherwise."""
    options = parse_args(argv or [])
    return rows_of([t for name in options.engines.split(",") for t in run_engine(name, options)])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--months", default="2026-06,2026-12", help="comma-separated YYYY-MM")
    parser.add_argument("--repeats", type=int, default=2, help="warm repeats per month")
    parser.add_argument("--payroll-lines", type=int, default=1_000_000, help="for a quick try")
    parser.add_argument(
        "--sqlite-path", type=Path, default=Path(tempfile.gettempdir()) / "reconcile-bench.db"
    )
    parser.add_argument("--reuse", action="store_true", help="time the databases already generated")
    parser.add_argument(bench_rows.ROWS_FLAG, action="store_true", help="print run_all's rows")
    return parser.parse_args(argv)


def main() -> None:
    options = parse_args()
    print(f"target: load + reconcile <= {TARGET_SECONDS} s, peak < {TARGET_PEAK_MB} MB")
    timings = [t for name in options.engines.split(",") for t in run_engine(name, options)]
    if options.rows_json:
        bench_rows.emit(rows_of(timings))


if __name__ == "__main__":
    main()
