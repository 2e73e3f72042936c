"""How often one client may try lookup codes: a sliding window kept in the database.

Lookup codes are long and random, but a client trying codes as fast as it can should
still be slowed down. Each attempt is a row (the client's key and when); a client with
`limit` attempts within the window is refused until its oldest one leaves the window.
The rows live in the database so that every worker process of the web server shares
them. Two attempts at the very same moment may both pass at the limit's edge: the limit
slows guessing down, it need not be exact. Old rows are deleted as attempts come in.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Index, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.orm import Base


class LookupAttempt(Base):
    """One lookup attempt of a client, by the client's opaque key."""

    __tablename__ = "lookup_attempts"
    __table_args__ = (Index("ix_lookup_attempts_client_at", "client", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Opaque key of the client (the web layer passes a keyed digest, never the address).
    client: Mapped[str] = mapped_column(String(64))
    #: Microseconds since the epoch: the same exact comparison on every engine.
    attempted_at: Mapped[int] = mapped_column(BigInteger, index=True)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether an attempt may go ahead, and if not, in how many seconds to try again."""

    allowed: bool
    retry_after: int = 0


def record_attempt(
    session: Session, client: str, now: datetime, limit: int, window: timedelta
) -> Verdict:
    """Count an attempt of the client, or refuse it if the window already holds `limit`."""
    at = _micros(now)
    start = at - _micros_of(window)
    session.execute(delete(LookupAttempt).where(LookupAttempt.attempted_at <= start))
    recent = session.execute(
        select(func.count(), func.min(LookupAttempt.attempted_at)).where(
            LookupAttempt.client == client, LookupAttempt.attempted_at > start
        )
    ).one()
    count, oldest = recent
    if count >= limit:
        wait = (oldest - start) / 1_000_000
        return Verdict(False, max(1, math.ceil(wait)))
    session.add(LookupAttempt(client=client, attempted_at=at))
    session.flush()
    return Verdict(True)


def _micros(moment: datetime) -> int:
    return round(moment.timestamp() * 1_000_000)


def _micros_of(span: timedelta) -> int:
    return span // timedelta(microseconds=1)
