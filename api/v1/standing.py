"""Supplier standing: its history, and a person's decision to change it (DESIGN.md §3)."""

from typing import Any

from flask import Blueprint

from api.auth import REVIEWERS
from api.reads.standing import standing_history
from api.routing import Reply, endpoint
from api.schemas.reconciliation import (
    StandingChangeSchema,
    StandingHistorySchema,
    StandingUpdateSchema,
    SupplierPath,
)
from api.scopes import check_program, require_party
from api.unit_of_work import unit_of_work
from ledger.participants import program_by_code
from ledger.users import Principal
from reconciliation.books import Standing
from reconciliation.standing_changes import set_standing

blueprint = Blueprint("standing", __name__)
_READERS = REVIEWERS | {"supplier"}


@endpoint(
    blueprint,
    "/programs/<program>/suppliers/<supplier>/standing",
    method="GET",
    summary="A supplier's standing history",
    tag="standing",
    roles=_READERS,
    path=SupplierPath,
    response=StandingHistorySchema,
)
def get_standing(who: Principal, program: str, supplier: str) -> dict[str, Any]:
    check_program(who, program)
    require_party(who, "supplier", supplier, f"supplier {supplier!r}")
    with unit_of_work() as session:
        changes = standing_history(session, program_by_code(session, program), supplier)
    return {"supplier": supplier.strip(), "changes": changes}


@endpoint(
    blueprint,
    "/programs/<program>/suppliers/<supplier>/standing",
    method="POST",
    summary="Record a supplier's standing from a date on",
    tag="standing",
    roles=REVIEWERS,
    path=SupplierPath,
    body=StandingChangeSchema,
    response=StandingUpdateSchema,
    status=201,
    also={200: "Unchanged: that standing is already in force from that date"},
)
def change_standing(who: Principal, program: str, supplier: str, body: dict[str, Any]) -> Reply:
    check_program(who, program)
    with unit_of_work() as session:
        update = set_standing(
            session,
            program.strip(),
            supplier,
            Standing(body["standing"]),
            body["since"],
            body["reason"],
            f"{who.email} (api)",
        )
    return Reply(update, 201 if update.change is not None else 200)
