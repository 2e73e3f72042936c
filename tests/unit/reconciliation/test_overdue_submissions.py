"""Overdue submissions: payroll a supplier owes for premium it received, reports a buyer owes."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reconciliation.months import Month
from reconciliation.overdue import (
    OverdueSubmission,
    PremiumReceived,
    SubmissionKind,
    SubmissionRecords,
    find_overdue,
    purchase_report_due,
)

CLOSE_DAY = 5


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def records(
    payments: tuple[tuple[str, str, str], ...] = (),
    pay_dates: dict[str, list[str]] | None = None,
    purchases: dict[str, list[str]] | None = None,
    deadline: int = 30,
) -> SubmissionRecords:
    """Records from (supplier, paid_on, amount) payments and dates as text."""
    return SubmissionRecords(
        program="P",
        currency="USD",
        distribution_deadline_days=deadline,
        payments=[PremiumReceived(s, day(on), Decimal(amount)) for s, on, amount in payments],
        pay_dates={s: [day(d) for d in days] for s, days in (pay_dates or {}).items()},
        purchase_dates={b: [day(d) for d in days] for b, days in (purchases or {}).items()},
    )


def overdue(found: SubmissionRecords, as_of: str) -> tuple[OverdueSubmission, ...]:
    return find_overdue(found, day(as_of), CLOSE_DAY)


def test_a_supplier_owes_payroll_once_premium_goes_unanswered_past_the_deadline() -> None:
    received = records(payments=(("S-1", "2026-08-05", "250.00"),))
    assert overdue(received, "2026-09-04") == ()  # 30 days old: due today, not overdue
    (item,) = overdue(received, "2026-09-10")
    assert (item.kind, item.role, item.party) == (SubmissionKind.PAYROLL, "supplier", "S-1")
    assert (item.period, item.due_on, item.days_overdue) == (
        "2026-08-05/2026-09-04",
        day("2026-09-04"),
        6,
    )
    assert item.amount == Decimal("250.00")
    assert "received 250.00 USD of premium" in item.message
    assert "due by 2026-09-04" in item.message


def test_a_payroll_paid_on_or_after_the_payment_answers_it_even_when_late() -> None:
    received = (("S-1", "2026-08-05", "250.00"),)
    on_time = records(payments=received, pay_dates={"S-1": ["2026-08-05"]})
    late = records(payments=received, pay_dates={"S-1": ["2026-09-20"]})
    before = records(payments=received, pay_dates={"S-1": ["2026-08-04"]})
    assert overdue(on_time, "2026-10-01") == ()
    assert overdue(late, "2026-10-01") == ()
    assert [item.party for item in overdue(before, "2026-10-01")] == ["S-1"]


def test_a_payroll_dated_after_the_as_of_date_does_not_count_yet() -> None:
    found = records(payments=(("S-1", "2026-08-05", "10.00"),), pay_dates={"S-1": ["2026-09-20"]})
    assert [item.days_overdue for item in overdue(found, "2026-09-15")] == [11]


def test_unanswered_payments_are_one_item_dated_by_the_oldest_with_their_total() -> None:
    found = records(
        payments=(
            ("S-1", "2026-07-01", "40.00"),  # answered by the payroll of 2026-07-10
            ("S-1", "2026-07-20", "100.00"),
            ("S-1", "2026-08-03", "50.50"),
            ("S-1", "2026-09-20", "70.00"),  # not yet 30 days old
            ("S-2", "2026-08-01", "5.00"),
        ),
        pay_dates={"S-1": ["2026-07-10"], "S-2": ["2026-08-01"]},
    )
    (item,) = overdue(found, "2026-10-01")
    assert (item.party, item.period, item.amount) == (
        "S-1",
        "2026-07-20/2026-08-19",
        Decimal("150.50"),
    )
    assert item.days_overdue == 43
    assert "(2 payments from 2026-07-20)" in item.message


def test_the_distribution_deadline_comes_from_the_program_settings() -> None:
    received = (("S-1", "2026-08-05", "10.00"),)
    assert overdue(records(payments=received, deadline=10), "2026-08-16")[0].days_overdue == 1
    assert overdue(records(payments=received, deadline=60), "2026-08-16") == ()


def test_a_month_s_purchase_report_is_due_the_day_before_the_month_closes() -> None:
    assert purchase_report_due(Month(2026, 8), 5) == day("2026-09-04")
    assert purchase_report_due(Month(2026, 12), 1) == day("2026-12-31")


def test_a_buyer_owes_a_report_for_each_closed_month_after_its_first_purchase() -> None:
    found = records(purchases={"B-1": ["2026-07-14", "2026-09-02"], "B-2": ["2026-09-30"]})
    items = overdue(found, "2026-11-10")
    assert [(i.party, i.period, i.due_on, i.days_overdue) for i in items] == [
        ("B-1", "2026-08", day("2026-09-04"), 67),
        ("B-1", "2026-10", day("2026-11-04"), 6),
        ("B-2", "2026-10", day("2026-11-04"), 6),
    ]
    assert all(i.kind is SubmissionKind.PURCHASES and i.amount is None for i in items)
    assert "no purchases for 2026-08" in items[0].message


def test_the_month_of_the_first_purchase_and_months_not_yet_closed_are_not_owed() -> None:
    found = records(purchases={"B-1": ["2026-10-20"]})
    assert overdue(found, "2026-12-04") == ()  # November closes on December 5
    assert [i.period for i in overdue(found, "2026-12-05")] == ["2026-11"]


def test_purchases_after_the_as_of_date_count_neither_for_activity_nor_for_reports() -> None:
    found = records(purchases={"B-1": ["2026-08-10", "2026-10-03"], "B-2": ["2026-10-03"]})
    assert overdue(found, "2026-09-30") == ()
    assert [(i.party, i.period) for i in overdue(found, "2026-10-05")] == [("B-1", "2026-09")]


def test_payroll_comes_before_purchases_then_party_then_due_date() -> None:
    found = records(
        payments=(("S-2", "2026-08-01", "1.00"), ("S-1", "2026-08-01", "1.00")),
        purchases={"B-1": ["2026-07-01"]},
    )
    assert [(i.kind.value, i.party) for i in overdue(found, "2026-09-10")] == [
        ("payroll", "S-1"),
        ("payroll", "S-2"),
        ("purchases", "B-1"),
    ]


_DAYS = st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
_SUPPLIERS = st.sampled_from(["S-1", "S-2", "S-3"])
_PAYMENTS = st.lists(
    st.builds(
        PremiumReceived,
        _SUPPLIERS,
        _DAYS,
        st.decimals("0.01", "5000", places=2),
    ),
    max_size=12,
)
_DATES_BY_PARTY = st.dictionaries(
    st.sampled_from(["S-1", "S-2", "B-1", "B-2"]), st.lists(_DAYS, max_size=6), max_size=4
)


def _generated(
    payments: list[PremiumReceived], pay: dict[str, list[dt.date]], bought: dict[str, list[dt.date]]
) -> SubmissionRecords:
    return SubmissionRecords(
        program="P",
        currency="USD",
        distribution_deadline_days=21,
        payments=payments,
        pay_dates=pay,
        purchase_dates=bought,
    )


@given(_PAYMENTS, _DATES_BY_PARTY, _DATES_BY_PARTY, _DAYS)
def test_every_item_is_past_its_due_date_by_the_days_it_says(
    payments: list[PremiumReceived],
    pay: dict[str, list[dt.date]],
    bought: dict[str, list[dt.date]],
    as_of: dt.date,
) -> None:
    for item in find_overdue(_generated(payments, pay, bought), as_of, CLOSE_DAY):
        assert item.due_on < as_of
        assert item.days_overdue == (as_of - item.due_on).days >= 1


@given(_PAYMENTS, _DAYS)
def test_a_payroll_paid_on_the_as_of_date_clears_every_payroll_item(
    payments: list[PremiumReceived], as_of: dt.date
) -> None:
    paid_today = {supplier: [as_of] for supplier in ("S-1", "S-2", "S-3")}
    assert find_overdue(_generated(payments, paid_today, {}), as_of, CLOSE_DAY) == ()


@given(_PAYMENTS, _DATES_BY_PARTY, _DAYS)
def test_payroll_owed_never_exceeds_what_the_supplier_received(
    payments: list[PremiumReceived], pay: dict[str, list[dt.date]], as_of: dt.date
) -> None:
    for item in find_overdue(_generated(payments, pay, {}), as_of, CLOSE_DAY):
        received = sum(p.amount for p in payments if p.supplier == item.party)
        assert item.amount is not None and Decimal(0) < item.amount <= received


@given(_DATES_BY_PARTY, _DAYS)
def test_no_report_is_owed_for_a_month_with_a_purchase(
    bought: dict[str, list[dt.date]], as_of: dt.date
) -> None:
    for item in find_overdue(_generated([], {}, bought), as_of, CLOSE_DAY):
        assert Month.parse(item.period) not in {Month.of(d) for d in bought[item.party]}
        assert Month.parse(item.period) > min(Month.of(d) for d in bought[item.party])
