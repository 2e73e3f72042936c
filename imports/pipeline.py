"""One upload, all or nothing: read, validate every row, post in chunks, or refuse it all.

Every kind of file (purchases, payments, receipts, sales, payroll) goes through here.
The program is locked for the whole upload, so two uploads of one program never
interleave and an identical file uploaded twice at once posts once. Rows are read,
checked and posted chunk by chunk inside the caller's transaction; once any problem is
found nothing more is written and the upload is refused, so the caller's rollback
leaves no trace of it.
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from imports.earlier_batches import check_supersedes, identical_batch, reverse_batch
from imports.errors import UploadRejected
from imports.reading import (
    DEFAULT_LIMITS,
    FileRejected,
    Layout,
    Limits,
    ParsedRow,
    Problem,
    open_table,
)
from ledger import journal
from ledger.audit import record_event
from ledger.batches import ImportBatch
from ledger.catalog import Catalog, PartyRef, load_catalog
from ledger.entries import Entry
from ledger.errors import InvalidAmount
from ledger.journal import batched
from ledger.money import format_amount
from ledger.orm import Base
from ledger.participants import Program, program_by_code

CHUNK_ROWS = 5000


@dataclass(frozen=True, slots=True)
class Upload:
    """A file a party uploads, and how."""

    program: str
    party: str
    filename: str
    data: bytes | Path
    dry_run: bool = False
    supersedes: int | None = None
    sheet: str | None = None
    uploaded_by: str = ""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What became of an upload (DESIGN.md §8 summary line and JSON)."""

    status: str  # "posted", "duplicate" or "dry_run"
    batch: int | None
    rows: int
    entries: int
    premium: Decimal
    currency: str
    sheet: str | None = None
    supersedes: int | None = None
    #: (worker_id, lookup code) of the workers this upload created: their only hand-out.
    new_worker_codes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What a kind needs to turn rows into lines: the program, the uploader, the batch."""

    session: Session
    catalog: Catalog
    party: PartyRef
    file_sha256: str
    sheet: str | None
    batch_id: int | None
    superseded: int | None
    dry_run: bool
    #: Filled by a kind that creates workers; a lookup code is only ever seen here.
    new_worker_codes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def program(self) -> Program:
        return self.catalog.program

    def insert_lines(self, model: type[Base], lines: Sequence["StagedLine"]) -> None:
        """Store staged lines of this batch with one Core executemany (no ORM objects)."""
        if lines:
            rows = [{**line.values, "batch_id": self.batch_id} for line in lines]
            table = cast(Table, model.__table__)
            self.session.connection().execute(insert(table), rows)

    def idempotency_key(self, kind: str, row: int) -> str:
        """`{kind}:{party}:{file SHA-256}:{sheet}:{row}` (DESIGN.md §4)."""
        return f"{kind}:{self.party.code}:{self.file_sha256}:{self.sheet or ''}:{row}"


@dataclass(slots=True)
class StagedLine:
    """A valid row as it will be stored, with the entry it posts (if any)."""

    row: int
    values: dict[str, object]
    entry: Entry | None
    premium: Decimal
    key: object = None  # what must not repeat a live batch's line (reference, worker+period)
    extra: dict[str, object] = field(default_factory=dict)


class LineKind(Protocol):
    """One kind of file: its layout, how a row becomes a line, and where lines are kept."""

    kind: str
    role: str

    def layout(self, catalog: Catalog) -> Layout: ...

    def stage(self, row: ParsedRow, context: Context) -> StagedLine | list[Problem]: ...

    def repeats(self, context: Context, lines: Sequence[StagedLine]) -> list[Problem]: ...

    def store(self, context: Context, lines: Sequence[StagedLine]) -> None: ...


Progress = Callable[[int], None]


def import_upload(
    session: Session,
    upload: Upload,
    kind: LineKind,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate and post one upload; raises UploadRejected with every problem found."""
    data = upload.data if isinstance(upload.data, bytes) else upload.data.read_bytes()
    program = program_by_code(session, upload.program, lock=True)
    catalog = load_catalog(session, program)
    party = catalog.party(kind.role, upload.party)
    if party is None:
        raise UploadRejected(
            [Problem(f"program {program.code} has no {kind.role} {upload.party!r}")]
        )
    digest = hashlib.sha256(data).hexdigest()
    earlier = identical_batch(session, program.id, kind.kind, party.id, digest)
    if earlier is not None:
        return ImportResult(
            "duplicate",
            earlier.id,
            earlier.rows,
            earlier.entries,
            earlier.premium,
            program.currency,
            earlier.sheet,
        )
    check_supersedes(session, program.id, kind.kind, kind.role, party, upload.supersedes)
    try:
        with open_table(
            data, upload.filename, kind.layout(catalog), sheet=upload.sheet, limits=limits
        ) as table:
            batch = None
            if not upload.dry_run:
                batch = _new_batch(session, program, upload, kind, party, digest, table.sheet)
            context = Context(
                session,
                catalog,
                party,
                digest,
                table.sheet,
                batch.id if batch else None,
                upload.supersedes,
                upload.dry_run,
            )
            if batch is not None and upload.supersedes is not None:
                reverse_batch(session, program.id, upload.supersedes, batch.id)
            tally = _post_rows(table, kind, context, progress)
    except FileRejected as refused:
        raise UploadRejected(refused.problems) from None
    if tally.problems:
        raise UploadRejected(tally.problems)
    if batch is None:
        return ImportResult(
            "dry_run",
            None,
            tally.rows,
            tally.entries,
            tally.premium,
            program.currency,
            table.sheet,
            upload.supersedes,
        )
    batch.rows, batch.entries, batch.premium = tally.rows, tally.entries, tally.premium
    session.flush()
    _record_upload(session, program, upload, kind, batch)
    return ImportResult(
        "posted",
        batch.id,
        tally.rows,
        tally.entries,
        tally.premium,
        program.currency,
        table.sheet,
        upload.supersedes,
        tuple(context.new_worker_codes),
    )


