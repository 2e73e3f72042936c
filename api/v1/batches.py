"""Import batches: what was uploaded, by whom, and whether it is live or superseded.

A refused upload leaves no batch (all or nothing, DESIGN.md §5): its problems are in
the 422 answer to the upload itself.
"""

from typing import Any

from flask import Blueprint

from api.auth import ALL_ROLES
from api.problems import NOT_FOUND, ApiError
from api.reads.batches import BatchView, batch_view, list_batches
from api.routing import endpoint
from api.schemas.uploads import BatchPath, BatchQuery, BatchSchema
from api.scopes import check_program, is_party, sees_party
from api.unit_of_work import unit_of_work
from ledger.participants import program_by_code
from ledger.users import Principal

blueprint = Blueprint("batches", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/batches",
    method="GET",
    summary="Import batches, newest first",
    tag="uploads",
    roles=ALL_ROLES,
    query=BatchQuery,
    response=BatchSchema,
    many=True,
)
def list_program_batches(who: Principal, program: str, query: dict[str, Any]) -> list[BatchView]:
    check_program(who, program)
    own = (who.role, who.party_code or "") if is_party(who) else None
    with unit_of_work() as session:
        found = program_by_code(session, program)
        return list_batches(session, found, own, query["limit"], query["offset"])


@endpoint(
    blueprint,
    "/programs/<program>/batches/<int:batch_id>",
    method="GET",
    summary="One import batch and its status",
    tag="uploads",
    roles=ALL_ROLES,
    path=BatchPath,
    response=BatchSchema,
)
def get_batch(who: Principal, program: str, batch_id: int) -> BatchView:
    check_program(who, program)
    with unit_of_work() as session:
        batch = batch_view(session, program_by_code(session, program), batch_id)
    if not sees_party(who, batch.role, batch.party):
        raise ApiError(NOT_FOUND, f"no batch {batch_id}")
    return batch
