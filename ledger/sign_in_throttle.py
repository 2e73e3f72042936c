"""Slowing down password guessing: failed sign-ins counted per account and per address.

Each key (an account's email, a client's address) counts its failures in a window; at
the policy's limit the key is locked out for a while, and a sign-in for a locked key is
refused without checking the password, so guessing cannot go on behind the lock. Keys
are stored as SHA-256 digests: a password typed into the email field is not kept in
clear. A success clears the account's count, not the address's.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.orm import Base
from ledger.users import Principal, principal_for_password
from ledger.web_sessions import utc


class SignInFailure(Base):
    """Failed sign-ins of one key in its current window, and the lock they caused."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """`limit` failures within `window` lock the key for `lockout`."""

    limit: int
    window: timedelta
    lockout: timedelta


@dataclass(frozen=True, slots=True)
class SignInPolicies:
    """The limits for one account's failures and for one address's (which tries many)."""

    account: ThrottlePolicy
    address: ThrottlePolicy


@dataclass(frozen=True, slots=True)
class SignInAttempt:
    """Who signed in (None: refused), and the lock in force if that is why."""

    principal: Principal | None
    locked_until: datetime | None = None


def attempt_sign_in(
    session: Session,
    email: str,
    password: str,
    address: str,
    now: datetime,
    policies: SignInPolicies,
) -> SignInAttempt:
    """Check a password unless the account or the address is locked; count a failure."""
    account, client = throttle_key("account", email), throttle_key("address", address)
    lock = locked_until(session, [account, client], now)
    if lock is not None:
        return SignInAttempt(None, lock)
    who = principal_for_password(session, email, password)
    if who is None:
        record_failure(session, account, policies.account, now)
        record_failure(session, client, policies.address, now)
        return SignInAttempt(None, locked_until(session, [account, client], now))
    forget_failures(session, account)
    return SignInAttempt(who)


def throttle_key(kind: str, value: str) -> str:
    """The stored form of a key such as ("account", "ana@example.org")."""
    return hashlib.sha256(f"{kind}:{value.strip().lower()}".encode()).hexdigest()


def locked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
    """The latest lock still in force on any of the keys, if one is."""
    locks = session.scalars(
        select(SignInFailure.locked_until).where(
            SignInFailure.key_sha256.in_(keys), SignInFailure.locked_until.is_not(None)
        )
    )
    live = [utc(lock) for lock in locks if lock is not None and utc(lock) > now]
    return max(live, default=None)


def record_failure(session: Session, key: str, policy: ThrottlePolicy, now: datetime) -> None:
    """Count one failed sign-in of the key; lock it when the count reaches the limit."""
    _forget_stale(session, now - policy.window - policy.lockout)
    row = _locked_row(session, key)
    if row is None:
        row = SignInFailure(key_sha256=key, failures=0, window_started_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # a concurrent failure of the same key stored it first
            row = _locked_row(session, key)
            assert row is not None
    if utc(row.window_started_at) + policy.window <= now:
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    if row.failures >= policy.limit:
        row.locked_until = now + policy.lockout
        row.failures, row.window_started_at = 0, now
    session.flush()


def forget_failures(session: Session, key: str) -> None:
    """A successful sign-in: the account starts afresh."""
    session.execute(delete(SignInFailure).where(SignInFailure.key_sha256 == key))


def _forget_stale(session: Session, before: datetime) -> None:
    """Drop counts whose window and lock both ended long ago: they would start afresh anyway."""
    session.execute(
        delete(SignInFailure).where(
            SignInFailure.window_started_at < before,
            or_(SignInFailure.locked_until.is_(None), SignInFailure.locked_until < before),
        )
    )


def _locked_row(session: Session, key: str) -> SignInFailure | None:
    return session.scalar(
        select(SignInFailure).where(SignInFailure.key_sha256 == key).with_for_update()
    )
