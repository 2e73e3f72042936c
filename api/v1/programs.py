"""Programs, their parties and rates: load a program file, read what it set up."""

import datetime as dt
from typing import Any

from flask import Blueprint, url_for

from api.auth import ADMIN, ALL_ROLES
from api.reads.programs import (
    PartyView,
    ProgramView,
    RateView,
    list_parties,
    list_rates,
    program_exists,
    program_view,
)
from api.routing import Reply, endpoint, file_bytes
from api.schemas.programs import (
    PartyQuery,
    PartySchema,
    ProgramFileForm,
    ProgramLoadedSchema,
    ProgramSchema,
    RateSchema,
)
from api.scopes import check_program, sees_party
from api.unit_of_work import unit_of_work
from imports.program_file import read_program_file
from ledger.participants import program_by_code
from ledger.program_setup import apply_program
from ledger.users import Principal

blueprint = Blueprint("programs", __name__)
TOML = ("application/toml", "text/plain")


@endpoint(
    blueprint,
    "/programs",
    method="POST",
    summary="Load a program file (TOML, DESIGN.md §3)",
    tag="programs",
    roles=ADMIN,
    form=ProgramFileForm,
    raw=TOML,
    response=ProgramLoadedSchema,
    status=201,
    also={200: "The program existed: updated, or unchanged"},
)
def load_program(
    who: Principal, form: dict[str, Any] | None = None, data: bytes | None = None
) -> Reply:
    definition = read_program_file(data if data is not None else file_bytes(form))
    check_program(who, definition.code)
    with unit_of_work() as session:
        existed = program_exists(session, definition.code)
        changes = apply_program(session, definition, f"{who.email} (api)")
    loaded = {"program": definition.code, "changes": changes}
    where = url_for(".get_program", program=definition.code)
    return Reply(loaded, 200 if existed else 201, {"Location": where})


@endpoint(
    blueprint,
    "/programs/<program>",
    method="GET",
    summary="A program, its settings and commodities",
    tag="programs",
    roles=ALL_ROLES,
    response=ProgramSchema,
)
def get_program(who: Principal, program: str) -> ProgramView:
    check_program(who, program)
    with unit_of_work() as session:
        return program_view(session, program)


@endpoint(
    blueprint,
    "/programs/<program>/parties",
    method="GET",
    summary="The program's buyers and suppliers",
    tag="programs",
    roles=ALL_ROLES,
    query=PartyQuery,
    response=PartySchema,
    many=True,
)
def get_parties(who: Principal, program: str, query: dict[str, str]) -> list[PartyView]:
    check_program(who, program)
    with unit_of_work() as session:
        found = program_by_code(session, program)
        return list_parties(session, found, query.get("role"), dt.date.today())


@endpoint(
    blueprint,
    "/programs/<program>/rates",
    method="GET",
    summary="Premium rates; buyers see the program's and their own",
    tag="programs",
    roles=ALL_ROLES,
    response=RateSchema,
    many=True,
)
def get_rates(who: Principal, program: str) -> list[RateView]:
    check_program(who, program)
    with unit_of_work() as session:
        rates = list_rates(session, program_by_code(session, program))
    hidden = who.role == "buyer"  # one buyer's agreed rate is not another buyer's business
    return [r for r in rates if r.buyer is None or not hidden or sees_party(who, "buyer", r.buyer)]
