"""The public endpoints: health, and tokens for an email and password."""

from typing import Any

from flask import Blueprint

from api.problems import DATABASE_DOWN, UNAUTHORIZED, ApiError
from api.routing import Reply, endpoint
from api.schemas.auth import TokenRequestSchema, TokenSchema
from api.schemas.health import HealthSchema
from api.unit_of_work import database_answers, unit_of_work
from ledger.users import issue_token, principal_for_password

blueprint = Blueprint("health", __name__)


@endpoint(
    blueprint,
    "/health",
    method="GET",
    summary="Is the service up, with its database?",
    tag="service",
    roles=None,
    response=HealthSchema,
)
def health() -> dict[str, str]:
    if not database_answers():
        raise ApiError(DATABASE_DOWN, "the database did not answer")
    return {"status": "ok", "database": "ok"}


@endpoint(
    blueprint,
    "/tokens",
    method="POST",
    summary="A new API token for an email and password",
    tag="auth",
    roles=None,
    body=TokenRequestSchema,
    response=TokenSchema,
    status=201,
    errors=(401,),
)
def create_token(body: dict[str, str]) -> Reply:
    with unit_of_work() as session:
        who = principal_for_password(session, body["email"], body["password"])
        if who is None:
            raise ApiError(UNAUTHORIZED, "unknown email or wrong password")
        token = issue_token(session, who.email)
    data: dict[str, Any] = {"token": token, "email": who.email, "role": who.role}
    data.update(program_code=who.program_code, party_code=who.party_code)
    return Reply(data, 201, {"Cache-Control": "no-store"})
