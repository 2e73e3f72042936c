"""Benchmark of the journal: bulk posting under every database guard, and balance queries.

Posts a realistic mix of entries (purchase lines, payments, payroll lines, now and then a
many-leg payroll summary) through `ledger.journal.post_many`, one transaction per upload
of `--batch-entries` entries, into a fresh SQLite file and into PostgreSQL; then times
`ledger.balances.balances` and `account_balance`, first over what was posted and again
once the journal holds `--postings-for-queries` postings. Beside the journal it measures
the floor on the same machine in the same run: the same posting rows inserted into a bare
table of the same shape (same two indexes, no triggers, no foreign keys) with a plain
SQLAlchemy Core executemany and, on PostgreSQL, with psycopg COPY.

    .venv/bin/python bench/ledger_bench.py                  # 100,000 entries, 1M postings
    .venv/bin/python bench/ledger_bench.py --quick          # 10,000 entries, 100k postings
    BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/ledger_bench.py

The PostgreSQL database's schema `public` is dropped and recreated.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_rows
from moneyed import Money
from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from ledger import journal
from ledger.balances import account_balance, balances
from ledger.batches import ImportBatch
from ledger.books import Account
from ledger.database import make_engine, make_sessionmaker, upgrade
from ledger.entries import Entry, Posting, Source
from ledger.money import currency, round_half_up
from ledger.orm import Amount
from ledger.participants import Party, Program

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
USD = currency("USD")
RETENTION_RATE = Decimal("0.0765")
FIRST_DAY = date(2025, 1, 1)


# --- The workload -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Population:
    """The parties of the program: a few buyers, dozens of growers, thousands of workers."""

    buyers: tuple[str, ...]
    buyer_weights: tuple[float, ...]
    suppliers: tuple[str, ...]
    workers: dict[str, tuple[str, ...]]

    @classmethod
    def make(cls, buyers: int = 14, suppliers: int = 40, workers_each: int = 150) -> "Population":
        """Buyers weighted like real volumes: the largest buys many times the smallest."""
        supplier_codes = tuple(f"GRW-{s:03d}" for s in range(1, suppliers + 1))
        return cls(
            buyers=tuple(f"BUY-{b:02d}" for b in range(1, buyers + 1)),
            buyer_weights=tuple(1 / b for b in range(1, buyers + 1)),
            suppliers=supplier_codes,
            workers={
                s: tuple(f"E{i:05d}" for i in range(10_000, 10_000 + workers_each))
                for s in supplier_codes
            },
        )


def usd(amount: Decimal) -> Money:
    return Money(amount, USD)


def cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)).scaleb(-2)


@dataclass(slots=True)
class Workload:
    """A deterministic stream of realistic entries, upload after upload."""

    population: Population
    rng: random.Random = field(default_factory=lambda: random.Random(20261125))
    uploads: int = 0

    def upload(self, batch_id: int | None, size: int) -> list[Entry]:
        """The entries of one uploaded file, with their idempotency keys."""
        self.uploads += 1
        sha = f"{self.uploads:064x}"
        return [self.entry(Source(batch_id, "Sheet1", row), sha) for row in range(2, size + 2)]

    def entry(self, source: Source, sha: str) -> Entry:
        roll = self.rng.random()
        day = FIRST_DAY + timedelta(days=self.rng.randrange(730))
        if roll < 0.50:
            kind, party, postings = self.purchase()
        elif roll < 0.65:
            kind, party, postings = self.payment()
        elif roll < 0.99:
            kind, party, postings = self.payroll(workers=1)
        else:
            kind, party, postings = self.payroll(workers=self.rng.randint(4, 48))
        key = f"{kind}:{party}:{sha}:{source.sheet}:{source.row}"
        return Entry(kind, day, postings, kind, source, key)

    def buyer(self) -> str:
        p = self.population
        return self.rng.choices(p.buyers, p.buyer_weights)[0]

    def purchase(self) -> tuple[str, str, tuple[Posting, ...]]:
        buyer, supplier = self.buyer(), self.rng.choice(self.population.suppliers)
        premium = cents(self.rng, 100, 900_000)
        return (
            "purchase",
            buyer,
            _move(f"buyers:{buyer}:committed", f"payable:{buyer}:{supplier}", premium),
        )

    def payment(self) -> tuple[str, str, tuple[Posting, ...]]:
        buyer, supplier = self.buyer(), self.rng.choice(self.population.suppliers)
        paid = cents(self.rng, 10_000, 5_000_000)
        return (
            "payment",
            buyer,
            _move(f"payable:{buyer}:{supplier}", f"suppliers:{supplier}:held", paid),
        )

    def payroll(self, workers: int) -> tuple[str, str, tuple[Posting, ...]]:
        """One worker's payroll line, or a summary paying several workers at once."""
        supplier = self.rng.choice(self.population.suppliers)
        chosen = self.rng.sample(self.population.workers[supplier], workers)
        premiums = [cents(self.rng, 100, 60_000) for _ in chosen]
        retained = sum((round_half_up(p * RETENTION_RATE, 2) for p in premiums), Decimal(0))
        legs = [
            Posting(f"workers:{supplier}:{w}", usd(p))
            for w, p in zip(chosen, premiums, strict=True)
        ]
        legs.append(Posting(f"suppliers:{supplier}:retained", usd(retained)))
        legs.append(Posting(f"suppliers:{supplier}:held", usd(-sum(premiums) - retained)))
        return "payroll", supplier, tuple(legs)


