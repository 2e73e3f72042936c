"""Monthly reconciliation: run a month (stored for review) and read its contract JSON."""

import json
from dataclasses import asdict
from typing import Any

from flask import Blueprint, url_for

from api.auth import ALL_ROLES, REVIEWERS
from api.routing import Reply, endpoint
from api.schemas.reconciliation import (
    FindingPath,
    FindingSchema,
    MonthPath,
    MonthResultSchema,
    ReviewRequestSchema,
    RunRequestSchema,
    RunSchema,
)
from api.scopes import check_program, visible_finding, visible_result
from api.unit_of_work import unit_of_work
from ledger.finding_review import review_finding
from ledger.money import format_amount
from ledger.participants import program_by_code
from ledger.reconciliation_runs import reconciled_month, run_findings, run_json
from ledger.users import Principal
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation

blueprint = Blueprint("reconciliation", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations",
    method="POST",
    summary="Reconcile a month as of its last day and store the run",
    tag="reconciliation",
    roles=REVIEWERS,
    body=RunRequestSchema,
    response=RunSchema,
    status=201,
)
def run_month(who: Principal, program: str, body: dict[str, Month]) -> Reply:
    check_program(who, program)
    with unit_of_work() as session:
        outcome = run_reconciliation(session, program.strip(), body["month"], f"{who.email} (api)")
    where = url_for(".get_month", program=program, month=str(body["month"]))
    return Reply(
        {**_fields(outcome.run), "new_version": outcome.new_version}, 201, {"Location": where}
    )


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>",
    method="GET",
    summary="The month's latest run as contract JSON (DESIGN.md §6)",
    tag="reconciliation",
    roles=ALL_ROLES,
    path=MonthPath,
    response=MonthResultSchema,
)
def get_month(who: Principal, program: str, month: Month) -> Reply:
    check_program(who, program)
    with unit_of_work() as session:
        run = reconciled_month(session, program_by_code(session, program), str(month))
        result: dict[str, Any] = json.loads(run_json(session, run.id))
    headers = {"ETag": f'"{run.result_sha256}"', "Reconciliation-Run": str(run.id)}
    return Reply(visible_result(who, result), 200, headers)


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>/findings",
    method="GET",
    summary="Findings of the month's latest run with their review status",
    tag="reconciliation",
    roles=ALL_ROLES,
    path=MonthPath,
    response=FindingSchema,
    many=True,
)
def get_findings(who: Principal, program: str, month: Month) -> list[dict[str, Any]]:
    check_program(who, program)
    with unit_of_work() as session:
        found = program_by_code(session, program)
        run = reconciled_month(session, found, str(month))
        findings = run_findings(session, run.id)
    return [
        {**asdict(f), "number": n, "amount": format_amount(f.amount, found.currency)}
        for n, f in enumerate(findings, start=1)
        if visible_finding(who, f.buyer, f.supplier)
    ]


@endpoint(
    blueprint,
    "/programs/<program>/reconciliations/<month>/findings/<int:number>",
    method="PATCH",
    summary="Review a finding of the month's latest run: acknowledge, resolve or dispute it",
    tag="reconciliation",
    roles=REVIEWERS,
    path=FindingPath,
    body=ReviewRequestSchema,
    response=FindingSchema,
)
def review(who: Principal, program: str, month: Month, number: int, body: dict[str, str]) -> Reply:
    check_program(who, program)
    with unit_of_work() as session:
        found = program_by_code(session, program)
        run = reconciled_month(session, found, str(month))
        finding = review_finding(
            session, run.id, number, body["status"], body["comment"], f"{who.email} (api)"
        )
    shown = {**asdict(finding), "number": number}
    return Reply({**shown, "amount": format_amount(finding.amount, found.currency)}, 200)


def _fields(run: object) -> dict[str, Any]:
    names = RunSchema().fields
    return {name: getattr(run, name) for name in names if hasattr(run, name)}
