"""First-in first-out aging: one routine for buyer payables and supplier held premium."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reconciliation.aging import Dated, age_lots, is_older_than
from tests.unit.reconciliation.builders import day


def lot(date: str, amount: str) -> Dated:
    return Dated(day(date), Decimal(amount))


def test_consumption_eats_the_oldest_lot_first() -> None:
    aging = age_lots(
        [lot("2026-08-20", "50.00"), lot("2026-08-01", "100.00")],
        [lot("2026-08-25", "120.00")],
        day("2026-08-31"),
        30,
    )
    assert aging.open_lots == (lot("2026-08-20", "30.00"),)
    assert aging.balance == Decimal("30.00")


def test_a_partly_consumed_lot_keeps_its_date_and_the_rest_of_its_amount() -> None:
    aging = age_lots(
        [lot("2026-07-01", "100.00")], [lot("2026-07-20", "60.00")], day("2026-08-31"), 30
    )
    assert aging.open_lots == (lot("2026-07-01", "40.00"),)
    assert aging.overdue == Decimal("40.00")


def test_a_lot_exactly_the_terms_old_is_not_yet_overdue() -> None:
    lots = [lot("2026-08-01", "100.00")]
    assert age_lots(lots, [], day("2026-08-31"), 30).overdue == 0
    assert age_lots(lots, [], day("2026-09-01"), 30).overdue == Decimal("100.00")


def test_older_than_means_strictly_more_days() -> None:
    assert not is_older_than(day("2026-08-01"), 30, day("2026-08-31"))
    assert is_older_than(day("2026-08-01"), 30, day("2026-09-01"))


def test_fifo_runs_across_month_boundaries() -> None:
    lots = [lot("2026-08-05", "100.00"), lot("2026-09-10", "200.00")]
    payments = [lot("2026-09-20", "150.00")]
    september = age_lots(lots, payments, day("2026-09-30"), 30)
    october = age_lots(lots, payments, day("2026-10-31"), 30)
    assert september.open_lots == (lot("2026-09-10", "150.00"),)
    assert september.overdue == 0
    assert october.overdue == Decimal("150.00")


def test_consuming_more_than_all_lots_gives_a_negative_balance_and_nothing_overdue() -> None:
    aging = age_lots(
        [lot("2026-06-01", "100.00")], [lot("2026-06-02", "130.00")], day("2026-08-31"), 30
    )
    assert aging.balance == Decimal("-30.00")
    assert aging.overdue == 0
    assert aging.open_lots == ()


def test_an_advance_paid_before_a_lot_arrives_consumes_that_lot() -> None:
    aging = age_lots(
        [lot("2026-07-01", "100.00")], [lot("2026-06-15", "100.00")], day("2026-08-31"), 30
    )
    assert aging.balance == 0
    assert aging.overdue == 0


def test_lots_and_consumptions_after_the_as_of_date_are_left_out() -> None:
    aging = age_lots(
        [lot("2026-07-01", "100.00"), lot("2026-09-01", "500.00")],
        [lot("2026-09-02", "100.00")],
        day("2026-08-31"),
        30,
    )
    assert aging.balance == Decimal("100.00")
    assert aging.overdue == Decimal("100.00")


AS_OF = dt.date(2026, 10, 31)
dated_amounts = st.lists(
    st.builds(
        Dated,
        st.integers(min_value=0, max_value=150).map(lambda n: AS_OF - dt.timedelta(days=n - 20)),
        st.integers(min_value=0, max_value=10**7).map(lambda cents: Decimal(cents).scaleb(-2)),
    ),
    max_size=12,
)


@given(dated_amounts, dated_amounts, st.integers(min_value=0, max_value=60))
def test_overdue_is_never_negative_and_never_exceeds_the_balance(
    lots: list[Dated], consumptions: list[Dated], terms: int
) -> None:
    aging = age_lots(lots, consumptions, AS_OF, terms)
    assert 0 <= aging.overdue <= max(aging.balance, Decimal(0))
    assert sum(open_lot.amount for open_lot in aging.open_lots) == max(aging.balance, Decimal(0))


@given(dated_amounts, dated_amounts)
def test_the_balance_is_the_lots_less_the_consumptions_up_to_the_as_of_date(
    lots: list[Dated], consumptions: list[Dated]
) -> None:
    aging = age_lots(lots, consumptions, AS_OF, 30)
    lots_in = sum((x.amount for x in lots if x.date <= AS_OF), Decimal(0))
    consumed = sum((x.amount for x in consumptions if x.date <= AS_OF), Decimal(0))
    assert aging.balance == lots_in - consumed
