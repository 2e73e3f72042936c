"""How amounts and quantities are rounded and written in reconciliation output.

Amounts are rounded half-up (half away from zero, negatives too) to the
currency's minor unit and written with exactly that many decimals; quantities
are written exactly, without exponent or trailing zeros.
"""

from decimal import ROUND_HALF_UP, Decimal


def round_amount(amount: Decimal, exponent: int) -> Decimal:
    """The amount rounded half-up to the minor unit; never a negative zero."""
    rounded = amount.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded


def format_amount(amount: Decimal, exponent: int) -> str:
    """The amount as text with the minor unit's decimals, e.g. `-1781.73`, `0.00`."""
    return format(round_amount(amount, exponent), "f")


def format_quantity(quantity: Decimal) -> str:
    """The exact quantity as text, no exponent and no trailing zeros: `12000`, `2204.62262`."""
    text = format(quantity, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
