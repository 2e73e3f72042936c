"""Standing review: each supplier's standing at the month's end and what the findings suggest.

The recommendation rules (reconciliation.recommendation) need this month's
findings and last month's late pass-through. Last month's is recomputed from
the same books, so it reflects late uploads too and needs no stored run; the
pass-through aging is all of last month it needs, so summed payroll will do.
A recommendation is never applied here: a person confirms it with
`premium-ledger standing set`.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reconciliation.books import Books, Standing, StandingChange, cut_off, group_by
from reconciliation.findings import Finding, FindingCode
from reconciliation.months import Month
from reconciliation.pass_through import age_held, find_pass_through_gaps
from reconciliation.recommendation import Recommendation, recommend_standing
from reconciliation.result import MonthResult
from reconciliation.text_output import format_table


@dataclass(frozen=True, slots=True, kw_only=True)
class StandingReview:
    """A supplier's standing on the as-of date, since when, and any recommended change."""

    supplier: str
    standing: Standing
    since: dt.date | None
    recommendation: Recommendation | None


def review_standings(books: Books, result: MonthResult) -> tuple[StandingReview, ...]:
    """A review per supplier of the month's result, by supplier code."""
    previous_late = find_late_pass_through(books, result.month.previous())
    return tuple(
        StandingReview(
            supplier=row.supplier,
            standing=row.standing,
            since=_in_force_since(books.standing_changes, row.supplier, result.as_of),
            recommendation=recommend_standing(
                row.supplier, row.standing, result.findings, previous_late
            ),
        )
        for row in result.suppliers
    )


def find_late_pass_through(books: Books, month: Month) -> list[Finding]:
    """The `PASS_THROUGH_LATE` findings of `month`, as its reconciliation would give them."""
    to_date = cut_off(books, month.last_day)
    payments = group_by(to_date.payments, lambda line: line.supplier)
    payroll = group_by(to_date.payroll, lambda line: line.supplier)
    payouts = group_by(to_date.payouts, lambda payout: payout.supplier)
    findings: list[Finding] = []
    for supplier in sorted(payments):
        aging = age_held(
            payments[supplier],
            payroll.get(supplier, []),
            payouts.get(supplier, []),
            month,
            books.settings,
        )
        gaps = find_pass_through_gaps(supplier, aging, books.settings)
        findings.extend(gap for gap in gaps if gap.code is FindingCode.PASS_THROUGH_LATE)
    return findings


def _in_force_since(
    changes: Sequence[StandingChange], supplier: str, as_of: dt.date
) -> dt.date | None:
    in_force = [c for c in changes if c.supplier == supplier and c.since <= as_of]
    return max(in_force, key=lambda change: change.since).since if in_force else None


def render_standings(reviews: Sequence[StandingReview]) -> str:
    """The reviews as a table for the command line, with how to confirm a recommendation."""
    rows = [
        (
            review.supplier,
            review.standing.value,
            review.since.isoformat() if review.since else "-",
            review.recommendation.recommended.value if review.recommendation else "-",
            review.recommendation.reason if review.recommendation else "",
        )
        for review in reviews
    ]
    headers = ("supplier", "standing", "since", "recommended", "reason")
    text = "Standing\n" + (format_table(headers, rows) if rows else "no suppliers")
    if any(review.recommendation for review in reviews):
        text += "\n\nA recommendation changes nothing until confirmed with `standing set`."
    return text + "\n"
