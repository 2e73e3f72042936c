"""Overdue submissions: the latest check of the payroll and purchase reports a program awaits."""

from typing import Any

from flask import Blueprint

from api.auth import ALL_ROLES
from api.problems import NOT_FOUND, ApiError
from api.routing import endpoint
from api.schemas.overdue import OverdueCheckSchema
from api.scopes import check_program, sees_party
from api.unit_of_work import unit_of_work
from ledger.users import Principal
from reconciliation.overdue_checks import latest_overdue, overdue_document

blueprint = Blueprint("overdue", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/overdue",
    method="GET",
    summary="The latest check of overdue submissions (a party sees its own items)",
    tag="overdue",
    roles=ALL_ROLES,
    response=OverdueCheckSchema,
)
def get_overdue(who: Principal, program: str) -> dict[str, Any]:
    check_program(who, program)
    with unit_of_work() as session:
        stored = latest_overdue(session, program)
    if stored is None:
        raise ApiError(NOT_FOUND, f"overdue submissions of {program} were never checked")
    document = overdue_document(stored)
    items = [i for i in document["items"] if sees_party(who, i["role"], i["party"])]
    return {**document, "items": items}
