"""Tamper evidence: recompute every entry's chain hash and the zero sum per currency."""

from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ledger.balances import totals_by_currency
from ledger.entries import GENESIS_HASH, chain_hash
from ledger.stored_entries import load_entries


@dataclass(frozen=True, slots=True)
class Verification:
    """What `verify` found: entries checked, the first broken one and why, the totals."""

    entries: int
    totals: dict[str, Decimal]
    broken_entry: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_entry is None and all(t == 0 for t in self.totals.values())


def verify(session: Session, program_id: int) -> Verification:
    """Walk the program's journal in order; name the first entry that breaks the chain."""
    totals = totals_by_currency(session, program_id)
    head, count = GENESIS_HASH, 0
    with closing(load_entries(session, program_id)) as journal:
        for stored in journal:
            count += 1
            if stored.entry is None:
                return Verification(count, totals, stored.id, stored.problem)
            head = chain_hash(head, stored.entry)
            if head != stored.chain_hash:
                reason = "its content or an earlier entry was altered (hash chain broken)"
                return Verification(count, totals, stored.id, reason)
    unbalanced = {c: t for c, t in totals.items() if t != 0}
    if unbalanced:
        return Verification(count, totals, None, f"postings do not sum to zero: {unbalanced}")
    return Verification(count, totals)
