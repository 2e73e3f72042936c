"""Two more growers for the demo season, written as the files their buyers and they would send.

The worked example has about 150 workers; a realistic demo has a few hundred. This adds
Sweetwater Berry Farm (strawberries, bought by B-101) and Cypress Creek Peppers (peppers,
bought by B-102) with their crews, generated from a fixed seed so every demo is the same:
weekly purchases, monthly remittances and receipt confirmations, and weekly payroll where
each payment received is passed on, shared by hours, at the next pay date. Planted for the
monitors to find: Cypress Creek keeps 15% of its September premium (late pass-through in
October), has not passed on October's by the month's end and never confirms it;
Sweetwater skips three workers in one October pay period and pays one worker twice in
September.
"""

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from openpyxl import Workbook

from ledger.allocation import split_by_largest_remainder
from ledger.money import round_half_up

SUPPLIERS_TOML = """
[[suppliers]]
code = "S-206"
name = "Sweetwater Berry Farm"
location = "Plant City, FL, US"

[[suppliers]]
code = "S-207"
name = "Cypress Creek Peppers"
location = "Immokalee, FL, US"
"""
RETENTION = Decimal("0.0765")
FIRST_WEEK = dt.date(2026, 8, 3)
WEEKS = 12  # pay dates from August 14 to October 30
GIVEN = ("Maria", "José", "Juan", "Rosa", "Pedro", "Ana", "Luis", "Carmen", "Jean", "Marie")
FAMILY = ("García", "Hernández", "López", "Pierre", "Joseph", "Ramírez", "Cruz", "Baptiste")


@dataclass(frozen=True, slots=True)
class Crew:
    """A grower, the buyer it sells to, what it grows, and how its payroll file looks."""

    supplier: str
    buyer: str
    commodity: str
    unit: str
    pounds_per_unit: int
    rate: Decimal  # program rate per pound
    workers: int
    first_id: int
    spanish: bool


CREWS = (
    Crew("S-206", "B-101", "strawberry", "flat", 8, Decimal("0.025"), 80, 6001, False),
    Crew("S-207", "B-102", "pepper", "box", 28, Decimal("0.01"), 80, 7001, True),
)
Upload = tuple[str, str, str, str | None]


def write_supplement(folder: Path) -> list[Upload]:
    """Write every file of both crews into `folder`; the uploads, in the order they arrive."""
    uploads: list[Upload] = []
    for crew in CREWS:
        uploads.extend(_write_crew(folder, crew, random.Random(f"{crew.supplier}-2026")))
    return uploads


def _write_crew(folder: Path, crew: Crew, rng: random.Random) -> list[Upload]:
    weeks = [FIRST_WEEK + dt.timedelta(weeks=n) for n in range(WEEKS)]
    purchases = [(monday + dt.timedelta(days=2), rng.randint(900, 1600)) for monday in weeks]
    payments = _payments(crew, purchases)
    names = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(crew.workers)]
    lines = list(_payroll_lines(crew, weeks, payments, names, rng))
    stem = crew.supplier
    _write_csv(
        folder / f"{stem}-purchases.csv",
        ["supplier", "commodity", "quantity", "unit", "purchase_date", "reference"],
        [
            [stem, crew.commodity, qty, crew.unit, day.isoformat(), f"{crew.buyer}-{stem}-{n:03}"]
            for n, (day, qty) in enumerate(purchases, start=1)
        ],
    )
    _write_csv(
        folder / f"{stem}-payments.csv",
        ["supplier", "amount", "paid_on", "reference"],
        [[stem, f"{amount}", day.isoformat(), ref] for day, amount, ref in payments],
    )
    confirmed = payments if crew.supplier != "S-207" else payments[:-1]
    _write_csv(
        folder / f"{stem}-receipts.csv",
        ["buyer", "amount", "received_on", "reference"],
        [[crew.buyer, f"{a}", (d + dt.timedelta(days=2)).isoformat(), r] for d, a, r in confirmed],
    )
    uploads: list[Upload] = [
        ("purchases", crew.buyer, f"{stem}-purchases.csv", None),
        ("payments", crew.buyer, f"{stem}-payments.csv", None),
        ("receipts", stem, f"{stem}-receipts.csv", None),
    ]
    for month in (8, 9, 10):
        name = f"{stem}-payroll-2026-{month:02}.xlsx"
        _write_payroll(folder / name, crew, [line for line in lines if line[4].month == month])
        uploads.append(("payroll", stem, name, None))
    return uploads


