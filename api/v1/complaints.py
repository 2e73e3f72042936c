"""Workers' complaints for monitors: list a program's complaints and move them along."""

from dataclasses import asdict
from typing import Any

from flask import Blueprint

from api.auth import REVIEWERS
from api.routing import endpoint
from api.schemas.complaints import (
    ComplaintPath,
    ComplaintQuery,
    ComplaintSchema,
    ComplaintStatusSchema,
)
from api.scopes import check_program
from api.unit_of_work import unit_of_work
from ledger.complaints import ComplaintRecord, list_complaints, set_complaint_status
from ledger.money import format_amount
from ledger.participants import program_by_code
from ledger.users import Principal

blueprint = Blueprint("complaints", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/complaints",
    method="GET",
    summary="Complaints workers filed about their premium lines, oldest first",
    tag="complaints",
    roles=REVIEWERS,
    query=ComplaintQuery,
    response=ComplaintSchema,
    many=True,
)
def get_complaints(who: Principal, program: str, query: dict[str, str]) -> list[dict[str, Any]]:
    check_program(who, program)
    with unit_of_work() as session:
        found = program_by_code(session, program)
        complaints = list_complaints(session, found.id, query.get("status"))
    return [_shown(complaint, found.currency) for complaint in complaints]


@endpoint(
    blueprint,
    "/programs/<program>/complaints/<int:complaint>",
    method="PATCH",
    summary="Move a complaint to open, in review or closed, with a note",
    tag="complaints",
    roles=REVIEWERS,
    path=ComplaintPath,
    body=ComplaintStatusSchema,
    response=ComplaintSchema,
)
def update_complaint(
    who: Principal, program: str, complaint: int, body: dict[str, str]
) -> dict[str, Any]:
    check_program(who, program)
    with unit_of_work() as session:
        found = program_by_code(session, program)
        changed = set_complaint_status(
            session, found.id, complaint, body["status"], body["note"], f"{who.email} (api)"
        )
    return _shown(changed, found.currency)


def _shown(complaint: ComplaintRecord, currency: str) -> dict[str, Any]:
    shown = asdict(complaint)
    shown["period"] = f"{complaint.period_start}/{complaint.period_end}"
    shown["premium"] = format_amount(complaint.premium, currency)
    return shown
