"""The five file layouts of DESIGN.md §5: their columns, value types and row rules.

An importer only names its layout; the reader does the rest. Purchases, receipts and
sales are fixed; payments depend on the program currency (a payment in another currency
needs `fx_rate`) and payroll on the allocation basis (its column is required).
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from imports.reading.headers import name_lookup
from imports.reading.values import Value


class Kind(Enum):
    """What a column's cells become."""

    TEXT = "text"
    DECIMAL = "decimal"
    MONEY = "money"
    DATE = "date"
    CURRENCY = "currency"


class Rule(Enum):
    """A per-cell rule on a number."""

    ANY = "any"
    POSITIVE = "must be greater than 0"
    NON_NEGATIVE = "must not be negative"


@dataclass(frozen=True, slots=True)
class Column:
    """A contract column; `blank` is the value of a blank cell where blank is allowed."""

    name: str
    kind: Kind
    rule: Rule = Rule.ANY
    blank: Decimal | None = None


# A cross-field rule: given a row's typed values, yields (column, reason) for each breach.
RowCheck = Callable[[Mapping[str, Value]], Iterator[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns a kind of file must and may have, and the rules its rows follow."""

    name: str
    required: tuple[Column, ...]
    optional: tuple[Column, ...] = ()
    unique: str | None = None  # a column whose values may not repeat inside one file
    checks: tuple[RowCheck, ...] = ()
    lookup: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", name_lookup([c.name for c in self.columns]))

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.required + self.optional

    @property
    def date_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.kind is Kind.DATE)


def _text(name: str) -> Column:
    return Column(name, Kind.TEXT)


def _date(name: str) -> Column:
    return Column(name, Kind.DATE)


_QUANTITY = Column("quantity", Kind.DECIMAL, Rule.POSITIVE)
_AMOUNT = Column("amount", Kind.MONEY, Rule.POSITIVE)

PURCHASES = Layout(
    "purchases",
    required=(
        _text("supplier"),
        _text("commodity"),
        _QUANTITY,
        _text("unit"),
        _date("purchase_date"),
        _text("reference"),
    ),
    unique="reference",
)

RECEIPTS = Layout(
    "receipts",
    required=(_text("buyer"), _AMOUNT, _date("received_on"), _text("reference")),
    unique="reference",
)

SALES = Layout(
    "sales",
    required=(
        _text("buyer"),
        _text("commodity"),
        _QUANTITY,
        _text("unit"),
        _date("sale_date"),
        _text("reference"),
    ),
    unique="reference",
)


def payments_layout(program_currency: str) -> Layout:
    """Buyers' remittances; a payment in a currency other than the program's needs `fx_rate`."""
    home = program_currency.strip().upper()

    def needs_rate(values: Mapping[str, Value]) -> Iterator[tuple[str, str]]:
        currency = values.get("currency")
        # "fx_rate" is absent from `values` when its cell is itself a problem.
        missing = "fx_rate" in values and values["fx_rate"] is None
        if isinstance(currency, str) and currency != home and missing:
            yield "fx_rate", f"required for a payment in {currency} (program currency {home})"

    return Layout(
        "payments",
        required=(_text("supplier"), _AMOUNT, _date("paid_on"), _text("reference")),
        optional=(
            Column("currency", Kind.CURRENCY),
            Column("fx_rate", Kind.DECIMAL, Rule.POSITIVE),
        ),
        unique="reference",
        checks=(needs_rate,),
    )


ALLOCATION_BASES = ("hours", "gross_wages", "units")

_BASIS_COLUMNS = {
    "hours": Column("hours", Kind.DECIMAL, Rule.NON_NEGATIVE),
    "gross_wages": Column("gross_wages", Kind.MONEY, Rule.NON_NEGATIVE),
    "units": Column("units", Kind.DECIMAL, Rule.NON_NEGATIVE),
}


def payroll_layout(basis: str) -> Layout:
    """Suppliers' payroll; the allocation basis column is required, the other two optional."""
    if basis not in _BASIS_COLUMNS:
        raise ValueError(f"allocation basis must be one of {', '.join(ALLOCATION_BASES)}")
    others = tuple(column for name, column in _BASIS_COLUMNS.items() if name != basis)
    return Layout(
        "payroll",
        required=(
            _text("worker_id"),
            _date("period_start"),
            _date("period_end"),
            _date("pay_date"),
            Column("premium", Kind.MONEY, Rule.NON_NEGATIVE, blank=Decimal(0)),
            _BASIS_COLUMNS[basis],
        ),
        optional=(_text("worker_name"), *others, _text("crew")),
        checks=(_pay_period_in_order,),
    )


def _pay_period_in_order(values: Mapping[str, Value]) -> Iterator[tuple[str, str]]:
    start = values.get("period_start")
    if not isinstance(start, date):
        return
    for column in ("period_end", "pay_date"):
        later = values.get(column)
        if isinstance(later, date) and later < start:
            yield column, f"before period_start {start.isoformat()}"
