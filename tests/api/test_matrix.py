"""Who may do what: every role × endpoint × own or other party, with the status it gets.

The resources belong to buyer B-1 and supplier S-1, so `buyer` and `supplier` act on
their own records and `other_buyer` (B-2) and `other_supplier` (S-2) on someone
else's; `outsider` monitors another program. A record outside one's scope answers
404 as if it did not exist; a role that may never call an endpoint gets 403.
"""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from ledger.complaints import file_complaint
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.worker_lines import lines_of_code
from reconciliation.overdue_checks import check_overdue
from tests.api.world import World, make_world, program_text, purchase_row, purchases_csv
from tests.builders import unique_code

PEOPLE = ("admin", "monitor", "buyer", "other_buyer", "supplier", "other_supplier", "outsider")
PEOPLE += ("anonymous",)


@dataclass(frozen=True, slots=True)
class Stage:
    """A world with a purchases batch of B-1, a receipts batch of S-1 and a run of 2026-08."""

    world: World
    client: FlaskClient
    purchases_batch: int
    receipts_batch: int
    complaint: int


def _file(client: FlaskClient, world: World, who: str, kind: str, data: bytes) -> int:
    response = client.post(
        f"/api/v1/programs/{world.program}/uploads/{kind}",
        data={"file": (io.BytesIO(data), f"{kind}.csv")},
        headers=world.auth(who),
    )
    assert response.status_code == 201, response.get_json()
    batch: int = response.get_json()["batch"]
    return batch


@pytest.fixture(scope="module")
def stage(api_engine: Engine) -> Iterator[Stage]:
    world = make_world(api_engine)
    url = api_engine.url.render_as_string(hide_password=False)
    client = create_app(Settings(database_url=url), engine=api_engine).test_client()
    purchases = _file(client, world, "buyer", "purchases", purchases_csv(purchase_row()))
    payment = f"supplier,amount,paid_on,reference\nS-1,10.00,2026-08-05,{world.program}\n"
    _file(client, world, "buyer", "payments", payment.encode())
    receipt = f"buyer,amount,received_on,reference\nB-1,10.00,2026-08-06,{world.program}\n"
    receipts = _file(client, world, "supplier", "receipts", receipt.encode())
    run = client.post(
        f"/api/v1/programs/{world.program}/reconciliations",
        json={"month": "2026-08"},
        headers=world.auth("monitor"),
    )
    assert run.status_code == 201
    _check_overdue(api_engine, world.program)
    yield Stage(world, client, purchases, receipts, _complaint(client, world, api_engine))


def _complaint(client: FlaskClient, world: World, engine: Engine) -> int:
    """A complaint of S-1's worker about their line, filed as the worker page files it."""
    payroll = f"worker_id,period_start,period_end,pay_date,hours,premium\n{world.program},"
    payroll += "2026-08-03,2026-08-09,2026-08-14,8,1.00\n"
    response = client.post(
        f"/api/v1/programs/{world.program}/uploads/payroll",
        data={"file": (io.BytesIO(payroll.encode()), "payroll.csv")},
        headers=world.auth("supplier"),
    )
    assert response.status_code == 201, response.get_json()
    code = response.get_json()["new_worker_codes"][0]["lookup_code"]
    with make_sessionmaker(engine).begin() as session:
        found = lines_of_code(session, code, date(2026, 10, 1))
        assert found is not None
        return file_complaint(session, code, found.lines[0].line_id, "other", "", "en").id


def _check_overdue(engine: Engine, program: str) -> None:
    with make_sessionmaker(engine).begin() as session:
        found = program_by_code(session, program)
        check_overdue(session, found, date(2026, 10, 10), "tests", month_close_day=5)


Request = Callable[[Stage], dict[str, Any]]


def _get(path: str) -> Request:
    return lambda s: {"method": "GET", "path": path.format(s=s)}


def _purchases_upload(party: str = "") -> Request:
    def build(s: Stage) -> dict[str, Any]:
        form: dict[str, Any] = {"file": (io.BytesIO(purchases_csv(purchase_row())), "p.csv")}
        return {"method": "POST", "path": "/uploads/purchases", "data": form | _party(party)}

    return build


