"""Benchmark of the HTTP API: `premium-ledger serve` (gunicorn, 2 workers) on loopback.

Fills a database with purchases through the import pipeline until the journal holds
`--postings` postings (two per purchase line), starts the server as its own process,
then drives it with a bounded load generator: a fixed number of requests from
`--concurrency` threads, stopped early after `--seconds`. It measures requests/s and
p50/p99 latency of

- GET balances of one supplier (the supplier's own token, `prefix=suppliers:S-001`
  and, separately, all of its accounts without a prefix), and
- POST of a 10-row JSON purchase list (the buyer's own token, new references each),

beside a floor measured in the same run: GET health (one `SELECT 1`, no token).

    .venv/bin/python bench/api_bench.py                       # SQLite, 1,000,000 postings
    .venv/bin/python bench/api_bench.py --postings 100000 --requests 1000   # quick look
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/api_bench.py --engine postgresql

Targets (issue 6): balances ≥ 800 requests/s with p99 < 25 ms; ≥ 150 ten-row
batches/s. The PostgreSQL database's schema `public` is dropped and recreated.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bench_rows  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

from imports.kinds import KINDS  # noqa: E402
from imports.pipeline import Upload, import_upload  # noqa: E402
from imports.program_file import read_program_file  # noqa: E402
from ledger.database import make_engine, make_sessionmaker, upgrade  # noqa: E402
from ledger.program_setup import apply_program  # noqa: E402
from ledger.users import create_user, issue_token  # noqa: E402

PROGRAM = "BENCH"
BUYERS = [f"B-{n:03d}" for n in range(1, 11)]
SUPPLIERS = [f"S-{n:03d}" for n in range(1, 21)]
ROWS_PER_FILE = 50_000


def program_file() -> bytes:
    parts = [
        f'[program]\ncode = "{PROGRAM}"\nname = "Bench"\ncurrency = "USD"\n',
        '[[commodities]]\ncode = "tomato"\nbase_unit = "lb"\nunits = { box = 25 }\n',
        '[[rates]]\ncommodity = "tomato"\namount = "0.01"\neffective_from = 2026-01-01\n',
    ]
    parts += [f'[[buyers]]\ncode = "{b}"\nname = "Buyer {b}"\n' for b in BUYERS]
    parts += [f'[[suppliers]]\ncode = "{s}"\nname = "Farm {s}"\n' for s in SUPPLIERS]
    return "\n".join(parts).encode()


def purchases_csv(rng: random.Random, rows: int, tag: str) -> bytes:
    lines = ["supplier,commodity,quantity,unit,purchase_date,reference"]
    start = date(2026, 1, 1)
    for n in range(rows):
        day = start + timedelta(days=rng.randrange(300))
        lines.append(f"{rng.choice(SUPPLIERS)},tomato,{rng.randrange(1, 900)},box,{day},{tag}-{n}")
    return ("\n".join(lines) + "\n").encode()


def payments_csv(rng: random.Random, rows: int, tag: str) -> bytes:
    lines = ["supplier,amount,paid_on,reference"]
    start = date(2026, 2, 1)
    for n in range(rows):
        day = start + timedelta(days=rng.randrange(270))
        lines.append(
            f"{rng.choice(SUPPLIERS)},{rng.randrange(100, 9000) / 100:.2f},{day},{tag}-{n}"
        )
    return ("\n".join(lines) + "\n").encode()


def fill(engine: Engine, postings: int) -> float:
    """Load the program, then purchase files each with a payments file a quarter its size.

    Every line posts one entry of two postings, so suppliers' `held` accounts fill too.
    Returns the seconds it took.
    """
    sessions = make_sessionmaker(engine)
    began = time.perf_counter()
    with sessions.begin() as session:
        apply_program(session, read_program_file(program_file()), "bench")
    rng, left, file_no = random.Random(6), postings, 0
    while left > 0:
        rows = min(ROWS_PER_FILE, max(1, left * 2 // 5))
        buyer = BUYERS[file_no % len(BUYERS)]
        for kind, data in (
            ("purchases", purchases_csv(rng, rows, f"F{file_no}")),
            ("payments", payments_csv(rng, max(1, rows // 4), f"F{file_no}")),
        ):
            with sessions.begin() as session:
                upload = Upload(PROGRAM, buyer, f"{kind}-{file_no}.csv", data, uploaded_by="bench")
                left -= 2 * import_upload(session, upload, KINDS[kind]).entries
        file_no += 1
        print(f"  {postings - left:,} postings", file=sys.stderr)
    return time.perf_counter() - began


def tokens(engine: Engine) -> dict[str, str]:
    with make_sessionmaker(engine).begin() as session:
        create_user(session, "s@bench.example", "supplier", "bench-password", program_code=PROGRAM,
                    party_code="S-001")  # fmt: skip
        create_user(session, "b@bench.example", "buyer", "bench-password", program_code=PROGRAM,
                    party_code="B-001")  # fmt: skip
        return {
            "supplier": issue_token(session, "s@bench.example"),
            "buyer": issue_token(session, "b@bench.example"),
        }


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not come up within 60 s")


@dataclass
class Result:
    latencies: list[float]
    statuses: dict[int, int]
    seconds: float


Request = Callable[[int], tuple[str, str, bytes | None]]


def load(port: int, token: str, make: Request, requests: int, threads: int, limit: float) -> Result:
    """`requests` requests from `threads` threads, stopped early after `limit` seconds."""
    counter, lock = iter(range(requests)), threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    stop_at = time.perf_counter() + limit

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop_at:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            method, path, body = make(n)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            began = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()  # gunicorn's sync workers close after each answer
            except (OSError, http.client.HTTPException):
                connection.close()
                status = 0
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    began = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return Result(latencies, statuses, time.perf_counter() - began)


def ten_purchases(n: int) -> tuple[str, str, bytes | None]:
    rows = [
        {"supplier": SUPPLIERS[(n + i) % len(SUPPLIERS)], "commodity": "tomato",
         "quantity": 10 + i, "unit": "box", "purchase_date": "2026-10-01",
         "reference": f"API-{n}-{i}-{time.time_ns()}"}
        for i in range(10)
    ]  # fmt: skip
    return "POST", f"/api/v1/programs/{PROGRAM}/purchases", json.dumps(rows).encode()


def report(name: str, result: Result) -> None:
    ordered = sorted(result.latencies)
    done = len(ordered)
    p50 = statistics.median(ordered) * 1000 if ordered else float("nan")
    p99 = ordered[min(done - 1, int(done * 0.99))] * 1000 if ordered else float("nan")
    print(f"{name:<44} {done:>6} {result.seconds:>7.1f}s {done / result.seconds:>8.0f}/s"
          f" {p50:>7.1f} {p99:>7.1f}  {dict(sorted(result.statuses.items()))}")  # fmt: skip


def fresh_engine(engine_name: str, workdir: str) -> Engine:
    if engine_name == "sqlite":
        engine = make_engine(f"sqlite:///{workdir}/bench.db")
    else:
        url = os.environ.get(
            "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
        )
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    return engine


BALANCES_TARGET = ">= 800 req/s, p99 < 25 ms"


def run_engine(options: argparse.Namespace, engine_name: str) -> list[tuple[str, Result]]:
    """Fill one engine's books, serve them, and drive every scenario; results in order."""
    measured: list[tuple[str, Result]] = []
    with tempfile.TemporaryDirectory() as workdir:
        engine = fresh_engine(engine_name, workdir)
        filled = fill(engine, options.postings)
        with engine.connect() as connection:
            held = connection.execute(text("SELECT count(*) FROM postings")).scalar_one()
        people = tokens(engine)
        url = engine.url.render_as_string(hide_password=False)
        engine.dispose()
        print(f"{engine_name}: {held:,} postings, filled in {filled:.0f} s", file=sys.stderr)
        server = start_server(url, options.port)
        try:
            run = (options.port, people["supplier"])
            balances = f"/api/v1/programs/{PROGRAM}/balances"
            for name, path in (
                ("GET health (floor: one query, no token)", "/api/v1/health"),
                ("GET balances, prefix=suppliers:S-001", balances + "?prefix=suppliers:S-001"),
                ("GET balances, all of S-001's accounts", balances),
            ):
                load(*run, lambda n, p=path: ("GET", p, None), 200, options.concurrency, 10)
                result = load(*run, lambda n, p=path: ("GET", p, None), options.requests,
                              options.concurrency, options.seconds)  # fmt: skip
                measured.append((name, result))
            result = load(options.port, people["buyer"], ten_purchases, options.batches,
                          options.concurrency, options.seconds)  # fmt: skip
            measured.append(("POST 10-row JSON purchase list", result))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return measured


