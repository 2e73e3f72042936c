"""Money at the edges of the books: exact parsing, half-up rounding and formatting.

Amounts are `moneyed.Money` over `Decimal`; floats are refused everywhere because a
binary fraction cannot hold a cent exactly.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from moneyed import Currency, CurrencyDoesNotExist, Money, get_currency

from ledger.errors import InvalidAmount

#: Amounts are stored with four decimal places on every database engine.
STORAGE_PLACES = 4
_STORAGE_QUANTUM = Decimal(1).scaleb(-STORAGE_PLACES)
#: Amounts stay below this on every engine: NUMERIC(20, 4) holds less than 10^16, and
#: SQLite's 64-bit count of 1/10,000 units less than 9.2 × 10^14.
STORABLE_LIMIT = Decimal(10) ** 14


def currency(code: str) -> Currency:
    """The ISO 4217 currency with this code, or InvalidAmount."""
    try:
        return get_currency(code.strip().upper())
    except (CurrencyDoesNotExist, AttributeError):
        raise InvalidAmount(f"unknown currency {code!r}") from None


def minor_places(code: str) -> int:
    """Decimal places of the currency's minor unit (2 for USD, 0 for JPY)."""
    sub_unit = currency(code).sub_unit or 1
    return len(str(sub_unit)) - 1


def to_decimal(value: object) -> Decimal:
    """An exact Decimal from text, an int or a Decimal; floats are refused."""
    if isinstance(value, (bool, float)):
        raise InvalidAmount(f"{value!r} is not an exact amount (floats are refused)")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidAmount(f"{value!r} is not a number") from None
    else:
        raise InvalidAmount(f"{value!r} is not an amount")
    if not number.is_finite():
        raise InvalidAmount(f"{value!r} is not a finite amount")
    return number


def money(amount: object, currency_code: str) -> Money:
    """Money from an exact amount and a currency code."""
    return Money(to_decimal(amount), currency(currency_code))


def round_half_up(amount: Decimal, places: int) -> Decimal:
    """Round half away from zero to `places` decimals (negatives too)."""
    try:
        return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the decimal context holds
        raise InvalidAmount(f"{amount} is too large an amount") from None


def round_minor(value: Money) -> Money:
    """Round half-up to the currency's minor unit: the one rounding used by posting rules."""
    places = minor_places(value.currency.code)
    return Money(round_half_up(value.amount, places), value.currency)


def check_storable(amount: Decimal) -> Decimal:
    """The amount itself if it fits the stored precision: four decimal places, below 10^16."""
    if not abs(amount) < STORABLE_LIMIT:
        raise InvalidAmount(f"{amount} is too large an amount to keep in the books")
    if amount != amount.quantize(_STORAGE_QUANTUM, rounding=ROUND_HALF_UP):
        raise InvalidAmount(f"{amount} has more than {STORAGE_PLACES} decimal places")
    return amount


def format_amount(amount: Decimal, currency_code: str) -> str:
    """Plain text with the currency's minor-unit decimals: '1234.50', '-0.07'."""
    places = minor_places(currency_code)
    rounded = round_half_up(amount, places)
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:.{places}f}"


def format_money(value: Money) -> str:
    """For people: '1,234.50 USD'."""
    places = minor_places(value.currency.code)
    return f"{round_half_up(value.amount, places):,.{places}f} {value.currency.code}"
