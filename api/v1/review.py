"""Monitor review over the API: a month's versions, its sign-off and snapshot, the audit trail."""

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response
from sqlalchemy.orm import Session

from api.auth import ALL_ROLES, REVIEWERS
from api.problems import NOT_FOUND, ApiError
from api.routing import endpoint
from api.schemas.reconciliation import MonthPath
from api.schemas.review import (
    AuditEventSchema,
    AuditQuery,
    SignedRunSchema,
    SignOffRequestSchema,
    VersionPath,
)
from api.scopes import check_program
from api.unit_of_work import unit_of_work
from ledger.audit import audit_trail
from ledger.participants import program_by_code
from ledger.reconciliation_runs import run_version, run_versions
from ledger.sign_off import run_snapshot
from ledger.users import Principal
from reconciliation.months import Month
from reports.sign_off import sign_off_month

blueprint = Blueprint("review", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>/versions",
    method="GET",
    summary="Every version of the month: who ran it, its SHA-256, who signed it off",
    tag="review",
    roles=ALL_ROLES,
    path=MonthPath,
    response=SignedRunSchema,
    many=True,
)
def versions(who: Principal, program: str, month: Month) -> list[dict[str, Any]]:
    check_program(who, program)
    with unit_of_work() as session:
        return [
            asdict(run) for run in run_versions(session, _program_id(session, program), str(month))
        ]


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>/sign-off",
    method="POST",
    summary="Sign off the month's latest run: its report snapshot is stored with its SHA-256",
    tag="review",
    roles=REVIEWERS,
    path=MonthPath,
    body=SignOffRequestSchema,
    response=SignedRunSchema,
)
def sign_off(who: Principal, program: str, month: Month, body: dict[str, Any]) -> dict[str, Any]:
    check_program(who, program)
    with unit_of_work() as session:
        run = sign_off_month(
            session, program.strip(), month, who.email, expected_sha256=body["expected_sha256"]
        )
    return asdict(run)


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>/versions/<int:version>/snapshot",
    method="GET",
    summary="The report snapshot stored when the version was signed off, byte for byte",
    tag="review",
    roles=REVIEWERS,
    path=VersionPath,
)
def snapshot(who: Principal, program: str, month: Month, version: int) -> Response:
    check_program(who, program)
    with unit_of_work() as session:
        run = run_version(session, _program_id(session, program), str(month), version)
        if run is None or run.snapshot_sha256 is None:
            raise ApiError(NOT_FOUND, f"{month} has no signed-off version {version}")
        text = run_snapshot(session, run.id)
    response = Response(text, 200, mimetype="application/json")
    response.headers["ETag"] = f'"{run.snapshot_sha256}"'
    return response


@endpoint(
    blueprint,
    "/programs/<program>/audit",
    method="GET",
    summary="Who did what to the program's books and reviews, and when, newest first",
    tag="review",
    roles=REVIEWERS,
    query=AuditQuery,
    response=AuditEventSchema,
    many=True,
)
def audit(who: Principal, program: str, query: dict[str, Any]) -> list[dict[str, Any]]:
    check_program(who, program)
    with unit_of_work() as session:
        events = audit_trail(
            session, _program_id(session, program), limit=query["limit"], before=query["before"]
        )
    return [asdict(event) for event in events]


def _program_id(session: Session, program: str) -> int:
    return program_by_code(session, program.strip()).id
