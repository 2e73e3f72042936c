"""People who use the API: users with a role and scope, their API tokens, their idempotent requests.

A user has a role (`admin`, `monitor`, `buyer`, `supplier`), a program (optional for
an admin, who may then act on every program) and, for buyers and suppliers, the one
party whose records they see. Passwords are kept as salted scrypt digests and tokens
as SHA-256 digests: neither can be read back, so a token is shown once, when issued.
An idempotency record keeps the first response to a request made with an
`Idempotency-Key`, so that a retried request gets that response again.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    Select,
    String,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.errors import LedgerError, NotFound
from ledger.orm import Base, Moment
from ledger.participants import Party, Program, program_by_code
from ledger.program_setup import code_key

ROLES = ("admin", "monitor", "buyer", "supplier")
PARTY_ROLES = ("buyer", "supplier")
TOKEN_PREFIX = "plt_"
# scrypt's cost: about 50 ms per check on a small server, 16 MB of memory.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class UserRefused(LedgerError):
    """A user that cannot be created as asked (unknown role, missing party, taken email…)."""


class User(Base):
    """Someone who signs in: a role, and the program and party the role applies to."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'monitor', 'buyer', 'supplier')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    program_id: Mapped[int | None] = mapped_column(ForeignKey(Program.id))
    party_id: Mapped[int | None] = mapped_column(ForeignKey(Party.id))
    created_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


class ApiToken(Base):
    """A bearer token of a user, kept only as its SHA-256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey(User.id), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


class IdempotencyRecord(Base):
    """The first response to a user's request under one Idempotency-Key (status NULL: running)."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey(User.id))
    key: Mapped[str] = mapped_column(String(200))
    request_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    created_at: Mapped[datetime] = mapped_column(Moment, server_default=func.now())


@dataclass(frozen=True, slots=True)
class Principal:
    """Who makes a request, and the program and party their role is limited to."""

    user_id: int
    email: str
    role: str
    program_code: str | None
    party_code: str | None


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A response kept for an idempotency key; `status` is None while the first one runs."""

    request_sha256: str
    status: int | None
    content_type: str
    body: bytes


def create_user(
    session: Session,
    email: str,
    role: str,
    password: str,
    *,
    program_code: str | None = None,
    party_code: str | None = None,
) -> Principal:
    """Store a new user; refuses a scope that does not fit the role."""
    address = _email(email)
    if role not in ROLES:
        raise UserRefused(f"role {role!r} is not one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise UserRefused("a password has at least 8 characters")
    program, party = _scope(session, role, program_code, party_code)
    if session.scalar(select(User.id).where(User.email == address)) is not None:
        raise UserRefused(f"a user {address} exists already")
    user = User(
        email=address,
        password_hash=hash_password(password),
        role=role,
        program_id=program.id if program else None,
        party_id=party.id if party else None,
    )
    session.add(user)
    session.flush()
    return Principal(
        user.id, address, role, program.code if program else None, party.code if party else None
    )


def _email(email: str) -> str:
    address = email.strip().lower()
    if "@" not in address.strip("@") or len(address) > 254:
        raise UserRefused(f"{email!r} is not an email address")
    return address


def _scope(
    session: Session, role: str, program_code: str | None, party_code: str | None
) -> tuple[Program | None, Party | None]:
    if role in PARTY_ROLES and (program_code is None or party_code is None):
        raise UserRefused(f"a {role} needs a program and the {role}'s code")
    if role == "monitor" and program_code is None:
        raise UserRefused("a monitor needs a program")
    if role not in PARTY_ROLES and party_code is not None:
        raise UserRefused(f"a {role} acts for the program, not for one party")
    program = program_by_code(session, program_code) if program_code is not None else None
    if program is None or party_code is None:
        return program, None
    party = session.scalar(
        select(Party).where(
            Party.program_id == program.id,
            Party.role == role,
            Party.code_key == code_key(party_code),
        )
    )
    if party is None:
        raise NotFound(f"program {program.code} has no {role} {party_code!r}")
    return program, party


def hash_password(password: str) -> str:
    """A salted scrypt digest, with its parameters, as stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


# A digest of no one's password, checked when the email is unknown (principal_for_password).
_NOBODY_HASH = "scrypt$" + "00" * 16 + "$" + "00" * 64


def check_password(stored: str, password: str) -> bool:
    """Whether the password matches a stored digest, compared in constant time."""
    scheme, _, rest = stored.partition("$")
    salt, _, digest = rest.partition("$")
    if scheme != "scrypt" or not digest:
        return False
    given = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(given.hex(), digest)


def issue_token(session: Session, email: str) -> str:
    """A new token for the user; only its digest is kept, so this is its one showing."""
    user_id = session.scalar(select(User.id).where(User.email == _email(email)))
    if user_id is None:
        raise NotFound(f"no user {email.strip()!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user_id, token_sha256=token_digest(token)))
    session.flush()
    return token


def token_digest(token: str) -> str:
    """How a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


def principal_for_token(session: Session, token: str) -> Principal | None:
    """The user a bearer token belongs to, or None for an unknown token."""
    query = _principal_query().join(ApiToken, ApiToken.user_id == User.id)
    row = session.execute(query.where(ApiToken.token_sha256 == token_digest(token))).first()
    return Principal(*row) if row is not None else None


def principal_for_password(session: Session, email: str, password: str) -> Principal | None:
    """The user with this email and password, or None (the same None for either mistake)."""
    query = _principal_query().add_columns(User.password_hash)
    row = session.execute(query.where(User.email == email.strip().lower())).first()
    # An unknown email costs the same scrypt work as a wrong password: the answer's time
    # must not tell whether an account exists.
    matches = check_password(row[-1] if row is not None else _NOBODY_HASH, password)
    if row is None or not matches:
        return None
    return Principal(*row[:-1])


def principal_for_user(session: Session, user_id: int) -> Principal | None:
    """The user with this id as a principal, or None if the user is gone."""
    row = session.execute(_principal_query().where(User.id == user_id)).first()
    return Principal(*row) if row is not None else None


def _principal_query() -> Select[*tuple[Any, ...]]:
    return (
        select(User.id, User.email, User.role, Program.code, Party.code)
        .outerjoin(Program, Program.id == User.program_id)
        .outerjoin(Party, Party.id == User.party_id)
    )


def stored_response(session: Session, user_id: int, key: str) -> StoredResponse | None:
    """What was kept for the user's key, if anything."""
    row = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
    if row is None:
        return None
    return StoredResponse(row.request_sha256, row.status, row.content_type, row.body)


def claim_key(session: Session, user_id: int, key: str, request_sha256: str) -> bool:
    """Reserve the key for a request now starting; False if another request holds it."""
    try:
        with session.begin_nested():
            session.add(IdempotencyRecord(user_id=user_id, key=key, request_sha256=request_sha256))
    except IntegrityError:
        return False
    return True


def keep_response(
    session: Session, user_id: int, key: str, status: int, content_type: str, body: bytes
) -> None:
    """Keep the response of the request that claimed the key."""
    session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key)
        .values(status=status, content_type=content_type, body=body)
    )


def release_key(session: Session, user_id: int, key: str) -> None:
    """Forget a claim whose request failed on our side, so that it may be retried."""
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    )
