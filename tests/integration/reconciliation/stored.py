"""Builders of stored books for reconciliation tests: a program, batches and their lines.

Lines are written straight into the line tables (reconciliation reads lines,
not postings), each in a batch of its own unless one is given, so that a test
can supersede exactly the lines it means to.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ledger import lines
from ledger.batches import ImportBatch
from ledger.participants import Party, Program, StandingChange, Worker
from ledger.program_tables import Commodity
from tests.builders import program as new_program

_numbers = itertools.count(1)


@dataclass
class Books:
    """A stored program with buyers B-1, B-2, suppliers S-1, S-2 and the commodity tomato."""

    session: Session
    program: Program
    parties: dict[str, Party]
    commodity: Commodity
    workers: dict[tuple[str, str], Worker] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.program.code

    def batch(self, kind: str, party: str, supersedes: ImportBatch | None = None) -> ImportBatch:
        """A new batch of `party`'s file of `kind`, superseding another if given."""
        made = ImportBatch(
            program_id=self.program.id,
            kind=kind,
            party_id=self.parties[party].id,
            filename=f"{kind}.csv",
            file_sha256=f"{next(_numbers):064d}",
            rows=1,
            entries=1,
            premium=Decimal(0),
            supersedes_id=supersedes.id if supersedes is not None else None,
        )
        self.session.add(made)
        self.session.flush()
        return made

    def purchase(
        self,
        on: str,
        premium: str,
        *,
        buyer: str = "B-1",
        supplier: str = "S-1",
        quantity: str = "1000",
        batch: ImportBatch | None = None,
    ) -> ImportBatch:
        """A purchase line; returns its batch."""
        batch = batch or self.batch("purchases", buyer)
        self._add(
            lines.PurchaseLine(
                batch_id=batch.id,
                row=next(_numbers),
                buyer_id=self.parties[buyer].id,
                supplier_id=self.parties[supplier].id,
                commodity_id=self.commodity.id,
                quantity=Decimal(quantity),
                unit="lb",
                quantity_base=Decimal(quantity),
                purchase_date=date.fromisoformat(on),
                reference=f"PO-{next(_numbers)}",
                rate=Decimal("0.01"),
                premium=Decimal(premium),
            )
        )
        return batch

    def payment(
        self,
        on: str,
        amount: str,
        *,
        buyer: str = "B-1",
        supplier: str = "S-1",
        currency: str = "USD",
        original: str | None = None,
        batch: ImportBatch | None = None,
        reference: str | None = None,
    ) -> ImportBatch:
        """A payment line, `amount` in program currency (`original` in `currency`)."""
        batch = batch or self.batch("payments", buyer)
        self._add(
            lines.PaymentLine(
                batch_id=batch.id,
                row=next(_numbers),
                buyer_id=self.parties[buyer].id,
                supplier_id=self.parties[supplier].id,
                paid_on=date.fromisoformat(on),
                reference=reference or f"PAY-{next(_numbers)}",
                currency=currency,
                amount=Decimal(original or amount),
                fx_rate=None,
                program_amount=Decimal(amount),
            )
        )
        return batch

    def receipt(
        self, on: str, amount: str, reference: str, *, buyer: str = "B-1", supplier: str = "S-1"
    ) -> ImportBatch:
        """A receipt confirmation line."""
        batch = self.batch("receipts", supplier)
        self._add(
            lines.ReceiptLine(
                batch_id=batch.id,
                row=next(_numbers),
                supplier_id=self.parties[supplier].id,
                buyer_id=self.parties[buyer].id,
                received_on=date.fromisoformat(on),
                reference=reference,
                amount=Decimal(amount),
            )
        )
        return batch

    def sale(self, on: str, premium: str, *, buyer: str = "B-1", supplier: str = "S-1") -> None:
        """A sales-report line."""
        batch = self.batch("sales", supplier)
        self._add(
            lines.SaleLine(
                batch_id=batch.id,
                row=next(_numbers),
                supplier_id=self.parties[supplier].id,
                buyer_id=self.parties[buyer].id,
                commodity_id=self.commodity.id,
                quantity=Decimal(1000),
                unit="lb",
                quantity_base=Decimal(1000),
                sale_date=date.fromisoformat(on),
                reference=f"INV-{next(_numbers)}",
                rate=Decimal("0.01"),
                premium_value=Decimal(premium),
            )
        )

    def payroll(
        self,
        period: str,
        pay_date: str,
        premium: str,
        *,
        worker: str = "W-1",
        supplier: str = "S-1",
        hours: str = "40",
        retention: str = "0.00",
        batch: ImportBatch | None = None,
    ) -> ImportBatch:
        """A payroll line for `period` (`YYYY-MM-DD/YYYY-MM-DD`)."""
        batch = batch or self.batch("payroll", supplier)
        start, end = (date.fromisoformat(day) for day in period.split("/"))
        self._add(
            lines.PayrollLine(
                batch_id=batch.id,
                row=next(_numbers),
                supplier_id=self.parties[supplier].id,
                worker_id=self._worker(supplier, worker).id,
                period_start=start,
                period_end=end,
                pay_date=date.fromisoformat(pay_date),
                hours=Decimal(hours),
                gross_wages=None,
                units=None,
                crew=None,
                premium=Decimal(premium),
                retention=Decimal(retention),
            )
        )
        return batch

    def standing(self, supplier: str, standing: str, since: str, reason: str = "") -> None:
        """A recorded standing change."""
        self._add(
            StandingChange(
                party_id=self.parties[supplier].id,
                standing=standing,
                since=date.fromisoformat(since),
                reason=reason,
                recorded_by="test",
            )
        )

    def _worker(self, supplier: str, worker_id: str) -> Worker:
        key = (supplier, worker_id)
        if key not in self.workers:
            self.workers[key] = Worker(
                program_id=self.program.id,
                supplier_id=self.parties[supplier].id,
                worker_id=worker_id,
                lookup_digest=f"{next(_numbers):064x}",
            )
            self._add(self.workers[key])
        return self.workers[key]

    def _add(self, record: object) -> None:
        self.session.add(record)
        self.session.flush()


def stored_books(session: Session, **settings: object) -> Books:
    """A stored program with two buyers, two suppliers and one commodity."""
    made = new_program(session, **settings)
    parties: dict[str, Party] = {}
    for role, code in [
        ("buyer", "B-1"),
        ("buyer", "B-2"),
        ("supplier", "S-1"),
        ("supplier", "S-2"),
    ]:
        parties[code] = Party(
            program_id=made.id, role=role, code=code, code_key=code.lower(), name=code
        )
        session.add(parties[code])
    commodity = Commodity(program_id=made.id, code="Tomato", code_key="tomato", base_unit="lb")
    session.add(commodity)
    session.flush()
    return Books(session, made, parties, commodity)