def shown(result: Result | None) -> str:
    if result is None:
        return "–"
    ordered = sorted(result.latencies)
    done = len(ordered)
    if not done:
        return f"no answer {dict(sorted(result.statuses.items()))}"
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(done - 1, int(done * 0.99))] * 1000
    return f"{done / result.seconds:,.0f}/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms"


def rows_of(measured: dict[str, list[tuple[str, Result]]]) -> list[dict[str, str]]:
    """run_all's rows: each scenario on each engine; GET health is every row's floor."""
    per_engine = {engine: dict(results) for engine, results in measured.items()}
    health = "GET health (floor: one query, no token)"
    floor = ", ".join(f"health {shown(r[health]).split(',')[0]} {e}" for e, r in per_engine.items())
    targets = {"POST 10-row JSON purchase list": ">= 150 batches/s"}
    names = [name for name, _ in next(iter(measured.values())) if name != health]
    return [
        bench_rows.row(
            f"API {name}",
            shown(per_engine.get("sqlite", {}).get(name)),
            shown(per_engine.get("postgresql", {}).get(name)),
            targets.get(name, BALANCES_TARGET),
            floor,
        )
        for name in names
    ]


def measure(argv: list[str] | None = None) -> list[dict[str, str]]:
    """run_all's rows, at the default size on both engines unless `argv` says otherwise."""
    options = parse_args(argv or [])
    engines = [options.engine] if options.engine else ["sqlite", "postgresql"]
    return rows_of({name: run_engine(options, name) for name in engines})


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), help="default: sqlite")
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--batches", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        bench_rows.ROWS_FLAG, action="store_true", help="print run_all's rows (both engines)"
    )
    return parser.parse_args(argv)


def main() -> None:
    options = parse_args()
    if options.rows_json:
        engines = [options.engine] if options.engine else ["sqlite", "postgresql"]
        bench_rows.emit(rows_of({name: run_engine(options, name) for name in engines}))
        return
    measured = run_engine(options, options.engine or "sqlite")
    print(f"{'scenario':<44} {'done':>6} {'time':>8} {'rate':>10} {'p50 ms':>7} {'p99 ms':>7}")
    for name, result in measured:
        report(name, result)


if __name__ == "__main__":
    main()
