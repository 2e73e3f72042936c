"""Sharing a supplier's premium pool over its payroll lines so that no allocation check fails.

Reconciliation (DESIGN.md §6) judges allocation per pay period — same period start and
end, pay date in one month — with a worker's lines in the period summed first: worker
i is due P × b_i / Σb of the period's premium P. Sharing the whole pool over all lines
at once would not make each period proportional, so the pool is shared in three
steps, each with the largest-remainder method so that the parts sum exactly:

1. between the pay periods, in proportion to each period's basis total;
2. within a period, between its workers, in proportion to each worker's basis;
3. within a worker's period, between its lines, in proportion to each line's basis.

Step 2 is what reconciliation checks: each worker's amount differs from its exact share
of the period's actual premium by less than one minor unit, and a worker owed a minor
unit or more gets at least one, so neither ALLOCATION_DEVIATION nor WORKER_MISSED can
follow. In a file of one pay period with one line per worker, every line is within a
minor unit of its exact share of the whole pool.
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger.allocation import split_by_largest_remainder

PayPeriod = tuple[date, date, int, int]  # period start and end, year and month paid


@dataclass(frozen=True, slots=True)
class BasisLine:
    """One payroll line as far as sharing goes: whose, which period, how much basis."""

    worker_id: str
    period_start: date
    period_end: date
    pay_date: date
    basis: Decimal

    @property
    def pay_period(self) -> PayPeriod:
        """The group reconciliation judges this line in."""
        return (self.period_start, self.period_end, self.pay_date.year, self.pay_date.month)


def share_pool(pool: Decimal, lines: Sequence[BasisLine], exponent: int = 2) -> list[Decimal]:
    """Each line's premium, in whole minor units, summing exactly to the pool.

    Raises ValueError when the pool is not whole minor units, or when it is not zero and
    no line has any basis to share it by.
    """
    amounts = [_zero(exponent)] * len(lines)
    periods = _group(range(len(lines)), lambda i: lines[i].pay_period)
    for period, period_pool in _split(pool, periods, lines, exponent):
        workers = _group(period, lambda i: lines[i].worker_id)
        for worker, worker_pool in _split(period_pool, workers, lines, exponent):
            for (index,), amount in _split(worker_pool, [[i] for i in worker], lines, exponent):
                amounts[index] = amount
    return amounts


def _split(
    pool: Decimal, groups: Iterable[list[int]], lines: Sequence[BasisLine], exponent: int
) -> list[tuple[list[int], Decimal]]:
    """The pool shared between groups of lines by their basis totals."""
    parts = list(groups)
    if pool == 0:  # also where every basis is zero: a zero-basis group never gets a unit
        return [(part, _zero(exponent)) for part in parts]
    weights = [sum((lines[i].basis for i in part), Decimal(0)) for part in parts]
    return list(zip(parts, split_by_largest_remainder(pool, weights, exponent), strict=True))


def _group(indexes: Iterable[int], key: Callable[[int], Hashable]) -> list[list[int]]:
    """The indexes grouped by key, groups in order of first appearance."""
    groups: dict[Hashable, list[int]] = {}
    for index in indexes:
        groups.setdefault(key(index), []).append(index)
    return list(groups.values())


def _zero(exponent: int) -> Decimal:
    return Decimal(0).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))
