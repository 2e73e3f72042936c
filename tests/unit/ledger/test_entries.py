from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from moneyed import Money

from ledger.entries import GENESIS_HASH, Entry, Posting, chain_hash, reversal_of
from ledger.errors import InvalidAmount, UnbalancedEntry
from ledger.money import money
from tests.builders import legs, transfer


def test_an_entry_that_does_not_balance_does_not_exist() -> None:
    with pytest.raises(UnbalancedEntry, match=r"0\.01 USD"):
        Entry("payment", date(2026, 8, 1), legs(("a", "-10.00"), ("b", "10.01")))


def test_an_entry_balances_per_currency_not_in_total() -> None:
    postings = (
        Posting("a", Money(Decimal("-10"), "USD")),
        Posting("b", Money(Decimal("10"), "EUR")),
    )
    with pytest.raises(UnbalancedEntry):
        Entry("payment", date(2026, 8, 1), postings)


def test_an_entry_needs_two_postings() -> None:
    with pytest.raises(UnbalancedEntry, match="at least two"):
        Entry("payment", date(2026, 8, 1), legs(("a", "1")))


def test_a_posting_of_nothing_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="no amount"):
        Posting("a", Money(Decimal("0.00"), "USD"))


def test_a_posting_in_float_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="not exact"):
        Posting("a", 0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmount, match="float"):
        Posting("a", money(0.1, "USD"))


def test_a_posting_more_precise_than_storage_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="decimal places"):
        Posting("a", Money(Decimal("0.00001"), "USD"))


def test_a_reversal_negates_every_leg_on_the_same_date() -> None:
    original = transfer("payable:B:S", "suppliers:S:held", "250.00", on=date(2026, 9, 8))
    reversal = reversal_of(original, 41)
    assert reversal.effective_date == date(2026, 9, 8)
    assert reversal.reverses == 41
    assert [(p.account, p.amount.amount) for p in reversal.postings] == [
        ("payable:B:S", Decimal("250.00")),
        ("suppliers:S:held", Decimal("-250.00")),
    ]


def test_the_digest_ignores_description_but_not_amounts() -> None:
    first = transfer("a", "b", "1.00")
    assert (
        first.content_digest()
        == Entry(
            first.kind, first.effective_date, first.postings, description="other"
        ).content_digest()
    )
    assert first.content_digest() != transfer("a", "b", "1.01").content_digest()


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2)


@given(st.lists(amounts, min_size=1, max_size=6), st.integers(min_value=0, max_value=5))
def test_the_hash_chain_changes_when_any_posting_changes(values: list[Decimal], which: int) -> None:
    entries = [transfer("a", f"b{i}", str(v)) for i, v in enumerate(values)]
    which %= len(entries)
    altered = list(entries)
    bumped = values[which] + Decimal("0.01")
    altered[which] = transfer("a", f"b{which}", str(bumped))

    def heads(chain: list[Entry]) -> list[str]:
        head, out = GENESIS_HASH, []
        for entry in chain:
            head = chain_hash(head, entry)
            out.append(head)
        return out

    original_heads, altered_heads = heads(entries), heads(altered)
    assert original_heads[:which] == altered_heads[:which]
    assert all(a != b for a, b in zip(original_heads[which:], altered_heads[which:], strict=True))
