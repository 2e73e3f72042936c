"""How an upload stands to the party's earlier batches: the identical file, the one it corrects.

An identical file (same kind, party and SHA-256) is a no-op naming the earlier batch. A
correction names the batch it supersedes, which must be a live batch of the same kind
and party; superseding reverses that batch's entries with their original dates, so the
superseded batch counts in no month (DESIGN.md §4).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from imports.errors import UploadRejected
from imports.reading import Problem
from ledger import journal
from ledger.batches import ImportBatch
from ledger.books import JournalEntry
from ledger.catalog import PartyRef


def identical_batch(
    session: Session, program_id: int, kind: str, party_id: int, digest: str
) -> ImportBatch | None:
    """The party's earlier batch of this kind with the same file SHA-256, if any."""
    return session.scalar(
        select(ImportBatch).where(
            ImportBatch.program_id == program_id,
            ImportBatch.kind == kind,
            ImportBatch.party_id == party_id,
            ImportBatch.file_sha256 == digest,
        )
    )


def check_supersedes(
    session: Session, program_id: int, kind: str, role: str, party: PartyRef, batch_id: int | None
) -> None:
    """Refuse a correction of a batch that is not a live batch of this kind and party."""
    if batch_id is None:
        return
    old = session.get(ImportBatch, batch_id)
    if old is None or old.program_id != program_id:
        raise UploadRejected([Problem(f"--supersedes {batch_id}: there is no batch {batch_id}")])
    if old.kind != kind or old.party_id != party.id:
        reason = f"batch {batch_id} is not a {kind} file of {role} {party.code}"
        raise UploadRejected([Problem(f"--supersedes {batch_id}: {reason}")])
    later = session.scalar(select(ImportBatch.id).where(ImportBatch.supersedes_id == batch_id))
    if later is not None:
        reason = f"batch {batch_id} was already superseded by batch {later}"
        raise UploadRejected([Problem(f"--supersedes {batch_id}: {reason}")])


def reverse_batch(session: Session, program_id: int, old: int, new: int) -> None:
    """Undo a superseded batch's entries; its reversals keep the original dates and rows."""
    ids = session.scalars(
        select(JournalEntry.id)
        .where(JournalEntry.batch_id == old, JournalEntry.reverses_id.is_(None))
        .order_by(JournalEntry.id)
    ).all()
    if ids:
        description = f"batch {old} superseded by batch {new}"
        journal.reverse_many(session, program_id, ids, description=description)
