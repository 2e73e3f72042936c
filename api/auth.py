"""Who is asking: the bearer token of a request, and whether the caller's role may act.

Tokens come as `Authorization: Bearer plt_…`; only their SHA-256 is stored
(ledger.users). A missing or unknown token is 401; a role that may never call an
endpoint is 403. Records of another party or program are not a matter of role but of
scope (api.scopes), and answer 404.
"""

from collections.abc import Collection

from flask import request

from api.problems import FORBIDDEN, UNAUTHORIZED, ApiError
from api.unit_of_work import unit_of_work
from ledger.users import Principal, principal_for_token

ALL_ROLES = frozenset({"admin", "monitor", "buyer", "supplier"})
ADMIN = frozenset({"admin"})
REVIEWERS = frozenset({"admin", "monitor"})
UPLOADERS = frozenset({"admin", "buyer", "supplier"})


def authenticate() -> Principal:
    """The user whose bearer token the request carries."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(UNAUTHORIZED, "send `Authorization: Bearer <token>`")
    with unit_of_work() as session:
        who = principal_for_token(session, token.strip())
    if who is None:
        raise ApiError(UNAUTHORIZED, "the token is not known")
    return who


def require_role(who: Principal, roles: Collection[str]) -> None:
    """Refuse a caller whose role may not call this endpoint at all."""
    if who.role not in roles:
        raise ApiError(FORBIDDEN, f"the {who.role} role may not do this")