@dataclass(slots=True)
class _Tally:
    rows: int = 0
    entries: int = 0
    premium: Decimal = Decimal("0")
    problems: list[Problem] = field(default_factory=list)


def _post_rows(
    rows: Iterable[ParsedRow], kind: LineKind, context: Context, progress: Progress | None
) -> _Tally:
    tally = _Tally()
    for chunk in batched(rows, CHUNK_ROWS):
        staged: list[StagedLine] = []
        for row in chunk:
            if row.problems:
                tally.problems.extend(row.problems)
                continue
            line = _staged(kind, row, context)
            if isinstance(line, list):
                tally.problems.extend(line)
            else:
                staged.append(line)
        tally.problems.extend(kind.repeats(context, staged))
        tally.rows += len(chunk)
        if progress is not None:
            progress(len(chunk))
        tally.entries += sum(1 for line in staged if line.entry is not None)
        tally.premium += sum((line.premium for line in staged), Decimal("0"))
        if not tally.problems and not context.dry_run:
            _write(context, kind, staged)
        # After a problem every row is still checked, but nothing more is written.
    if tally.rows == 0:
        tally.problems.append(Problem("no data rows"))
    return tally


def _staged(kind: LineKind, row: ParsedRow, context: Context) -> StagedLine | list[Problem]:
    """The row as a line, or its problems; an amount the books cannot keep is one of them."""
    try:
        return kind.stage(row, context)
    except InvalidAmount as refused:
        return [Problem(str(refused), context.sheet, row.row)]


def _write(context: Context, kind: LineKind, staged: list[StagedLine]) -> None:
    entries = [line.entry for line in staged if line.entry is not None]
    summary = journal.post_many(context.session, context.program.id, entries)
    if summary.already_posted:
        raise UploadRejected([Problem("rows of this file were posted before by another batch")])
    ids = iter(summary.entry_ids)
    for line in staged:
        line.values["entry_id"] = next(ids) if line.entry is not None else None
    kind.store(context, staged)


def _record_upload(
    session: Session, program: Program, upload: Upload, kind: LineKind, batch: ImportBatch
) -> None:
    supersedes = f", superseding batch {upload.supersedes}" if upload.supersedes else ""
    record_event(
        session,
        program.id,
        upload.uploaded_by,
        f"uploaded {kind.kind}",
        f"batch {batch.id}",
        f"{upload.filename[:120]}: {batch.rows} rows, {batch.entries} entries,"
        f" premium {format_amount(batch.premium, program.currency)} {program.currency}{supersedes}",
    )


def _new_batch(
    session: Session,
    program: Program,
    upload: Upload,
    kind: LineKind,
    party: PartyRef,
    digest: str,
    sheet: str | None,
) -> ImportBatch:
    batch = ImportBatch(
        program_id=program.id,
        kind=kind.kind,
        party_id=party.id,
        filename=upload.filename[:300],
        file_sha256=digest,
        sheet=sheet,
        rows=0,
        entries=0,
        premium=Decimal("0"),
        supersedes_id=upload.supersedes,
        created_by=upload.uploaded_by,
    )
    session.add(batch)
    session.flush()
    return batch
