"""The journal: post balanced entries and reverse them, in bulk, under the database's guards.

Posting takes the program's lock, so entries of one program are chained one after the
other; an idempotency key posted before with the same content is a no-op and with other
content a conflict. Rows go to the database driver in chunks, by COPY on PostgreSQL: the
ORM unit of work, and even Core, spend more per row than the database and its guards.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import FromClause, Select, String, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from ledger import accounts_store
from ledger.books import JournalEntry, JournalPosting
from ledger.entries import GENESIS_HASH, Entry, chain_hash, reversal_of
from ledger.errors import IdempotencyConflict, ReversalRefused
from ledger.participants import Program
from ledger.stored_entries import load_entries

if TYPE_CHECKING:
    import psycopg

CHUNK_SIZE = 5000
_POSTING_COLUMNS = ("entry_id", "account_id", "currency", "amount", "effective_date")
_ENTRY_COLUMNS = (
    "id",
    "program_id",
    "kind",
    "effective_date",
    "recorded_at",
    "description",
    "batch_id",
    "source_sheet",
    "source_row",
    "idempotency_key",
    "content_digest",
    "reverses_id",
    "chain_hash",
)
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """Tuples of `size` items (the last may be shorter): bounded memory for long posts."""
    iterator = iter(items)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


@dataclass(slots=True)
class PostSummary:
    """What a post did: new entry ids in order, and the keys that were already posted."""

    entry_ids: list[int] = field(default_factory=list)
    already_posted: list[int] = field(default_factory=list)

    @property
    def created(self) -> int:
        return len(self.entry_ids)


def post(session: Session, program_id: int, entry: Entry) -> int:
    """Post one entry; returns its id (the earlier one if its key was posted before)."""
    summary = post_many(session, program_id, [entry])
    return (summary.entry_ids or summary.already_posted)[0]


def post_many(
    session: Session, program_id: int, entries: Iterable[Entry], *, chunk_size: int = CHUNK_SIZE
) -> PostSummary:
    """Post entries in order, chunk by chunk, all inside the caller's transaction."""
    writer = _JournalWriter(session, program_id)
    for chunk in batched(entries, chunk_size):
        writer.write(chunk)
    return writer.summary


def reverse(session: Session, program_id: int, entry_id: int, *, description: str = "") -> int:
    """Post the reversal of a stored entry; an entry is reversed once, a reversal never."""
    return reverse_many(session, program_id, [entry_id], description=description).entry_ids[0]


def reverse_many(
    session: Session, program_id: int, entry_ids: Iterable[int], *, description: str = ""
) -> PostSummary:
    """Post the reversals of stored entries, each on the date of the entry it undoes."""
    return post_many(session, program_id, _reversals(session, program_id, entry_ids, description))


def _reversals(
    session: Session, program_id: int, entry_ids: Iterable[int], description: str
) -> Iterator[Entry]:
    for chunk in batched(entry_ids, CHUNK_SIZE):
        _refuse_bad_reversals(session, chunk)
        for stored in load_entries(session, program_id, entry_ids=chunk):
            if stored.entry is None:
                raise ReversalRefused(f"entry {stored.id} is damaged: {stored.problem}")
            yield reversal_of(stored.entry, stored.id, description=description)


def _refuse_bad_reversals(session: Session, entry_ids: tuple[int, ...]) -> None:
    reversals = session.scalars(
        select(JournalEntry.id).where(
            JournalEntry.id.in_(entry_ids), JournalEntry.reverses_id.is_not(None)
        )
    ).first()
    if reversals is not None:
        raise ReversalRefused(f"entry {reversals} is a reversal and cannot be reversed")
    reversed_before = session.scalars(
        select(JournalEntry.reverses_id).where(JournalEntry.reverses_id.in_(entry_ids))
    ).first()
    if reversed_before is not None:
        raise ReversalRefused(f"entry {reversed_before} has already been reversed")


