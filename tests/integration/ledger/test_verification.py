"""The hash chain names the first entry whose stored content was altered."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from ledger import journal
from ledger.balances import balances, totals_by_currency
from ledger.verification import verify
from tests.builders import program, transfer


def _drop_update_guard(session: Session) -> None:
    # Tampering needs the guard out of the way; DDL is transactional on both engines,
    # so the test's rollback puts the guard back.
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DROP TRIGGER postings_no_update"))
    else:
        session.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        session.execute(text("ALTER TABLE postings DISABLE TRIGGER postings_append_only"))


def test_verify_passes_on_intact_books(session: Session) -> None:
    made = program(session)
    for amount in ("1.00", "2.00", "3.00"):
        journal.post(session, made.id, transfer("a", "b", amount))
    result = verify(session, made.id)
    assert result.ok and result.entries == 3 and result.totals == {"USD": Decimal("0")}


def test_verify_names_the_entry_whose_posting_was_altered(session: Session) -> None:
    made = program(session)
    ids = [journal.post(session, made.id, transfer("a", "b", a)) for a in ("1.00", "2.00", "3.00")]
    _drop_update_guard(session)
    # Move value between the two legs' accounts without unbalancing: swap the accounts.
    session.execute(
        text(
            "UPDATE postings SET account_id = (SELECT max(account_id) FROM postings"
            " WHERE entry_id = :e) WHERE entry_id = :e"
        ),
        {"e": ids[1]},
    )
    result = verify(session, made.id)
    assert not result.ok
    assert result.broken_entry == ids[1]


def test_verify_names_an_entry_made_unbalanced(session: Session) -> None:
    made = program(session)
    ids = [journal.post(session, made.id, transfer("a", "b", a)) for a in ("1.00", "2.00")]
    _drop_update_guard(session)
    session.execute(
        text(
            "UPDATE postings SET amount = amount * 2 WHERE id = "
            "(SELECT max(id) FROM postings WHERE entry_id = :e)"
        ),
        {"e": ids[0]},
    )
    result = verify(session, made.id)
    assert result.broken_entry == ids[0]
    assert "sum to" in (result.reason or "")


def _nonzero(found: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
    kept = {a: {c: t for c, t in sums.items() if t != 0} for a, sums in found.items()}
    return {a: sums for a, sums in kept.items() if sums}


operations = st.lists(
    st.tuples(
        st.sampled_from(["post", "post", "reverse"]),
        st.sampled_from(["a", "b", "workers:S:00123"]),
        st.sampled_from(["c", "payable:B_1:S"]),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2),
        st.sampled_from(["USD", "EUR"]),
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations)
def test_posts_and_reversals_keep_every_currency_at_zero_and_reversals_restore(
    session: Session, steps: list[tuple[str, str, str, Decimal, str]]
) -> None:
    nested = session.begin_nested()
    try:
        made = program(session)
        stack: list[tuple[int, dict[str, dict[str, Decimal]]]] = []
        for action, source, target, amount, currency in steps:
            if action == "reverse" and stack:
                entry_id, before = stack.pop()
                journal.reverse(session, made.id, entry_id)
                assert _nonzero(balances(session, made.id)) == before
            else:
                before = _nonzero(balances(session, made.id))
                entry = transfer(source, target, str(amount), currency=currency)
                stack.append((journal.post(session, made.id, entry), before))
            assert all(total == 0 for total in totals_by_currency(session, made.id).values())
        assert verify(session, made.id).ok
    finally:
        nested.rollback()


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999"), places=2),
        min_size=1,
        max_size=8,
    )
)
def test_reversing_everything_restores_every_balance_to_zero(
    session: Session, amounts: list[Decimal]
) -> None:
    nested = session.begin_nested()
    try:
        made = program(session)
        entries = [transfer("a", f"b{i % 3}", str(a)) for i, a in enumerate(amounts)]
        ids = journal.post_many(session, made.id, entries).entry_ids
        journal.reverse_many(session, made.id, ids)
        assert _nonzero(balances(session, made.id)) == {}
    finally:
        nested.rollback()
