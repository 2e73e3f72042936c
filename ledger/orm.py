"""The declarative base and the column types that keep amounts exact on every engine.

SQLite stores NUMERIC as a binary float (12345678901234.5678 comes back as ...5684),
so on SQLite money is kept as an integer count of 1/10,000 units and other exact
quantities as text; PostgreSQL keeps both as NUMERIC.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, MetaData, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator, TypeEngine

from ledger.errors import InvalidAmount
from ledger.money import STORAGE_PLACES, check_storable

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_SCALE = Decimal(10) ** STORAGE_PLACES


class Base(DeclarativeBase):
    """Base of every table of the books."""

    metadata = MetaData(naming_convention=_NAMING)


class Amount(TypeDecorator[Decimal]):
    """Money with four decimals: NUMERIC(20, 4) on PostgreSQL, scaled integer on SQLite."""

    impl = Numeric(20, STORAGE_PLACES)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(20, STORAGE_PLACES, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise InvalidAmount(f"{value!r} is not a Decimal amount")
        check_storable(value)
        if dialect.name == "sqlite":
            return int(value * _SCALE)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-STORAGE_PLACES)
        return Decimal(value).quantize(Decimal(1).scaleb(-STORAGE_PLACES))


class ExactDecimal(TypeDecorator[Decimal]):
    """Any exact decimal (quantities, rates, factors): NUMERIC on PostgreSQL, text on SQLite."""

    impl = Numeric()
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(60))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise InvalidAmount(f"{value!r} is not an exact decimal")
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return (
            None
            if value is None
            else Decimal(str(value))
            if dialect.name != "sqlite"
            else Decimal(value)
        )


class Moment(TypeDecorator[datetime]):
    """A point in time, stored with its time zone and always read back in UTC.

    SQLite keeps no time zone: without this, a time written as UTC comes back naive there
    and aware on PostgreSQL, and would compare and serialise differently on each.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError(f"time {value.isoformat()} has no time zone")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC)
