"""The public register over the API: who takes part in each program, without a token."""

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint

from api.routing import endpoint
from api.schemas.participants import RegisterSchema
from api.unit_of_work import unit_of_work
from ledger.public_register import public_register

blueprint = Blueprint("participants", __name__)


@endpoint(
    blueprint,
    "/participants",
    method="GET",
    summary="Every program's buyers and suppliers with locations and today's standing",
    tag="transparency",
    roles=None,
    response=RegisterSchema,
)
def get_participants() -> dict[str, Any]:
    return register_today()


def register_today() -> dict[str, Any]:
    """The public register as of today, shaped for RegisterSchema."""
    today = datetime.now(UTC).date()
    with unit_of_work() as session:
        register = public_register(session, today)
    return {"as_of": today, "programs": register}
