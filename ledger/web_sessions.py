"""Server-side sessions of people signed in to the web pages.

The browser's cookie holds a random session id; the table holds only its SHA-256, so a
copy of the database gives nobody a live cookie. A session ends when it has been idle
too long or has lived too long in all (`SessionLifetime`), whichever comes first; its
expiry is recomputed on every touch and stored, so expired rows are found by one
indexed comparison.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.orm import Base
from ledger.users import User


class WebSession(Base):
    """One browser's session: its id's digest, its data, its user once signed in."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sid_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey(User.id, ondelete="CASCADE"))
    data: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True, slots=True)
class SessionLifetime:
    """How long a session may sit unused (`idle`) and live at most (`absolute`)."""

    idle: timedelta
    absolute: timedelta

    def expiry(self, created_at: datetime, last_seen_at: datetime) -> datetime:
        """When a session created and last seen at these times ends."""
        return min(last_seen_at + self.idle, created_at + self.absolute)


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A live session as plain values."""

    data: str
    user_id: int | None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


def new_session_id() -> str:
    """A session id nobody can guess: 256 random bits."""
    return secrets.token_urlsafe(32)


def session_digest(sid: str) -> str:
    """How a session id is stored and looked up."""
    return hashlib.sha256(sid.encode()).hexdigest()


def utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite hands back naive ones)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def load_session(session: Session, sid: str, now: datetime) -> StoredSession | None:
    """The live session with this id; None if it is unknown or has expired."""
    row = session.scalar(select(WebSession).where(WebSession.sid_sha256 == session_digest(sid)))
    if row is None or utc(row.expires_at) <= now:
        return None
    return StoredSession(
        row.data, row.user_id, utc(row.created_at), utc(row.last_seen_at), utc(row.expires_at)
    )


def create_session(
    session: Session, data: str, user_id: int | None, now: datetime, lifetime: SessionLifetime
) -> tuple[str, datetime]:
    """Store a new session; answers its id (the only time it is seen) and its expiry."""
    sid = new_session_id()
    expires_at = lifetime.expiry(now, now)
    session.add(
        WebSession(
            sid_sha256=session_digest(sid),
            user_id=user_id,
            data=data,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    session.flush()
    return sid, expires_at


def touch_session(
    session: Session, sid: str, data: str | None, now: datetime, lifetime: SessionLifetime
) -> datetime | None:
    """Mark the session seen now (and store new data if given); answers its new expiry."""
    row = session.scalar(select(WebSession).where(WebSession.sid_sha256 == session_digest(sid)))
    if row is None:
        return None
    if data is not None:
        row.data = data
    row.last_seen_at = now
    row.expires_at = lifetime.expiry(utc(row.created_at), now)
    session.flush()
    return row.expires_at


def end_session(session: Session, sid: str) -> None:
    """Forget the session: its cookie no longer signs anyone in."""
    session.execute(delete(WebSession).where(WebSession.sid_sha256 == session_digest(sid)))


def purge_expired_sessions(session: Session, now: datetime) -> int:
    """Delete sessions that have ended; answers how many."""
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
