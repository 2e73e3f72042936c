"""Journal export: a program's books as an hledger journal, entry by entry as posted.

The journal opens with declarations (decimal mark, commodities, accounts, payees) so
that `hledger check --strict payees` holds; then every entry follows in the order it
was posted, streamed from the database, never held in memory as a whole. Each entry's
payee is its kind, its note the source (batch and row, or the entry it reverses); the
entry id, sheet, idempotency key and our own description ride along as tags.

hledger reads an account name up to two spaces, a tab or the end of the line, and has
no escape for them: an account whose name it would read differently is refused by
name rather than written as another account.
"""

import json
import re
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from typing import TextIO

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ledger.books import Account, JournalEntry, JournalPosting
from ledger.entries import Entry
from ledger.errors import LedgerError
from ledger.money import minor_places
from ledger.participants import Program
from ledger.stored_entries import StoredEntry, load_entries

FORMATS = ("hledger",)
_INDENT = "    "
_PLAIN_COMMODITY = re.compile(r"[A-Za-z]+")
# Two spaces or any control character ends or breaks an account name in hledger.
_UNREADABLE_ACCOUNT = re.compile(r"  |[\x00-\x1f\x7f]|^\s|\s$")


class ExportRefused(LedgerError):
    """The books cannot be written in the format asked for; nothing usable was written."""


def write_hledger(session: Session, program: Program, out: TextIO) -> int:
    """Write the program's journal to `out` in hledger's format; returns the entries written."""
    _write_declarations(session, program, out)
    written = 0
    with closing(load_entries(session, program.id)) as journal:
        for stored in journal:
            out.write("\n")
            out.write(transaction(stored))
            written += 1
    return written


def _write_declarations(session: Session, program: Program, out: TextIO) -> None:
    out.write(f"; Premium Ledger journal of program {_quoted(program.code)}, {program.currency}\n")
    out.write("decimal-mark .\n\n")
    for code in _currencies(session, program):
        places = minor_places(code)
        sample = f"1000.{'0' * places}"  # hledger wants the decimal mark even with none
        out.write(f"commodity {sample} {commodity(code)}\n")
    out.write("\n")
    for name in session.scalars(_account_names(program.id)):
        out.write(f"account {account_name(name)}\n")
    out.write("\n")
    for kind in session.scalars(_kinds(program.id)):
        out.write(f"payee {kind}\n")


def _account_names(program_id: int) -> Select[str]:
    return select(Account.name).where(Account.program_id == program_id).order_by(Account.name)


def _kinds(program_id: int) -> Select[str]:
    return (
        select(JournalEntry.kind)
        .where(JournalEntry.program_id == program_id)
        .distinct()
        .order_by(JournalEntry.kind)
    )


def _currencies(session: Session, program: Program) -> list[str]:
    used = session.scalars(
        select(JournalPosting.currency)
        .join(Account, Account.id == JournalPosting.account_id)
        .where(Account.program_id == program.id)
        .distinct()
    )
    return sorted({program.currency, *used})


def transaction(stored: StoredEntry) -> str:
    """One entry as an hledger transaction: header, tag comments, one line per posting."""
    entry = stored.entry
    if entry is None:
        raise ExportRefused(f"entry {stored.id} is damaged: {stored.problem}")
    lines = [f"{entry.effective_date.isoformat()} {entry.kind} | {_note(stored.id, entry)}"]
    lines.extend(f"{_INDENT}; {tag}" for tag in _tags(stored.id, entry))
    lines.extend(
        f"{_INDENT}{account_name(p.account)}  {amount(p.amount.amount, p.amount.currency.code)}"
        for p in entry.postings
    )
    return "\n".join(lines) + "\n"


def _note(entry_id: int, entry: Entry) -> str:
    """Where the entry came from, in words: the part of the description after the payee."""
    source = entry.source
    if source.batch_id is None:
        origin = f"entry {entry_id}"
    elif source.row is None:
        origin = f"batch {source.batch_id}"
    else:
        origin = f"batch {source.batch_id} row {source.row}"
    if entry.reverses is not None:
        return f"reverses entry {entry.reverses}, {origin}"
    return origin


def _tags(entry_id: int, entry: Entry) -> Iterator[str]:
    source = entry.source
    numbers = {
        "entry": entry_id,
        "batch": source.batch_id,
        "row": source.row,
        "reverses": entry.reverses,
    }
    yield ", ".join(f"{name}:{value}" for name, value in numbers.items() if value is not None)
    texts = {"sheet": source.sheet, "key": entry.idempotency_key, "about": entry.description}
    for name, text in texts.items():
        if text:
            yield f"{name}: {_quoted(text)}"


def _quoted(text: str) -> str:
    """Text in double quotes, line breaks and quotes escaped as in JSON, so it stays one line."""
    return json.dumps(text, ensure_ascii=False)


def account_name(name: str) -> str:
    """Our account name, which hledger must read back exactly, or ExportRefused."""
    if _UNREADABLE_ACCOUNT.search(name):
        raise ExportRefused(
            f"account {name!r} cannot be written in an hledger journal "
            "(two spaces, a tab or a line break would end or split its name)"
        )
    return name


def commodity(code: str) -> str:
    """A commodity symbol: bare when letters only, else in double quotes as hledger asks."""
    return code if _PLAIN_COMMODITY.fullmatch(code) else f'"{code}"'


def amount(value: Decimal, code: str) -> str:
    """`-1234.50 USD`: the minor unit's decimals, more only where the amount has them."""
    places = max(minor_places(code), _decimals(value))
    return f"{value:.{places}f} {commodity(code)}"


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
