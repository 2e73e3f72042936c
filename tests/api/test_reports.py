"""Monthly reports over HTTP: the three formats as attachments, for monitors and admins only."""

import io
import json

import openpyxl
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.world import World, purchase_row, purchases_csv

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reconciled_august(client: FlaskClient, world: World) -> None:
    """B-1 buys 100 boxes (25.00 of premium) from S-1 and pays 10.00; August is reconciled."""
    payment = f"supplier,amount,paid_on,reference\nS-1,10.00,2026-08-05,R-{world.program}\n"
    files = [
        ("buyer", "purchases", purchases_csv(purchase_row("S-1", "100"))),
        ("buyer", "payments", payment.encode()),
    ]
    for who, kind, data in files:
        response = client.post(
            f"/api/v1/programs/{world.program}/uploads/{kind}",
            data={"file": (io.BytesIO(data), f"{kind}.csv")},
            headers=world.auth(who),
        )
        assert response.status_code == 201, response.get_json()
    run = client.post(
        f"/api/v1/programs/{world.program}/reconciliations",
        json={"month": "2026-08"},
        headers=world.auth("monitor"),
    )
    assert run.status_code == 201


def _report(client: FlaskClient, world: World, query: str, who: str = "monitor") -> TestResponse:
    return client.get(
        f"/api/v1/programs/{world.program}/reports/2026-08?{query}", headers=world.auth(who)
    )


def test_the_json_report_is_an_attachment_named_after_the_month(
    client: FlaskClient, world: World
) -> None:
    _reconciled_august(client, world)
    response = _report(client, world, "format=json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename={world.program}-2026-08-v1.json"
    document = json.loads(response.data)
    assert document["totals"]["premium_owed"] == "25.00"
    assert document["totals"]["premium_paid"] == "10.00"
    assert _report(client, world, "format=json").data == response.data


def test_the_xlsx_report_opens_as_a_workbook(client: FlaskClient, world: World) -> None:
    _reconciled_august(client, world)
    response = _report(client, world, "format=xlsx", who="admin")
    assert response.status_code == 200 and response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book["Buyers"]["D2"].value == 25 and book["Buyers"]["E2"].value == 10


def test_the_html_report_is_a_page_with_its_figures(client: FlaskClient, world: World) -> None:
    _reconciled_august(client, world)
    response = _report(client, world, "format=html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "25.00" in response.get_data(as_text=True)


def test_a_version_can_be_asked_for_and_a_missing_one_is_not_found(
    client: FlaskClient, world: World
) -> None:
    _reconciled_august(client, world)
    assert _report(client, world, "format=json&version=1").status_code == 200
    missing = _report(client, world, "format=json&version=2")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert "has no version 2" in missing.get_json()["detail"]


def test_a_month_never_reconciled_answers_what_to_do(client: FlaskClient, world: World) -> None:
    response = client.get(
        f"/api/v1/programs/{world.program}/reports/2026-09?format=html",
        headers=world.auth("monitor"),
    )
    assert response.status_code == 404
    assert "reconcile 2026-09 first" in response.get_json()["detail"]


def test_an_unknown_format_is_an_invalid_request(client: FlaskClient, world: World) -> None:
    response = _report(client, world, "format=pdf")
    assert response.status_code == 422
    assert "format" in response.get_json()["errors"]


def test_parties_may_not_see_everyone_s_figures(client: FlaskClient, world: World) -> None:
    _reconciled_august(client, world)
    assert _report(client, world, "format=json", who="buyer").status_code == 403
    assert _report(client, world, "format=json", who="supplier").status_code == 403