def _party(party: str) -> dict[str, str]:
    return {"party": party} if party else {}


def _json_purchases(s: Stage) -> dict[str, Any]:
    row = dict(zip(("supplier", "commodity", "quantity", "unit", "purchase_date", "reference"),
                   purchase_row().split(","), strict=True))  # fmt: skip
    return {"method": "POST", "path": "/purchases?party=B-1", "json": [row]}


def _allocation(supplier: str) -> Request:
    payroll = (
        b"worker_id,period_start,period_end,pay_date,hours\n1,2026-08-03,2026-08-09,2026-08-14,8\n"
    )

    def build(s: Stage) -> dict[str, Any]:
        form = {"file": (io.BytesIO(payroll), "p.csv"), "pool": "10.00"}
        return {"method": "POST", "path": f"/suppliers/{supplier}/allocation", "data": form}

    return build


def _standing_change(s: Stage) -> dict[str, Any]:
    body = {"standing": "probation", "since": "2026-09-01", "reason": "late pass-through"}
    return {"method": "POST", "path": "/suppliers/S-1/standing", "json": body}


def _program_load(s: Stage) -> dict[str, Any]:
    data = program_text(unique_code("NEW")).encode()
    return {"method": "POST", "path": "", "data": data, "content_type": "application/toml",
            "root": "/api/v1/programs"}  # fmt: skip


def _review_complaint(s: Stage) -> dict[str, Any]:
    body = {"status": "in_review", "note": "called the grower"}
    return {"method": "PATCH", "path": f"/complaints/{s.complaint}", "json": body}


def _run(s: Stage) -> dict[str, Any]:
    return {"method": "POST", "path": "/reconciliations", "json": {"month": "2026-09"}}


A, M, B, OB, S, OS, OUT, ANON = range(8)
#: endpoint case → its request and the status each of PEOPLE gets, in PEOPLE's order.
CASES: dict[str, tuple[Request, tuple[int, ...]]] = {
    "read program": (_get(""), (200, 200, 200, 200, 200, 200, 404, 401)),
    "list parties": (_get("/parties"), (200, 200, 200, 200, 200, 200, 404, 401)),
    "list rates": (_get("/rates"), (200, 200, 200, 200, 200, 200, 404, 401)),
    "list batches": (_get("/batches"), (200, 200, 200, 200, 200, 200, 404, 401)),
    "B-1's batch": (_get("/batches/{s.purchases_batch}"), (200, 200, 200, 404, 404, 404, 404, 401)),
    "S-1's batch": (_get("/batches/{s.receipts_batch}"), (200, 200, 404, 404, 200, 404, 404, 401)),
    "balances": (_get("/balances"), (200, 200, 200, 200, 200, 200, 404, 401)),
    "B-1's account": (
        _get("/postings?account=buyers:B-1:committed"),
        (200, 200, 200, 404, 404, 404, 404, 401),
    ),
    "S-1's account": (
        _get("/postings?account=suppliers:S-1:held"),
        (200, 200, 404, 404, 200, 404, 404, 401),
    ),
    "B-1/S-1 payable": (
        _get("/postings?account=payable:B-1:S-1"),
        (200, 200, 200, 404, 200, 404, 404, 401),
    ),
    "month result": (_get("/reconciliations/2026-08"), (200, 200, 200, 200, 200, 200, 404, 401)),
    "month versions": (
        _get("/reconciliations/2026-08/versions"),
        (200, 200, 200, 200, 200, 200, 404, 401),
    ),
    "audit trail": (_get("/audit"), (200, 200, 403, 403, 403, 403, 404, 401)),
    "unsigned snapshot": (
        _get("/reconciliations/2026-08/versions/1/snapshot"),
        (404, 404, 403, 403, 403, 403, 404, 401),
    ),
    "run a month": (_run, (201, 201, 403, 403, 403, 403, 404, 401)),
    "month report": (
        _get("/reports/2026-08?format=json"),
        (200, 200, 403, 403, 403, 403, 404, 401),
    ),
    "month workbook": (
        _get("/reports/2026-08?format=xlsx"),
        (200, 200, 403, 403, 403, 403, 404, 401),
    ),
    "S-1's standing": (
        _get("/suppliers/S-1/standing"),
        (200, 200, 403, 403, 200, 404, 404, 401),
    ),
    "change S-1's standing": (_standing_change, (201, 200, 403, 403, 403, 403, 404, 401)),
    "upload for oneself": (_purchases_upload(), (422, 403, 201, 201, 403, 403, 403, 401)),
    "upload for B-1": (_purchases_upload("B-1"), (201, 403, 201, 404, 403, 403, 403, 401)),
    "JSON list for B-1": (_json_purchases, (201, 403, 201, 404, 403, 403, 403, 401)),
    "allocate for S-1": (_allocation("S-1"), (200, 403, 403, 403, 200, 404, 403, 401)),
    "load a program file": (_program_load, (201, 403, 403, 403, 403, 403, 403, 401)),
    "list complaints": (_get("/complaints"), (200, 200, 403, 403, 403, 403, 404, 401)),
    "review a complaint": (_review_complaint, (200, 200, 403, 403, 403, 403, 404, 401)),
    "public register": (
        lambda s: {"method": "GET", "path": "", "root": "/api/v1/participants"},
        (200, 200, 200, 200, 200, 200, 200, 200),
    ),
    "overdue submissions": (_get("/overdue"), (200, 200, 200, 200, 200, 200, 404, 401)),
}


