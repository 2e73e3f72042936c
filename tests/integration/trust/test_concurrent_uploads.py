"""Uploads and reconciliations at the same moment on PostgreSQL, each client its own connection.

Real threads start together at a barrier; each runs its upload (or reconciliation) in
its own transaction on its own pooled connection, as concurrent API requests do.
"""

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import TypeVar

import pytest
from sqlalchemy import Engine

from imports.errors import UploadRejected
from ledger.database import make_sessionmaker
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation
from tests.integration.trust.trust_books import (
    SUPPLIERS,
    assert_books_hold,
    committed_program,
    payroll,
    program_id,
    purchases,
    retention,
    upload,
    usd_balances,
)

pytestmark = pytest.mark.postgres
CLIENTS = 8
T = TypeVar("T")


@pytest.fixture
def pg_engine(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("concurrent clients are tested on PostgreSQL (TEST_DATABASE_URL)")
    return engine


def at_once(tasks: list[Callable[[], T]]) -> list[T]:
    """Run every task in its own thread, all released together."""
    start = threading.Barrier(len(tasks))

    def run(task: Callable[[], T]) -> T:
        start.wait(timeout=30)
        return task()

    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        futures = [pool.submit(run, task) for task in tasks]
        return [future.result(timeout=300) for future in futures]


def test_eight_clients_uploading_one_file_post_it_once_and_the_others_name_that_batch(
    pg_engine: Engine,
) -> None:
    code = committed_program(pg_engine)
    data = purchases("S-1", [40, 12, 8], "SAME")

    results = at_once([lambda: upload(pg_engine, code, "purchases", "B-1", data)] * CLIENTS)

    posted = [r for r in results if r.status == "posted"]
    assert len(posted) == 1
    assert [r.status for r in results].count("duplicate") == CLIENTS - 1
    assert {r.batch for r in results} == {posted[0].batch}
    with make_sessionmaker(pg_engine)() as session:
        assert usd_balances(session, program_id(pg_engine, code)) == {
            "buyers:B-1:committed": Decimal("-15.00"),  # 60 boxes × 25 lb × 0.01
            "payable:B-1:S-1": Decimal("15.00"),
        }
        assert_books_hold(session, program_id(pg_engine, code))


def test_eight_payroll_files_of_one_supplier_at_once_all_post_with_exact_balances(
    pg_engine: Engine,
) -> None:
    code = committed_program(pg_engine)
    weeks = {week: [f"{10 + week}.{n:02d}" for n in range(1, 21)] for week in range(CLIENTS)}
    files = {week: payroll(week, premiums) for week, premiums in weeks.items()}

    results = at_once(
        [
            lambda data=data: upload(pg_engine, code, "payroll", "S-1", data)
            for data in files.values()
        ]
    )

    assert [r.status for r in results] == ["posted"] * CLIENTS
    assert len({r.batch for r in results}) == CLIENTS
    expected: dict[str, Decimal] = {}
    for premiums in weeks.values():
        for worker, premium in enumerate(map(Decimal, premiums)):
            account = f"workers:S-1:W-{worker}"
            expected[account] = expected.get(account, Decimal(0)) + premium
    paid = [Decimal(p) for premiums in weeks.values() for p in premiums]
    retained = sum(map(retention, paid), Decimal(0))
    expected["suppliers:S-1:retained"] = retained
    expected["suppliers:S-1:held"] = -(sum(paid, Decimal(0)) + retained)
    with make_sessionmaker(pg_engine)() as session:
        assert usd_balances(session, program_id(pg_engine, code)) == expected
        assert_books_hold(session, program_id(pg_engine, code))


def test_a_reconciliation_during_uploads_sees_whole_batches_in_the_order_they_posted(
    pg_engine: Engine,
) -> None:
    code = committed_program(pg_engine)
    # Supplier S-i's file alone names S-i: the month's (B-1, S-i) row shows that file or nothing.
    files = {s: purchases(s, [4 * (n + 1)] * 300, f"{s}-REF") for n, s in enumerate(SUPPLIERS)}
    whole = {s: Decimal(n + 1) * 300 for n, s in enumerate(SUPPLIERS)}  # 4n boxes = n dollars
    seen: list[dict[str, Decimal]] = []
    batches: dict[str, int | None] = {}

    def post(supplier: str) -> None:
        # Staggered, so that reconciliations queue for the program's lock between uploads.
        time.sleep(0.05 * SUPPLIERS.index(supplier))
        batches[supplier] = upload(pg_engine, code, "purchases", "B-1", files[supplier]).batch

    def reconcile_while_posting() -> None:
        for _ in range(200):
            seen.append(_owed_per_supplier(pg_engine, code))
            if len(batches) == len(SUPPLIERS):
                return

    at_once([*(lambda s=s: post(s) for s in SUPPLIERS), reconcile_while_posting])
    seen.append(_owed_per_supplier(pg_engine, code))

    # Batch ids are taken under the program's lock, so they follow the order of posting.
    order = sorted(SUPPLIERS, key=lambda s: batches[s] or 0)
    prefixes = [{s: whole[s] for s in order[:k]} for k in range(len(order) + 1)]
    assert len(seen) >= 2
    for owed in seen:
        assert owed in prefixes
    assert seen[-1] == whole
    with make_sessionmaker(pg_engine)() as session:
        assert_books_hold(session, program_id(pg_engine, code))


def _owed_per_supplier(engine: Engine, code: str) -> dict[str, Decimal]:
    """The month's premium owed by B-1 to each supplier, from a stored reconciliation run."""
    with make_sessionmaker(engine).begin() as session:
        outcome = run_reconciliation(session, code, Month.parse("2026-08"), "tests")
    rows = json.loads(outcome.contract_json)["buyers"]
    return {row["supplier"]: Decimal(row["premium_owed"]) for row in rows}


def test_eight_corrections_of_one_batch_at_once_supersede_it_once(pg_engine: Engine) -> None:
    code = committed_program(pg_engine)
    first = upload(pg_engine, code, "purchases", "B-1", purchases("S-1", [40, 12], "FIX")).batch
    corrections = [purchases("S-1", [40, 12 + n], "FIX") for n in range(1, CLIENTS + 1)]

    def correct(data: bytes) -> str:
        try:
            result = upload(pg_engine, code, "purchases", "B-1", data, supersedes=first)
        except UploadRejected as refused:
            return str(refused.problems[0])
        return f"posted {result.batch}"

    outcomes = at_once([lambda data=data: correct(data) for data in corrections])

    posted = [o for o in outcomes if o.startswith("posted")]
    assert len(posted) == 1
    winner = int(posted[0].split()[1])
    refusal = f"--supersedes {first}: batch {first} was already superseded by batch {winner}"
    assert outcomes.count(refusal) == CLIENTS - 1
    with make_sessionmaker(pg_engine)() as session:
        balances = usd_balances(session, program_id(pg_engine, code))
        assert balances["payable:B-1:S-1"] == -balances["buyers:B-1:committed"]
        assert balances["payable:B-1:S-1"] in {Decimal(52 + n) / 4 for n in range(1, CLIENTS + 1)}
        assert_books_hold(session, program_id(pg_engine, code))