def _payments(
    crew: Crew, purchases: list[tuple[dt.date, int]]
) -> list[tuple[dt.date, Decimal, str]]:
    """On the 10th of September and October, the premium of the month before, in full."""
    paid = []
    for month in (8, 9):
        premium = sum(
            (
                round_half_up(Decimal(qty * crew.pounds_per_unit) * crew.rate, 2)
                for day, qty in purchases
                if day.month == month
            ),
            Decimal("0"),
        )
        paid.append((dt.date(2026, month + 1, 10), premium, f"ACH-{crew.supplier}-{month:02}"))
    return paid


def _payroll_lines(
    crew: Crew,
    weeks: list[dt.date],
    payments: list[tuple[dt.date, Decimal, str]],
    names: list[str],
    rng: random.Random,
) -> Iterator[tuple[str, str, dt.date, dt.date, dt.date, Decimal, Decimal]]:
    """(worker id, name, start, end, pay date, hours, premium) for every worker and week."""
    waiting = list(payments)
    for monday in weeks:
        start, end = monday, monday + dt.timedelta(days=6)
        pay_date = end + dt.timedelta(days=5)
        crew_hours = [Decimal(rng.randint(0, 52)) for _ in names]
        pool = Decimal("0")
        while waiting and waiting[0][0] <= pay_date and not _held_back(crew, waiting[0][0]):
            _, amount, _ = waiting.pop(0)
            pool += amount * (Decimal("0.85") if crew.supplier == "S-207" else Decimal(1))
        to_workers = (pool / (1 + RETENTION)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        skipped = _skipped(crew, pay_date, crew_hours)
        weights = [Decimal(0) if i in skipped else h for i, h in enumerate(crew_hours)]
        shares = (
            split_by_largest_remainder(to_workers, weights)
            if to_workers
            else [Decimal("0.00")] * len(names)
        )
        for index, (name, hours, share) in enumerate(zip(names, crew_hours, shares, strict=True)):
            if hours or share:
                line = (str(crew.first_id + index), name, start, end, pay_date, hours, share)
                yield line
                if crew.supplier == "S-206" and pay_date == dt.date(2026, 9, 11) and index == 4:
                    yield line  # paid twice: a duplicate line


def _held_back(crew: Crew, paid_on: dt.date) -> bool:
    """Cypress Creek has not passed on its October payment by the end of October."""
    return crew.supplier == "S-207" and paid_on.month == 10


def _skipped(crew: Crew, pay_date: dt.date, hours: list[Decimal]) -> set[int]:
    """Three workers who worked but got nothing, in Sweetwater's first October distribution."""
    if crew.supplier != "S-206" or pay_date != dt.date(2026, 10, 16):
        return set()
    return {i for i, worked in enumerate(hours) if worked > 0}.intersection(range(10, 40, 10))


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def _write_payroll(
    path: Path,
    crew: Crew,
    lines: list[tuple[str, str, dt.date, dt.date, dt.date, Decimal, Decimal]],
) -> None:
    workbook = Workbook()
    workbook.properties.created = dt.datetime(2026, 11, 1)
    sheet = workbook.worksheets[0]
    sheet.title = "Nomina" if crew.spanish else "Payroll"
    sheet.append([f"{crew.supplier} payroll"])
    header = (
        ["No. Empleado", "Nombre", "Inicio", "Fin", "Fecha de pago", "Horas", "Prima"]
        if crew.spanish
        else ["Employee ID", "Name", "Period Start", "Period End", "Check Date", "Hours", "Premium"]
    )
    sheet.append(header)
    for worker, name, start, end, pay_date, hours, premium in lines:
        sheet.append([worker, name, start, end, pay_date, int(hours), str(premium)])
    written = io.BytesIO()
    workbook.save(written)
    path.write_bytes(_reproducible(written.getvalue()))


def _reproducible(workbook: bytes) -> bytes:
    """The workbook with fixed times, so that a rebuilt demo re-imports as the identical file.

    openpyxl stamps the saving time into the document properties and every zip entry.
    """
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(fixed, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data
                )
            stamped = zipfile.ZipInfo(entry.filename, date_time=(2026, 11, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, data)
    return fixed.getvalue()
