"""Journal entries as plain values: an entry balances per currency or it does not exist.

A posting's amount is positive when value flows into its account and negative when it
flows out, so the postings of every entry sum to zero in each currency.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from moneyed import Money

from ledger.errors import InvalidAmount, UnbalancedEntry
from ledger.money import STORAGE_PLACES, check_storable

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Posting:
    """One leg of an entry: an amount into (positive) or out of (negative) an account."""

    account: str
    amount: Money

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Money) or not isinstance(self.amount.amount, Decimal):
            raise InvalidAmount(f"posting to {self.account} is not exact Money: {self.amount!r}")
        if not self.amount.amount.is_finite() or self.amount.amount.is_zero():
            raise InvalidAmount(f"posting to {self.account} has no amount: {self.amount.amount}")
        check_storable(self.amount.amount)
        if not self.account:
            raise InvalidAmount("a posting needs an account")


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entry came from: an import batch, the sheet and the row people see."""

    batch_id: int | None = None
    sheet: str | None = None
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A balanced set of postings with an effective date and a reason."""

    kind: str
    effective_date: date
    postings: tuple[Posting, ...]
    description: str = ""
    source: Source = field(default_factory=Source)
    idempotency_key: str | None = None
    #: Id of the stored entry this one undoes, for a reversal.
    reverses: int | None = None

    def __post_init__(self) -> None:
        if len(self.postings) < 2:
            raise UnbalancedEntry(f"an entry needs at least two postings, got {len(self.postings)}")
        for currency_code, total in self.totals().items():
            if total != 0:
                raise UnbalancedEntry(f"postings sum to {total} {currency_code}, not zero")

    def totals(self) -> dict[str, Decimal]:
        """Sum of the postings per currency code (zero for a balanced entry)."""
        sums: dict[str, Decimal] = {}
        for posting in self.postings:
            code = posting.amount.currency.code
            sums[code] = sums.get(code, _ZERO) + posting.amount.amount
        return sums

    def content_digest(self) -> str:
        """SHA-256 of what makes two posts of one idempotency key the same."""
        content = [
            self.kind,
            self.effective_date.isoformat(),
            _canonical_postings(self.postings),
            self.reverses,
        ]
        return _sha256(content)


def _canonical_postings(postings: tuple[Posting, ...]) -> list[list[str]]:
    return [
        [p.account, p.amount.currency.code, f"{p.amount.amount:.{STORAGE_PLACES}f}"]
        for p in postings
    ]


# One encoder for every hash: json.dumps with options builds a new one per call.
_CANONICAL = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _sha256(content: object) -> str:
    text = _CANONICAL.encode(content)
    return hashlib.sha256(text.encode()).hexdigest()


def reversal_of(
    entry: Entry, entry_id: int, *, description: str = "", source: Source | None = None
) -> Entry:
    """The entry that undoes stored entry `entry_id`: every leg negated, same effective date.

    The same date keeps a reversed entry out of every month it counted in.
    """
    return Entry(
        kind="reversal",
        effective_date=entry.effective_date,
        postings=tuple(Posting(p.account, -p.amount) for p in entry.postings),
        description=description or f"reversal of entry {entry_id}",
        source=source or entry.source,
        reverses=entry_id,
    )


def chain_hash(previous_hash: str, entry: Entry) -> str:
    """SHA-256 linking an entry to the one before it (tamper evidence, DESIGN.md §4)."""
    source = entry.source
    content = [
        previous_hash,
        entry.effective_date.isoformat(),
        entry.kind,
        _canonical_postings(entry.postings),
        [source.batch_id, source.sheet, source.row],
        entry.reverses,
    ]
    return _sha256(content)


GENESIS_HASH = "0" * 64
