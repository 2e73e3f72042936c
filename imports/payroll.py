"""Payroll (a supplier's file): each line passes premium from the supplier to one worker.

Posting rule (DESIGN.md §4): `suppliers:S:held` → `workers:S:W` the premium p, and →
`suppliers:S:retained` the retention r = p × retention_rate, rounded half-up per line.
A retention of 0.00 is left out of the entry (a zero posting is refused); a line with
premium 0 is stored, since it counts for allocation checks, but posts nothing. Workers
are created on first sight, with a lookup code handed out through the import result.

Choices where DESIGN.md is silent: a premium must be a whole number of minor units
(it is what a paystub paid); a worker id containing `:` cannot name an account and is a
row problem; ids, names and crews longer than their columns are row problems.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from moneyed import Currency, Money

from imports.pay_periods import repeated_pay_periods
from imports.pipeline import Context, StagedLine
from imports.reading import Layout, ParsedRow, Problem, payroll_layout
from ledger import accounts
from ledger.catalog import Catalog
from ledger.entries import Entry, Posting, Source
from ledger.lines import PayrollLine
from ledger.money import currency, minor_places, round_half_up
from ledger.workers import enrol_workers

_LONGEST = {"worker_id": 100, "worker_name": 200, "crew": 100}


@dataclass(frozen=True, slots=True)
class _Terms:
    """What every line of one upload shares: the currency, the rate, the supplier's accounts."""

    currency: Currency
    places: int
    rate: Decimal
    supplier: str
    held: str
    retained: str


def _terms_of(context: Context) -> _Terms:
    program = context.program
    return _terms(program.currency, program.retention_rate, context.party.code)


@lru_cache(maxsize=32)
def _terms(currency_code: str, rate: Decimal, supplier: str) -> _Terms:
    # Made once per upload rather than per row: a 100,000-row payroll is the common case.
    return _Terms(
        currency=currency(currency_code),
        places=minor_places(currency_code),
        rate=rate,
        supplier=supplier,
        held=accounts.supplier_held(supplier),
        retained=accounts.supplier_retained(supplier),
    )


class Payroll:
    """The payroll kind of upload."""

    kind = "payroll"
    role = "supplier"

    def layout(self, catalog: Catalog) -> Layout:
        return payroll_layout(catalog.program.allocation_basis)

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
        worker_id, premium = row.text("worker_id"), row.decimal("premium")
        terms = _terms_of(context)
        problems = worker_problems(row, context.sheet)
        if premium != round_half_up(premium, terms.places):
            problems.append(_fraction_of_minor_unit(row, premium, terms, context))
        if problems:
            return problems
        retention = round_half_up(premium * terms.rate, terms.places)
        start, end = row.date("period_start"), row.date("period_end")
        values: dict[str, object] = {
            "row": row.row,
            "supplier_id": context.party.id,
            "period_start": start,
            "period_end": end,
            "pay_date": row.date("pay_date"),
            "hours": row.optional_decimal("hours"),
            "gross_wages": row.optional_decimal("gross_wages"),
            "units": row.optional_decimal("units"),
            "crew": row.optional_text("crew"),
            "premium": premium,
            "retention": retention,
        }
        entry = self._entry(context, terms, row, premium, retention)
        extra: dict[str, object] = {"worker_name": row.optional_text("worker_name")}
        return StagedLine(row.row, values, entry, premium, (worker_id, start, end), extra)

    def _entry(
        self, context: Context, terms: _Terms, row: ParsedRow, premium: Decimal, retention: Decimal
    ) -> Entry | None:
        if premium == 0:
            return None
        worker_id, money = row.text("worker_id"), terms.currency
        postings = [
            Posting(terms.held, Money(-(premium + retention), money)),
            Posting(accounts.worker(terms.supplier, worker_id), Money(premium, money)),
        ]
        if retention:
            postings.append(Posting(terms.retained, Money(retention, money)))
        period = f"{row.date('period_start').isoformat()}/{row.date('period_end').isoformat()}"
        return Entry(
            kind="payroll",
            effective_date=row.date("pay_date"),
            postings=tuple(postings),
            description=f"payroll {period} for worker {worker_id}",
            source=Source(context.batch_id, context.sheet, row.row),
            idempotency_key=context.idempotency_key(self.kind, row.row),
        )

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]:
        return repeated_pay_periods(context, lines)

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None:
        if not lines:
            return
        names: dict[str, str | None] = {}
        for line in lines:
            worker_id, name = _worker_of(line), line.extra["worker_name"]
            # A name given on a later row wins; a row without a name keeps the earlier one.
            if isinstance(name, str) or worker_id not in names:
                names[worker_id] = name if isinstance(name, str) else None
        enrolment = enrol_workers(context.session, context.program.id, context.party.id, names)
        context.new_worker_codes.extend(enrolment.new_codes)
        for line in lines:
            line.values["worker_id"] = enrolment.ids[_worker_of(line)]
        context.insert_lines(PayrollLine, lines)


def _worker_of(line: StagedLine) -> str:
    key = line.key
    assert isinstance(key, tuple) and isinstance(key[0], str)
    return key[0]


def worker_problems(row: ParsedRow, sheet: str | None) -> list[Problem]:
    """What keeps a row's worker id, name or crew from being stored or naming an account."""
    problems = []
    for column, longest in _LONGEST.items():
        text = row.values.get(column)
        if isinstance(text, str) and len(text) > longest:
            reason = f"longer than {longest} characters"
            problems.append(Problem(reason, sheet, row.row, column, text))
    worker_id = row.text("worker_id")
    if accounts.SEPARATOR in worker_id:
        reason = f'contains "{accounts.SEPARATOR}", which cannot be part of an account name'
        problems.append(Problem(reason, sheet, row.row, "worker_id", worker_id))
    return problems


def _fraction_of_minor_unit(
    row: ParsedRow, premium: Decimal, terms: _Terms, context: Context
) -> Problem:
    code, places = terms.currency.code, terms.places
    reason = f"more than {places} decimal places: not an amount that can be paid in {code}"
    return Problem(reason, context.sheet, row.row, "premium", str(premium))
