"""Files kept server-side between two steps of a web page, for the person who sent them.

An upload is checked first (a dry run) and posted on a second request without being
sent again; an allocated payroll is shown first and downloaded after. In between, the
bytes wait here — not in one web worker's memory, since the next request may reach
another — with their SHA-256, their owner and an expiry. Taking a file back checks
all three and recomputes the digest, so what is posted is exactly what was checked.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    delete,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.errors import NotFound
from ledger.orm import Base
from ledger.users import User
from ledger.web_sessions import utc

PURPOSES = ("upload", "allocation")


class PendingUpload(Base):
    """A file waiting for its owner's next step: posting an upload, downloading a result."""

    __tablename__ = "pending_uploads"
    __table_args__ = (CheckConstraint("purpose IN ('upload', 'allocation')", name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey(User.id, ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    program_code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    party: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(300))
    sheet: Mapped[str | None] = mapped_column(String(200))
    supersedes: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True, slots=True)
class PendingFile:
    """What a pending file is for, as plain values."""

    id: int
    purpose: str
    program: str
    kind: str
    party: str
    filename: str
    sheet: str | None
    supersedes: int | None
    data: bytes
    sha256: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class FileToKeep:
    """A file to keep for a next step, and what it is for."""

    purpose: str
    program: str
    kind: str
    party: str
    filename: str
    data: bytes
    sheet: str | None = None
    supersedes: int | None = None


def keep_file(
    session: Session, user_id: int, file: FileToKeep, now: datetime, lifetime: timedelta
) -> PendingFile:
    """Keep the file for its owner until `now + lifetime`; drops files that have expired."""
    session.execute(delete(PendingUpload).where(PendingUpload.expires_at <= now))
    row = PendingUpload(
        user_id=user_id,
        purpose=file.purpose,
        program_code=file.program,
        kind=file.kind,
        party=file.party,
        filename=file.filename[:300],
        sheet=file.sheet,
        supersedes=file.supersedes,
        data=file.data,
        sha256=hashlib.sha256(file.data).hexdigest(),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.flush()
    return _plain(row)


def pending_file(
    session: Session, file_id: int, user_id: int, purpose: str, sha256: str, now: datetime
) -> PendingFile:
    """The owner's live file with this digest; NotFound for anyone else's, or a changed one."""
    row = session.scalar(
        select(PendingUpload).where(
            PendingUpload.id == file_id,
            PendingUpload.user_id == user_id,
            PendingUpload.purpose == purpose,
        )
    )
    if row is None or utc(row.expires_at) <= now:
        raise NotFound("the file is no longer kept; send it again")
    if not (row.sha256 == sha256 == hashlib.sha256(row.data).hexdigest()):
        raise NotFound("the kept file is not the one that was checked; send it again")
    return _plain(row)


def drop_file(session: Session, file_id: int) -> None:
    """Forget a pending file once its next step is done."""
    session.execute(delete(PendingUpload).where(PendingUpload.id == file_id))


def _plain(row: PendingUpload) -> PendingFile:
    return PendingFile(
        row.id,
        row.purpose,
        row.program_code,
        row.kind,
        row.party,
        row.filename,
        row.sheet,
        row.supersedes,
        row.data,
        row.sha256,
        utc(row.expires_at),
    )
