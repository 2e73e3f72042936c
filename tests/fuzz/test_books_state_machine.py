"""A seeded state machine interleaving uploads, supersedes and reconciliations on committed books.

After every step the ledger's invariants hold: each entry balances, every currency
sums to zero, `verify` passes, a superseded batch's entries net to nothing, and each
account's balance is both what a plain model of the live files says and the sum of
the postings of the live lines' entries.
"""

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, func, select, union_all
from sqlalchemy.orm import Session

from ledger.batches import superseded_batch_ids
from ledger.books import Account, JournalEntry, JournalPosting
from ledger.database import make_sessionmaker
from ledger.lines import PaymentLine, PayrollLine, PurchaseLine
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation
from tests.integration.trust.trust_books import (
    PAYMENTS,
    PAYROLL,
    PURCHASES,
    assert_books_hold,
    committed_program,
    csv,
    program_id,
    retention,
    upload,
    usd_balances,
)

pytestmark = pytest.mark.slow
MACHINE = settings(
    max_examples=25,
    stateful_step_count=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
BUYERS, SUPPLIERS, MONTHS = ("B-1", "B-2"), ("S-1", "S-2"), (8, 9, 10)
BOX_PREMIUM = Decimal("0.25")  # 25 lb a box at 0.01 a pound


@dataclass(frozen=True)
class File:
    """What one uploaded file says, enough to rebuild it, change it and know its postings."""

    kind: str
    party: str
    counterpart: str
    month: int
    amounts: tuple[Decimal, ...]
    tag: str

    def data(self) -> bytes:
        day = date(2026, self.month, 5)
        if self.kind == "purchases":
            rows = [
                (self.counterpart, "tomato", boxes, "box", day, f"{self.tag}-{n}")
                for n, boxes in enumerate(self.amounts)
            ]
            return csv(PURCHASES, rows)
        if self.kind == "payments":
            rows = [
                (self.counterpart, a, day, f"{self.tag}-{n}") for n, a in enumerate(self.amounts)
            ]
            return csv(PAYMENTS, rows)
        end, paid = day + timedelta(days=6), day + timedelta(days=11)
        rows = [
            (f"W-{n}", f"Worker {n}", day, end, paid, 40, a) for n, a in enumerate(self.amounts)
        ]
        return csv(PAYROLL, rows)

    def postings(self) -> dict[str, Decimal]:
        moves: dict[str, Decimal] = defaultdict(Decimal)
        for n, amount in enumerate(self.amounts):
            if self.kind == "purchases":
                premium = amount * BOX_PREMIUM
                moves[f"buyers:{self.party}:committed"] -= premium
                moves[f"payable:{self.party}:{self.counterpart}"] += premium
            elif self.kind == "payments":
                moves[f"payable:{self.party}:{self.counterpart}"] -= amount
                moves[f"suppliers:{self.counterpart}:held"] += amount
            else:
                moves[f"workers:{self.party}:W-{n}"] += amount
                moves[f"suppliers:{self.party}:retained"] += retention(amount)
                moves[f"suppliers:{self.party}:held"] -= amount + retention(amount)
        return moves


AMOUNTS = {
    "purchases": st.integers(1, 400).map(Decimal),
    "payments": st.decimals("0.01", "900", places=2),
    "payroll": st.decimals("0", "80", places=2),
}


class Books(RuleBasedStateMachine):
    """One program's books, driven the way the CLI and the API drive them."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.code = committed_program(engine)
        self.program_id = program_id(engine, self.code)
        self.live: dict[int, File] = {}
        self.superseded: set[int] = set()
        self.tags = itertools.count(1)
        #: Pay periods already used per supplier: a new payroll file takes a fresh one.
        self.payroll_months: dict[str, int] = defaultdict(int)

    def _post(self, file: File, supersedes: int | None = None) -> None:
        result = upload(self.engine, self.code, file.kind, file.party, file.data(),
                        supersedes=supersedes)  # fmt: skip
        assert result.status == "posted", result
        assert result.batch is not None
        self.live[result.batch] = file
        if supersedes is not None:
            self.superseded.add(supersedes)
            del self.live[supersedes]

    @rule(
        buyer=st.sampled_from(BUYERS),
        supplier=st.sampled_from(SUPPLIERS),
        month=st.sampled_from(MONTHS),
        boxes=st.lists(AMOUNTS["purchases"], min_size=1, max_size=4),
    )
    def post_purchases(self, buyer: str, supplier: str, month: int, boxes: list[Decimal]) -> None:
        tag = f"PO{next(self.tags)}"
        self._post(File("purchases", buyer, supplier, month, tuple(boxes), tag))

    @rule(
        buyer=st.sampled_from(BUYERS),
        supplier=st.sampled_from(SUPPLIERS),
        month=st.sampled_from(MONTHS),
        paid=st.lists(AMOUNTS["payments"], min_size=1, max_size=3),
    )
    def post_payments(self, buyer: str, supplier: str, month: int, paid: list[Decimal]) -> None:
        tag = f"PAY{next(self.tags)}"
        self._post(File("payments", buyer, supplier, month, tuple(paid), tag))

    @precondition(lambda self: min(self.payroll_months[s] for s in SUPPLIERS) < len(MONTHS))
    @rule(
        supplier=st.sampled_from(SUPPLIERS),
        premiums=st.lists(AMOUNTS["payroll"], min_size=1, max_size=4),
    )
    def post_payroll(self, supplier: str, premiums: list[Decimal]) -> None:
        used = self.payroll_months[supplier]
        if used == len(MONTHS):
            return
        self.payroll_months[supplier] += 1
        self._post(File("payroll", supplier, "", MONTHS[used], tuple(premiums), "pay"))

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def supersede_a_batch(self, data: st.DataObject) -> None:
        batch = data.draw(st.sampled_from(sorted(self.live)))
        old = self.live[batch]
        amounts = tuple(data.draw(st.lists(AMOUNTS[old.kind], min_size=1, max_size=4)))
        if amounts == old.amounts:  # the very file again: a no-op naming the batch
            result = upload(self.engine, self.code, old.kind, old.party, old.data(),
                            supersedes=batch)  # fmt: skip
            assert (result.status, result.batch) == ("duplicate", batch), result
            return
        self._post(replace(old, amounts=amounts), supersedes=batch)

    @rule(month=st.sampled_from(MONTHS))
    def reconcile(self, month: int) -> None:
        with make_sessionmaker(self.engine).begin() as session:
            outcome = run_reconciliation(session, self.code, Month(2026, month), "tests")
        rows = json.loads(outcome.contract_json)["buyers"]
        owed = sum((Decimal(row["premium_owed"]) for row in rows), Decimal(0))
        paid = sum((Decimal(row["premium_paid"]) for row in rows), Decimal(0))
        assert owed == self._month_total("purchases", month) * BOX_PREMIUM
        assert paid == self._month_total("payments", month)

    def _month_total(self, kind: str, month: int) -> Decimal:
        files = [f for f in self.live.values() if f.kind == kind and f.month == month]
        return sum((sum(f.amounts, Decimal(0)) for f in files), Decimal(0))

    @invariant()
    def the_books_hold(self) -> None:
        with make_sessionmaker(self.engine)() as session:
            assert_books_hold(session, self.program_id)
            assert unbalanced_entries(session, self.program_id) == []
            for batch in self.superseded:
                assert net_of_batch(session, batch) == {}, batch
            expected: dict[str, Decimal] = defaultdict(Decimal)
            for file in self.live.values():
                for account, amount in file.postings().items():
                    expected[account] += amount
            balances = usd_balances(session, self.program_id)
            assert balances == {a: v for a, v in expected.items() if v}
            assert balances == live_lines_postings(session, self.program_id)


def unbalanced_entries(session: Session, program: int) -> list[int]:
    query = (
        select(JournalPosting.entry_id)
        .join(JournalEntry, JournalEntry.id == JournalPosting.entry_id)
        .where(JournalEntry.program_id == program)
        .group_by(JournalPosting.entry_id, JournalPosting.currency)
        .having(func.sum(JournalPosting.amount) != Decimal(0))
    )
    return list(session.scalars(query))


def net_of_batch(session: Session, batch: int) -> dict[str, Decimal]:
    """What a batch's entries, and the reversals that carry its source, add up to per account."""
    query = (
        select(Account.name, func.sum(JournalPosting.amount))
        .join(JournalPosting, JournalPosting.account_id == Account.id)
        .join(JournalEntry, JournalEntry.id == JournalPosting.entry_id)
        .where(JournalEntry.batch_id == batch)
        .group_by(Account.name)
    )
    return {name: total for name, total in session.execute(query) if total != 0}


def live_lines_postings(session: Session, program: int) -> dict[str, Decimal]:
    """Per account, the postings of the entries that lines of live batches point at."""
    superseded = superseded_batch_ids()
    live_entries = union_all(
        *(
            select(model.entry_id).where(model.batch_id.not_in(superseded))
            for model in (PurchaseLine, PaymentLine, PayrollLine)
        )
    ).subquery()
    query = (
        select(Account.name, func.sum(JournalPosting.amount))
        .join(JournalPosting, JournalPosting.account_id == Account.id)
        .where(Account.program_id == program, JournalPosting.entry_id.in_(select(live_entries)))
        .group_by(Account.name)
    )
    return {name: total for name, total in session.execute(query) if total != 0}


def test_uploads_supersedes_and_reconciliations_keep_every_invariant(
    fuzz_engine: Engine,
) -> None:
    run_state_machine_as_test(lambda: Books(fuzz_engine), settings=MACHINE)