def _move(source: str, target: str, amount: Decimal) -> tuple[Posting, ...]:
    return (Posting(source, usd(-amount)), Posting(target, usd(amount)))


# --- Posting through the journal ----------------------------------------------------


@dataclass(slots=True)
class Throughput:
    """Rows written and seconds spent, summed over transactions."""

    entries: int = 0
    postings: int = 0
    seconds: float = 0.0

    def add(self, entries: int, postings: int, seconds: float) -> None:
        self.entries += entries
        self.postings += postings
        self.seconds += seconds

    def per_second(self, count: int) -> float:
        return count / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class Books:
    """The program the bench posts to, on one engine."""

    engine: Engine
    program_id: int
    buyer_id: int
    workload: Workload


def open_books(engine: Engine) -> Books:
    with make_sessionmaker(engine).begin() as session:
        program = Program(code="BENCH", name="Bench program", currency="USD")
        session.add(program)
        session.flush()
        buyer = Party(
            program_id=program.id, role="buyer", code="BUY-01", code_key="buy-01", name="Buyer"
        )
        session.add(buyer)
        session.flush()
        return Books(engine, program.id, buyer.id, Workload(Population.make()))


def post_uploads(books: Books, entries: int, per_upload: int) -> Throughput:
    """Post `entries` entries, one transaction per upload; only the transactions are timed."""
    sessions = make_sessionmaker(books.engine)
    done = Throughput()
    while done.entries < entries:
        size = min(per_upload, entries - done.entries)
        batch_id = _new_batch(sessions, books, size)
        upload = books.workload.upload(batch_id, size)
        legs = sum(len(e.postings) for e in upload)
        started = time.perf_counter()
        with sessions.begin() as session:
            summary = journal.post_many(session, books.program_id, upload)
        done.add(summary.created, legs, time.perf_counter() - started)
    return done


def _new_batch(sessions: Callable[[], Session], books: Books, rows: int) -> int:
    with sessions() as session, session.begin():
        batch = ImportBatch(
            program_id=books.program_id,
            kind="purchases",
            party_id=books.buyer_id,
            filename=f"upload-{books.workload.uploads + 1}.xlsx",
            file_sha256=f"{books.workload.uploads + 1:064x}",
            rows=rows,
            entries=rows,
            premium=Decimal(0),
        )
        session.add(batch)
        session.flush()
        return batch.id


