"""Workers of a supplier, and the lookup codes they use to see their own premium lines.

A worker is known by `(supplier, worker_id)`, the id kept exactly as payroll gives it.
Its lookup code is random, never derived from the id: drawn with `secrets` from an
alphabet without look-alike characters (no 0/O, no 1/I/L) so it survives being read
aloud or copied from a paystub. Only the code's SHA-256 is stored: a code can be checked,
but the stored codes cannot be listed, so a code is handed out once, when its worker is
created.
"""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ledger.participants import Worker

LOOKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: 31 ** 10 ≈ 8 × 10**14 codes: guessing one of even a million workers' codes stays hopeless.
LOOKUP_LENGTH = 10
_QUERY_CHUNK = 500
_TYPED_APART = str.maketrans("", "", " -\t")


def new_lookup_code() -> str:
    """A fresh random lookup code."""
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(LOOKUP_LENGTH))


def normalize_code(code: str) -> str:
    """A code as typed (spaces, dashes, lower case) in the form it was issued."""
    return code.strip().upper().translate(_TYPED_APART)


def lookup_digest(code: str) -> str:
    """What is stored of a lookup code: the SHA-256 of its normal form."""
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def worker_by_code(session: Session, program_id: int, code: str) -> Worker | None:
    """The program's worker with this lookup code, or None."""
    typed = normalize_code(code)
    if len(typed) != LOOKUP_LENGTH or not set(typed) <= set(LOOKUP_ALPHABET):
        return None
    return session.scalar(
        select(Worker).where(
            Worker.program_id == program_id, Worker.lookup_digest == lookup_digest(typed)
        )
    )


@dataclass(slots=True)
class Enrolment:
    """The workers of some lines: database ids by worker id, and the codes of new workers."""

    ids: dict[str, int] = field(default_factory=dict)
    new_codes: list[tuple[str, str]] = field(default_factory=list)  # (worker_id, code)


def roster(session: Session, supplier_id: int) -> dict[str, tuple[int, str]]:
    """The supplier's workers: database id and name by worker id.

    The whole roster in one query rather than the workers of a chunk by `IN (…)`: a
    supplier has thousands of workers at most, and a long `IN` list against workers
    inserted earlier in the same transaction (no statistics yet) makes PostgreSQL filter
    every one of them against every listed id.
    """
    rows = session.execute(
        select(Worker.worker_id, Worker.id, Worker.name).where(Worker.supplier_id == supplier_id)
    )
    return {worker_id: (worker_pk, name) for worker_id, worker_pk, name in rows}


def enrol_workers(
    session: Session, program_id: int, supplier_id: int, names: Mapping[str, str | None]
) -> Enrolment:
    """Find or create the supplier's workers; a given name replaces the stored one.

    `names` maps each worker id to the name payroll gives it (None: no name given).
    New workers get a lookup code, returned once in `new_codes`.
    """
    enrolment = Enrolment()
    known = roster(session, supplier_id)
    renamed: list[dict[str, object]] = []
    for worker_id, given in names.items():
        if worker_id not in known:
            continue
        worker_pk, name = known[worker_id]
        enrolment.ids[worker_id] = worker_pk
        if given and given != name:
            renamed.append({"id": worker_pk, "name": given})
    if renamed:
        session.execute(update(Worker), renamed)
    new = [worker_id for worker_id in names if worker_id not in known]
    if new:
        _create(session, program_id, supplier_id, new, names, enrolment)
    return enrolment


def _create(
    session: Session,
    program_id: int,
    supplier_id: int,
    worker_ids: list[str],
    names: Mapping[str, str | None],
    enrolment: Enrolment,
) -> None:
    codes = _unused_codes(session, len(worker_ids))
    rows = [
        {
            "program_id": program_id,
            "supplier_id": supplier_id,
            "worker_id": worker_id,
            "name": names[worker_id] or "",
            "lookup_digest": lookup_digest(code),
        }
        for worker_id, code in zip(worker_ids, codes, strict=True)
    ]
    made = session.execute(insert(Worker).returning(Worker.id, Worker.worker_id), rows)
    enrolment.ids.update({worker_id: worker_pk for worker_pk, worker_id in made})
    enrolment.new_codes.extend(zip(worker_ids, codes, strict=True))


def _unused_codes(session: Session, count: int) -> list[str]:
    """Fresh codes whose digests no worker has yet (a clash is all but impossible)."""
    codes: dict[str, str] = {}
    while len(codes) < count:
        drawn = {lookup_digest(code): code for code in _draw(count - len(codes))}
        digests = [digest for digest in drawn if digest not in codes]
        for start in range(0, len(digests), _QUERY_CHUNK):
            asked = digests[start : start + _QUERY_CHUNK]
            for digest in session.scalars(
                select(Worker.lookup_digest).where(Worker.lookup_digest.in_(asked))
            ):
                drawn.pop(digest)
        codes.update(drawn)
    return list(codes.values())


def _draw(count: int) -> list[str]:
    return [new_lookup_code() for _ in range(count)]
