"""Supplier standing over time, and purchases made from a supplier while it was suspended.

A supplier is `good` until its first standing change; each change holds from
its `since` date until the next one. Rules use the standing in force on the
date that matters: the as-of date for reports, the purchase date for
`SUSPENDED_SUPPLIER_PURCHASE`.
"""

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reconciliation.books import PurchaseLine, Standing, StandingChange, group_by, total
from reconciliation.figures import round_amount
from reconciliation.findings import Finding, FindingCode


@dataclass(frozen=True, slots=True)
class StandingHistory:
    """Every supplier's standing changes, oldest first, ready for look-ups by date."""

    changes: Mapping[str, tuple[StandingChange, ...]]

    def on(self, supplier: str, day: dt.date) -> Standing:
        """The supplier's standing in force on `day`."""
        changes = self.changes.get(supplier, ())
        in_force = bisect_right([change.since for change in changes], day)
        return changes[in_force - 1].standing if in_force else Standing.GOOD


def build_standing_history(changes: Iterable[StandingChange]) -> StandingHistory:
    """The history of the given changes; of two changes on one day, the later given wins."""
    by_supplier = group_by(changes, lambda change: change.supplier)
    # sorted() is stable, so same-day changes keep the order they were recorded in
    return StandingHistory(
        {
            supplier: tuple(sorted(supplier_changes, key=lambda change: change.since))
            for supplier, supplier_changes in by_supplier.items()
        }
    )


def find_suspended_supplier_purchases(
    purchases: Sequence[PurchaseLine], history: StandingHistory, exponent: int
) -> list[Finding]:
    """One `SUSPENDED_SUPPLIER_PURCHASE` per (buyer, supplier) with purchases made in suspension.

    `purchases` are the month's; the amount is the premium of those purchases.
    """
    suspended = [
        line for line in purchases if history.on(line.supplier, line.date) is Standing.SUSPENDED
    ]
    by_pair = group_by(suspended, lambda line: (line.buyer, line.supplier))
    return [
        Finding(
            code=FindingCode.SUSPENDED_SUPPLIER_PURCHASE,
            buyer=buyer,
            supplier=supplier,
            amount=round_amount(total(line.premium for line in lines), exponent),
            message=f"{len(lines)} purchase(s) while {supplier} was suspended",
        )
        for (buyer, supplier), lines in sorted(by_pair.items(), key=lambda item: item[0])
    ]