def fill_to(books: Books, postings: int, per_upload: int) -> Throughput:
    """Post further uploads until the journal holds at least `postings` postings."""
    done = Throughput()
    while (held := _postings_held(books.engine)) < postings:
        # About 2.6 legs per entry: aim a little short, the loop tops up.
        entries = max(1, min(per_upload, (postings - held) * 10 // 26))
        step = post_uploads(books, entries, per_upload)
        done.add(step.entries, step.postings, step.seconds)
    return done


def _postings_held(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT count(*) FROM postings")) or 0)


# --- Balance queries ----------------------------------------------------------------


def median_ms(query: Callable[[], object], repeats: int = 7) -> float:
    """Median wall time of a query after one warm-up run, in milliseconds."""
    query()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        query()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def time_balances(books: Books) -> dict[str, Any]:
    """All accounts' balances, the busiest account's, and one worker's."""
    busiest, legs = _busiest_account(books)
    with Session(books.engine) as session:
        return {
            "busiest legs": legs,
            "all": median_ms(lambda: balances(session, books.program_id)),
            "busiest": median_ms(lambda: account_balance(session, books.program_id, busiest)),
            "worker": median_ms(
                lambda: account_balance(session, books.program_id, "workers:GRW-001:E10000")
            ),
        }


def _busiest_account(books: Books) -> tuple[str, int]:
    query = text(
        "SELECT a.name, count(*) FROM postings p JOIN accounts a ON a.id = p.account_id"
        " GROUP BY a.name ORDER BY count(*) DESC LIMIT 1"
    )
    with books.engine.connect() as connection:
        name, legs = connection.execute(query).one()
        return str(name), int(legs)


def vacuum(engine: Engine) -> None:
    """What autovacuum does after a bulk insert: statistics and the visibility map."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) accounts, entries, postings"))


# --- The floor: a bare table of the same shape --------------------------------------

BARE = Table(
    "bench_bare_postings",
    MetaData(),
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("entry_id", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("account_id", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("effective_date", Date, nullable=False),
    Index("ix_bench_bare_balance", "account_id", "currency", "effective_date", "amount"),
    Index("ix_bench_bare_entry_id", "entry_id", "currency", "amount"),
)


def bare_uploads(books: Books, entries: int, per_upload: int) -> Iterator[list[dict[str, Any]]]:
    """The posting rows of a fresh workload of the same size, upload by upload."""
    with books.engine.connect() as connection:
        accounts = {name: id_ for name, id_ in connection.execute(select(Account.name, Account.id))}
    workload = Workload(books.workload.population)
    entry_id = 0
    for start in range(0, entries, per_upload):
        rows: list[dict[str, Any]] = []
        for entry in workload.upload(None, min(per_upload, entries - start)):
            entry_id += 1
            rows.extend(_bare_row(entry_id, entry, p, accounts) for p in entry.postings)
        yield rows


def _bare_row(entry_id: int, entry: Entry, p: Posting, accounts: dict[str, int]) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "account_id": accounts.get(p.account, 0),
        "currency": p.amount.currency.code,
        "amount": p.amount.amount,
        "effective_date": entry.effective_date,
    }


def bare_executemany(books: Books, uploads: list[list[dict[str, Any]]]) -> float:
    """Rows per second of a Core executemany, one transaction per upload."""
    _fresh_bare(books.engine)
    seconds = 0.0
    for rows in uploads:
        started = time.perf_counter()
        with books.engine.begin() as connection:
            connection.execute(insert(BARE), rows)
        seconds += time.perf_counter() - started
    return sum(map(len, uploads)) / seconds


def bare_copy(books: Books, uploads: list[list[dict[str, Any]]]) -> float | None:
    """Rows per second of psycopg COPY, one transaction per upload (PostgreSQL only)."""
    if books.engine.dialect.name != "postgresql":
        return None
    _fresh_bare(books.engine)
    columns = ("entry_id", "account_id", "currency", "amount", "effective_date")
    statement = f"COPY {BARE.name} ({', '.join(columns)}) FROM STDIN"
    tuples = [[tuple(row[c] for c in columns) for row in rows] for rows in uploads]
    seconds = 0.0
    for rows in tuples:
        started = time.perf_counter()
        with books.engine.begin() as connection:
            driver = connection.connection.driver_connection
            with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(row)
        seconds += time.perf_counter() - started
    return sum(map(len, tuples)) / seconds


def _fresh_bare(engine: Engine) -> None:
    BARE.drop(engine, checkfirst=True)
    BARE.create(engine)


# --- One engine, start to end -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Options:
    entries: int
    postings_for_queries: int
    batch_entries: int


def fresh_engine(name: str, workdir: str) -> Engine:
    if name == "sqlite":
        engine = make_engine(f"sqlite:///{Path(workdir) / 'bench.db'}")
    else:
        engine = make_engine(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def run_engine(name: str, options: Options) -> dict[str, Any]:
    """Every measurement on one engine; runs in its own process so peak memory is its own."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as workdir:
        engine = fresh_engine(name, workdir)
        books = open_books(engine)
        posted = post_uploads(books, options.entries, options.batch_entries)
        vacuum(engine)
        first = time_balances(books)
        uploads = list(bare_uploads(books, options.entries, options.batch_entries))
        core, copy = bare_executemany(books, uploads), bare_copy(books, uploads)
        del uploads
        BARE.drop(engine)
        filled = fill_to(books, options.postings_for_queries, options.batch_entries)
        vacuum(engine)
        full = time_balances(books)
        held = _postings_held(engine)
        engine.dispose()
    return {
        "posted": posted,
        "first": first,
        "core": core,
        "copy": copy,
        "filled": filled,
        "full": full,
        "held": held,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": f"{load_before:.1f} / {os.getloadavg()[0]:.1f}",
    }


# --- Report -------------------------------------------------------------------------


Line = tuple[str, list[str], str]


def figure_lines(results: dict[str, dict[str, Any]]) -> list[Line]:
    """(label, one value per engine in `results`, target) for every figure of the run."""
    names = list(results)
    rows: list[Line] = []

    def line(label: str, values: Callable[[dict[str, Any]], str], target: str = "") -> None:
        rows.append((label, [values(results[n]) for n in names], target))

    def rate(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f}"

    line("journal entries/s", lambda r: rate(r["posted"].per_second(r["posted"].entries)))
    line(
        "journal postings/s",
        lambda r: rate(r["posted"].per_second(r["posted"].postings)),
        ">= 60,000 sqlite, >= 40,000 pg",
    )
    line("  bare Core executemany rows/s", lambda r: rate(r["core"]))
    line("  bare psycopg COPY rows/s", lambda r: rate(r["copy"]))
    line("postings posted", lambda r: f"{r['posted'].postings:,}")
    line("  all balances ms", lambda r: f"{r['first']['all']:.1f}")
    line("  busiest account's postings", lambda r: f"{r['first']['busiest legs']:,}")
    line("  one balance, busiest ms", lambda r: f"{r['first']['busiest']:.2f}")
    line("  one balance, a worker ms", lambda r: f"{r['first']['worker']:.2f}")
    line("fill postings/s (journal)", lambda r: rate(r["filled"].per_second(r["filled"].postings)))
    line("postings held", lambda r: f"{r['held']:,}")
    line("  all balances ms", lambda r: f"{r['full']['all']:.1f}", "< 300 sqlite, < 150 pg")
    line("  busiest account's postings", lambda r: f"{r['full']['busiest legs']:,}")
    line("  one balance, busiest ms", lambda r: f"{r['full']['busiest']:.2f}", "< 5")
    line("  one balance, a worker ms", lambda r: f"{r['full']['worker']:.2f}", "< 5")
    line("peak RSS MB", lambda r: f"{r['rss_mb']:.0f}")
    line("load average before / after", lambda r: str(r["load"]), f"{os.cpu_count()} CPUs")
    return rows


def report(results: dict[str, dict[str, Any]], options: Options) -> None:
    names = list(results)
    lines = figure_lines(results)
    _print_table(["", *names, "target"], [[label, *vals, target] for label, vals, target in lines])
    print(
        f"\n{options.entries:,} entries, one transaction per {options.batch_entries:,}-entry "
        "upload; query times are medians of 7 warm runs, after VACUUM (ANALYZE) on PostgreSQL."
    )


def rows_of(results: dict[str, dict[str, Any]], options: Options) -> list[dict[str, str]]:
    """The run's figures as run_all rows; the journal's floor is the bare insert beside it."""
    names = list(results)
    by_label = {
        label: dict(zip(names, vals, strict=True)) for label, vals, _ in figure_lines(results)
    }
    floors = by_label["  bare Core executemany rows/s"], by_label["  bare psycopg COPY rows/s"]
    rows = []
    section = f"{options.entries:,} entries"
    for label, vals, target in figure_lines(results):
        if label.startswith("  bare "):
            continue  # shown as the floor of the postings/s row
        if label == "postings held":
            section = f"{label} {vals[0]}"
        values = dict(zip(names, vals, strict=True))
        floor = ""
        if label == "journal postings/s":
            floor = (
                f"executemany {floors[0].get('sqlite', '-')} sqlite, "
                f"COPY {floors[1].get('postgresql', '-')} pg"
            )
        rows.append(
            bench_rows.row(
                f"ledger ({section}): {label.strip()}",
                values.get("sqlite", "–"),
                values.get("postgresql", "–"),
                target,
                floor,
            )
        )
    return rows


def _print_table(header: list[str], body: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, *body]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True)]
        cells.append(row[-1].ljust(widths[-1]))
        print("  ".join(cells).rstrip())


def parse_options(argv: list[str] | None = None) -> tuple[Options, list[str], bool]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--postings-for-queries", type=int, default=1_000_000)
    parser.add_argument("--batch-entries", type=int, default=10_000, help="entries per upload")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--quick", action="store_true", help="10,000 entries and 100,000 postings for queries"
    )
    parser.add_argument(bench_rows.ROWS_FLAG, action="store_true", help="print run_all's JSON rows")
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.postings_for_queries = 10_000, 100_000
    options = Options(args.entries, args.postings_for_queries, args.batch_entries)
    return options, args.engines.split(","), args.rows_json


def run_engines(engines: list[str], options: Options) -> dict[str, dict[str, Any]]:
    results = {}
    for name in engines:
        # A fresh process per engine: clean peak memory, and no state shared between runs.
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            results[name] = pool.submit(run_engine, name, options).result()
    return results


def measure(argv: list[str] | None = None) -> list[dict[str, str]]:
    """run_all's rows, at the default size unless `argv` says otherwise."""
    options, engines, _ = parse_options(argv or [])
    return rows_of(run_engines(engines, options), options)


def main() -> None:
    options, engines, as_rows = parse_options()
    results = run_engines(engines, options)
    if as_rows:
        bench_rows.emit(rows_of(results, options))
    else:
        report(results, options)


if __name__ == "__main__":
    main()