class _JournalWriter:
    """Writes chunks of entries for one program while holding its lock."""

    def __init__(self, session: Session, program_id: int) -> None:
        self.session = session
        self.program_id = program_id
        self.summary = PostSummary()
        self.recorded_at = datetime.now(UTC)
        self.accounts = accounts_store.AccountIds(session, program_id)
        #: Digest and entry id of every idempotency key seen so far in this post.
        self.posted: dict[str, tuple[str, int]] = {}
        _lock_program(session, program_id)
        self.head = _chain_head(session, program_id)

    def write(self, chunk: tuple[Entry, ...]) -> None:
        fresh, repeated_keys = self._skip_posted(chunk)
        if fresh:
            self._insert(fresh)
        self.summary.already_posted.extend(self.posted[key][1] for key in repeated_keys)

    def _insert(self, fresh: list[tuple[Entry, str]]) -> None:
        account_ids = self.accounts.ids_for({p.account for e, _ in fresh for p in e.postings})
        ids = _reserve_entry_ids(self.session, len(fresh))
        postings: list[tuple[object, ...]] = []
        rows: list[tuple[object, ...]] = []
        for entry_id, (entry, digest) in zip(ids, fresh, strict=True):
            day = entry.effective_date
            postings.extend(
                (entry_id, account_ids[p.account], p.amount.currency.code, p.amount.amount, day)
                for p in entry.postings
            )
            self.head = chain_hash(self.head, entry)
            rows.append(self._entry_row(entry_id, entry, digest, self.head))
            if entry.idempotency_key is not None:
                self.posted[entry.idempotency_key] = (digest, entry_id)
        # Postings first, the entry row last: the entry row is the seal the guards check.
        _write(self.session, JournalPosting.__table__, _POSTING_COLUMNS, postings)
        _write(self.session, JournalEntry.__table__, _ENTRY_COLUMNS, rows)
        self.summary.entry_ids.extend(ids)

    def _entry_row(
        self, entry_id: int, entry: Entry, digest: str, chain: str
    ) -> tuple[object, ...]:
        source = entry.source
        return (
            entry_id,
            self.program_id,
            entry.kind,
            entry.effective_date,
            self.recorded_at,
            entry.description,
            source.batch_id,
            source.sheet,
            source.row,
            entry.idempotency_key,
            digest,
            entry.reverses,
            chain,
        )

    def _skip_posted(self, chunk: tuple[Entry, ...]) -> tuple[list[tuple[Entry, str]], list[str]]:
        """The entries to write with their digests, and the keys already posted."""
        keys = [e.idempotency_key for e in chunk if e.idempotency_key is not None]
        self.posted.update(self._stored_digests([k for k in keys if k not in self.posted]))
        fresh: list[tuple[Entry, str]] = []
        repeated: list[str] = []
        pending: dict[str, str] = {}
        for entry in chunk:
            key, digest = entry.idempotency_key, entry.content_digest()
            if key is None:
                fresh.append((entry, digest))
                continue
            earlier = self.posted[key][0] if key in self.posted else pending.get(key)
            if earlier is not None and earlier != digest:
                raise IdempotencyConflict(f"idempotency key {key!r} was posted with other content")
            if earlier is not None:
                repeated.append(key)
                continue
            pending[key] = digest
            fresh.append((entry, digest))
        return fresh, repeated

    def _stored_digests(self, keys: list[str]) -> dict[str, tuple[str, int]]:
        if not keys:
            return {}
        query = _digests_of(self.session, sorted(set(keys)))
        rows = self.session.execute(query.where(JournalEntry.program_id == self.program_id))
        return {key: (digest, entry_id) for key, digest, entry_id in rows if key is not None}


def _digests_of(session: Session, keys: list[str]) -> Select[str | None, str, int]:
    """Key, content digest and id of the stored entries with these idempotency keys."""
    columns = (JournalEntry.idempotency_key, JournalEntry.content_digest, JournalEntry.id)
    if session.get_bind().dialect.name != "postgresql":
        return select(*columns).where(JournalEntry.idempotency_key.in_(keys))
    # Joined to one array parameter: given thousands of keys in an IN list, PostgreSQL
    # scans the whole table rather than probe the unique index key by key.
    keys_array = bindparam("keys", keys, type_=ARRAY(String))
    wanted = func.unnest(keys_array).table_valued("key").render_derived(name="wanted")
    return select(*columns).join(wanted, JournalEntry.idempotency_key == wanted.c.key)


def _lock_program(session: Session, program_id: int) -> None:
    # On PostgreSQL this row lock serialises posting per program; SQLite's
    # BEGIN IMMEDIATE already holds the database's single write lock.
    session.execute(select(Program.id).where(Program.id == program_id).with_for_update())


def _chain_head(session: Session, program_id: int) -> str:
    head = session.scalar(
        select(JournalEntry.chain_hash)
        .where(JournalEntry.program_id == program_id)
        .order_by(JournalEntry.id.desc())
        .limit(1)
    )
    return head or GENESIS_HASH


def _reserve_entry_ids(session: Session, count: int) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        sequence = func.nextval("entries_id_seq")
        return list(session.scalars(select(sequence).select_from(func.generate_series(1, count))))
    # SQLite: we hold the write lock, so nobody else can take these ids meanwhile.
    last = session.scalar(select(func.coalesce(func.max(JournalEntry.id), literal_column("0"))))
    return list(range(int(last or 0) + 1, int(last or 0) + 1 + count))


def _write(
    session: Session, table: FromClause, columns: tuple[str, ...], rows: list[tuple[object, ...]]
) -> None:
    """Insert rows through the driver: COPY on PostgreSQL, one executemany on SQLite.

    Per row, the ORM and even Core spend more time than the database does. The columns'
    own types still convert the values, so what is stored is what Core would store; and
    every trigger and constraint still checks the rows.
    """
    connection = session.connection()
    dialect = connection.dialect
    types = [table.c[name].type.dialect_impl(dialect) for name in columns]
    bound = _bound(rows, [column_type.bind_processor(dialect) for column_type in types])
    names = ", ".join(columns)
    if dialect.name == "postgresql":
        # One COPY is one statement: the statement-level guards see the whole chunk at once.
        driver = cast("psycopg.Connection[Any]", connection.connection.driver_connection)
        with driver.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in bound:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", bound)


def _bound(
    rows: list[tuple[object, ...]], processors: Sequence[Callable[[Any], Any] | None]
) -> list[tuple[object, ...]]:
    """The rows as their column types hand them to the driver, converted column by column."""
    if not rows or not any(processors):
        return rows
    columns = list(zip(*rows, strict=True))
    for index, process in enumerate(processors):
        if process is not None:
            columns[index] = _converted(columns[index], process)
    return list(zip(*columns, strict=True))


def _converted(values: tuple[object, ...], process: Callable[[Any], Any]) -> tuple[object, ...]:
    """Each distinct value converted once: dates and the time of recording repeat a lot."""
    done: dict[object, object] = {}
    return tuple(done[v] if v in done else done.setdefault(v, process(v)) for v in values)
