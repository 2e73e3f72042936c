"""Header names: the synonym table of DESIGN.md §5 and finding the header row.

Names match after lower-casing and removing accents, spaces and punctuation, so
`No. Empleado`, `no empleado` and `NO_EMPLEADO` are one name. A synonym may belong to
several contract columns (`date` is `purchase_date` in a purchases file and `sale_date`
in a sales file), so names are resolved per layout, never globally.
"""

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from imports.reading.values import Cell, is_blank

HEADER_SEARCH_ROWS = 20

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "supplier": ("grower", "supplier code", "proveedor", "productor"),
    "buyer": ("customer", "buyer code", "comprador", "cliente"),
    "commodity": ("product", "crop", "producto", "cultivo"),
    "quantity": ("qty", "volume", "cantidad", "volumen"),
    "unit": ("uom", "unit of measure", "unidad"),
    "purchase_date": ("date", "invoice date", "fecha", "fecha de compra"),
    "sale_date": ("date", "invoice date", "fecha", "fecha de venta"),
    "reference": ("ref", "invoice", "invoice no", "referencia", "factura"),
    "amount": ("premium paid", "payment", "monto", "importe"),
    "currency": ("moneda",),
    "fx_rate": ("exchange rate", "tipo de cambio"),
    "paid_on": ("payment date", "date paid", "fecha de pago"),
    "received_on": ("date received", "fecha de recibo", "fecha recibido"),
    "worker_id": (
        "employee id",
        "emp id",
        "employee no",
        "id",
        "no empleado",
        "numero de empleado",
        "id trabajador",
    ),
    "worker_name": ("name", "employee name", "nombre", "nombre del trabajador"),
    "period_start": ("pay period start", "start", "from", "inicio", "desde", "fecha inicio"),
    "period_end": ("pay period end", "end", "to", "fin", "hasta", "fecha fin"),
    "pay_date": ("check date", "paid on", "fecha de pago"),
    "hours": ("hrs", "hours worked", "horas", "horas trabajadas"),
    "gross_wages": ("gross", "gross pay", "wages", "salario bruto", "bruto"),
    "units": ("pieces", "buckets", "piezas", "cubetas"),
    "premium": (
        "fair food premium",
        "ffp premium",
        "ffp bonus",
        "fair food bonus",
        "prima",
        "prima fair food",
        "bono ffp",
    ),
    "crew": ("cuadrilla",),
}


def normalize(name: str) -> str:
    """Lower-case, without accents, spaces or punctuation: `Fecha de Pago` → `fechadepago`."""
    decomposed = unicodedata.normalize("NFKD", name).casefold()
    return "".join(char for char in decomposed if char.isalnum())


def name_lookup(columns: Sequence[str]) -> dict[str, str]:
    """Normalised name → contract column, for the columns of one layout."""
    lookup: dict[str, str] = {}
    for column in columns:
        for name in (column, *SYNONYMS.get(column, ())):
            key = normalize(name)
            if lookup.setdefault(key, column) != column:
                raise ValueError(f"{name!r} would name both {lookup[key]} and {column}")
    return lookup


@dataclass(frozen=True, slots=True)
class Header:
    """A recognised header row: which cell index holds which contract column."""

    row: int
    positions: Mapping[str, int]
    names: Mapping[str, str]  # contract column → the header text as written


def match_header(cells: Sequence[Cell], lookup: Mapping[str, str]) -> dict[str, list[int]]:
    """Contract column → the indexes of the cells that name it (more than one is ambiguous)."""
    found: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and (column := lookup.get(normalize(cell))):
            found.setdefault(column, []).append(index)
    return found


@dataclass(frozen=True, slots=True)
class HeaderSearch:
    """What the first rows of a sheet told: the header, or how close a row came."""

    header: Header | None
    closest: tuple[int, tuple[str, ...]] | None = None  # row, required columns it lacks
    ambiguous: tuple[int, str, tuple[str, ...]] | None = None  # row, column, its names
    empty: bool = False  # not one filled cell


def find_header(
    rows: Iterator[tuple[int, Sequence[Cell]]], required: Sequence[str], lookup: Mapping[str, str]
) -> HeaderSearch:
    """The first row within the first 20 whose cells name all required columns.

    Consumes rows up to and including the header, so the iterator goes on with the data.
    """
    closest: tuple[int, tuple[str, ...]] | None = None
    empty = True
    for number, cells in rows:
        empty = empty and all(is_blank(cell) for cell in cells)
        found = match_header(cells, lookup)
        missing = tuple(column for column in required if column not in found)
        if not missing:
            return _recognised(number, cells, found)
        if len(missing) < len(required) and (closest is None or len(missing) < len(closest[1])):
            closest = (number, missing)
        if number >= HEADER_SEARCH_ROWS:
            return HeaderSearch(None, closest=closest)
    return HeaderSearch(None, closest=closest, empty=empty)


def _recognised(number: int, cells: Sequence[Cell], found: dict[str, list[int]]) -> HeaderSearch:
    for column, indexes in found.items():
        if len(indexes) > 1:
            written = tuple(str(cells[index]).strip() for index in indexes)
            return HeaderSearch(None, ambiguous=(number, column, written))
    positions = {column: indexes[0] for column, indexes in found.items()}
    names = {column: str(cells[index]).strip() for column, index in positions.items()}
    return HeaderSearch(Header(number, positions, names))