def _call(stage: Stage, who: str, request: dict[str, Any]) -> int:
    root = request.pop("root", f"/api/v1/programs/{stage.world.program}")
    headers = stage.world.auth(who) if who != "anonymous" else {}
    response = stage.client.open(
        root + request.pop("path"), method=request.pop("method"), headers=headers, **request
    )
    assert response.mimetype in ("application/json", "application/problem+json") or (
        response.status_code == 200 and "spreadsheetml" in response.mimetype
    )
    status: int = response.status_code
    return status


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("case", list(CASES))
def test_each_role_gets_the_status_its_scope_allows(stage: Stage, case: str, who: str) -> None:
    build, expected = CASES[case]
    assert _call(stage, who, build(stage)) == expected[PEOPLE.index(who)]


def test_listed_batches_are_only_ones_own_for_a_party(stage: Stage) -> None:
    def kinds(who: str) -> set[tuple[str, str]]:
        response = _call_json(stage, who, f"/api/v1/programs/{stage.world.program}/batches")
        return {(batch["kind"], batch["party"]) for batch in response}

    assert ("receipts", "S-1") not in kinds("buyer") and ("purchases", "B-1") in kinds("buyer")
    assert kinds("other_supplier") == set()
    assert {("purchases", "B-1"), ("receipts", "S-1")} <= kinds("monitor")


def test_buyers_see_the_program_rates_and_their_own_only(stage: Stage) -> None:
    path = f"/api/v1/programs/{stage.world.program}/rates"
    assert {rate["buyer"] for rate in _call_json(stage, "buyer", path)} == {None}
    assert {rate["buyer"] for rate in _call_json(stage, "other_buyer", path)} == {None, "B-2"}
    assert {rate["buyer"] for rate in _call_json(stage, "supplier", path)} == {None, "B-2"}


def _call_json(stage: Stage, who: str, path: str) -> Any:
    return stage.client.get(path, headers=stage.world.auth(who)).get_json()


def test_a_party_sees_only_its_own_overdue_items(stage: Stage) -> None:
    path = f"/api/v1/programs/{stage.world.program}/overdue"

    def items(who: str) -> list[tuple[str, str, str]]:
        document = _call_json(stage, who, path)
        return [(item["kind"], item["party"], item["period"]) for item in document["items"]]

    payroll, purchases = (
        ("payroll", "S-1", "2026-08-05/2026-09-04"),
        ("purchases", "B-1", "2026-09"),
    )
    assert items("monitor") == [payroll, purchases]
    assert (items("buyer"), items("supplier")) == ([purchases], [payroll])
    assert items("other_buyer") == items("other_supplier") == []
    document = _call_json(stage, "admin", path)
    assert (document["as_of"], document["checked_by"], document["items"][0]["amount"]) == (
        "2026-10-10",
        "tests",
        "10.00",
    )
