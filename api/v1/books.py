"""The books: balances of accounts and the postings of one account, page by page."""

import datetime as dt
from decimal import Decimal
from typing import Any

from flask import Blueprint
from sqlalchemy.orm import Session

from api.auth import ALL_ROLES
from api.problems import NOT_FOUND, ApiError
from api.reads.programs import list_parties
from api.routing import endpoint
from api.schemas.books import BalancesQuery, BalancesSchema, PostingPageSchema, PostingsQuery
from api.scopes import check_program, party_prefixes, sees_account
from api.unit_of_work import unit_of_work
from ledger.accounts_store import account_id
from ledger.balances import account_postings, balances
from ledger.money import format_amount
from ledger.participants import Program, program_by_code
from ledger.users import Principal

blueprint = Blueprint("books", __name__)


@endpoint(
    blueprint,
    "/programs/<program>/balances",
    method="GET",
    summary="Balance of every account with postings (as `balances --json`)",
    tag="books",
    roles=ALL_ROLES,
    query=BalancesQuery,
    response=BalancesSchema,
)
def get_balances(who: Principal, program: str, query: dict[str, Any]) -> dict[str, Any]:
    check_program(who, program)
    with unit_of_work() as session:
        found = _visible_balances(session, who, program, query)
    printable = {
        account: {currency: format_amount(amount, currency) for currency, amount in sums.items()}
        for account, sums in found.items()
    }
    return {"balances": printable}


def _visible_balances(
    session: Session, who: Principal, program: str, query: dict[str, Any]
) -> dict[str, dict[str, Decimal]]:
    """A party's accounts are read by their prefixes, not by summing the whole program."""
    found = program_by_code(session, program)
    program_id = found.id
    wanted = (
        [query["prefix"]]
        if "prefix" in query
        else party_prefixes(who, _buyers(session, who, found))
    )
    merged: dict[str, dict[str, Decimal]] = {}
    for prefix in wanted or [None]:
        merged.update(balances(session, program_id, as_of=query.get("as_of"), prefix=prefix))
    return {name: sums for name, sums in sorted(merged.items()) if sees_account(who, name)}


def _buyers(session: Session, who: Principal, program: Program) -> list[str]:
    if who.role != "supplier":
        return []
    return [party.code for party in list_parties(session, program, "buyer", dt.date.today())]


@endpoint(
    blueprint,
    "/programs/<program>/postings",
    method="GET",
    summary="Postings of one account by effective date, a page at a time",
    tag="books",
    roles=ALL_ROLES,
    query=PostingsQuery,
    response=PostingPageSchema,
)
def get_postings(who: Principal, program: str, query: dict[str, Any]) -> dict[str, Any]:
    check_program(who, program)
    name, limit, offset = query["account"], query["limit"], query["offset"]
    with unit_of_work() as session:
        program_id = program_by_code(session, program).id
        if not sees_account(who, name) or account_id(session, program_id, name) is None:
            raise ApiError(NOT_FOUND, f"no account {name!r}")
        # One more than a page tells whether another page follows.
        items = account_postings(session, program_id, name, limit=limit + 1, offset=offset)
    more = len(items) > limit
    return {
        "account": name,
        "items": items[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }
