"""Sharing a premium pool in proportion to weights (hours, gross wages or units).

`exact_shares` gives each weight its exact proportion of the pool as a
`Fraction`, so that comparisons against it never depend on a decimal precision;
`split_by_largest_remainder` turns those exact shares into amounts of the
currency's minor unit that sum to the pool exactly; `round_share` rounds one
exact share half-up (away from zero) for reporting. The payroll allocation
helper and the reconciliation's allocation checks share these definitions.
"""

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from math import floor


def exact_shares(pool: Decimal, weights: Sequence[Decimal]) -> list[Fraction]:
    """Each weight's exact proportion of the pool: pool × weight / Σ weights."""
    _check_weights(weights)
    total = sum((Fraction(weight) for weight in weights), Fraction(0))
    return [Fraction(pool) * Fraction(weight) / total for weight in weights]


def split_by_largest_remainder(
    pool: Decimal, weights: Sequence[Decimal], exponent: int = 2
) -> list[Decimal]:
    """Share the pool by the weights in whole minor units that sum exactly to the pool.

    Every part starts at its exact share rounded down; the minor units left over
    go one each to the parts with the largest remainders, earlier parts first
    among equal remainders. No part differs from its exact share by a minor
    unit or more.
    """
    unit = Fraction(1, 10**exponent)
    pool_units = Fraction(pool) / unit
    if pool_units.denominator != 1:
        raise ValueError(f"pool {pool} is not a whole number of {_unit_text(exponent)}")
    scaled = [share / unit for share in exact_shares(pool, weights)]
    parts = [floor(share) for share in scaled]
    leftover = int(pool_units) - sum(parts)
    by_remainder = sorted(range(len(parts)), key=lambda i: (parts[i] - scaled[i], i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    return [_minor_units_to_decimal(part, exponent) for part in parts]


def round_share(share: Fraction, exponent: int = 2) -> Decimal:
    """Round an exact share half-up (half away from zero) to the minor unit."""
    scaled = abs(share) * 10**exponent
    units = floor(scaled + Fraction(1, 2))
    return _minor_units_to_decimal(units if share >= 0 else -units, exponent)


def _check_weights(weights: Sequence[Decimal]) -> None:
    if not weights:
        raise ValueError("no weights to share the pool by")
    negative = [weight for weight in weights if weight < 0]
    if negative:
        raise ValueError(f"negative weight {negative[0]}: weights must be zero or more")
    if all(weight == 0 for weight in weights):
        raise ValueError("weights are all zero: there is nothing to share the pool by")


def _minor_units_to_decimal(units: int, exponent: int) -> Decimal:
    # quantize fixes the exponent so that zero prints as "0.00", not "0E-2"
    return Decimal(units).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))


def _unit_text(exponent: int) -> str:
    return str(Decimal(1).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent)))
