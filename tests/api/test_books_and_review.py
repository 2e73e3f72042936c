"""Balances, postings, reconciliation, standing and the allocation helper over HTTP."""

import io

from flask.testing import FlaskClient

from tests.api.world import World, purchase_row, purchases_csv


def _post_file(client: FlaskClient, world: World, who: str, kind: str, data: bytes) -> None:
    response = client.post(
        f"/api/v1/programs/{world.program}/uploads/{kind}",
        data={"file": (io.BytesIO(data), f"{kind}.csv")},
        headers=world.auth(who),
    )
    assert response.status_code == 201, response.get_json()["problems"]


def _trade(client: FlaskClient, world: World) -> None:
    """B-1 buys from S-1 and S-2 and pays S-1 in part; B-2 buys from S-2."""
    rows = (purchase_row("S-1", "100"), purchase_row("S-1", "20"), purchase_row("S-2", "8"))
    _post_file(client, world, "buyer", "purchases", purchases_csv(*rows))
    _post_file(client, world, "other_buyer", "purchases", purchases_csv(purchase_row("S-2", "4")))
    payments = f"supplier,amount,paid_on,reference\nS-1,20.00,2026-08-10,{world.program}\n"
    _post_file(client, world, "buyer", "payments", payments.encode())


def _get(client: FlaskClient, world: World, who: str, path: str) -> object:
    return client.get(f"/api/v1/programs/{world.program}{path}", headers=world.auth(who))


def test_balances_show_each_party_its_own_accounts(client: FlaskClient, world: World) -> None:
    _trade(client, world)
    everything = _get(client, world, "monitor", "/balances").get_json()["balances"]  # type: ignore[attr-defined]
    assert everything["buyers:B-1:committed"] == {"USD": "-32.00"}
    assert everything["payable:B-1:S-1"] == {"USD": "10.00"}
    buyer = _get(client, world, "buyer", "/balances").get_json()["balances"]  # type: ignore[attr-defined]
    assert set(buyer) == {"buyers:B-1:committed", "payable:B-1:S-1", "payable:B-1:S-2"}
    supplier = _get(client, world, "supplier", "/balances").get_json()["balances"]  # type: ignore[attr-defined]
    assert set(supplier) == {"payable:B-1:S-1", "suppliers:S-1:held"}
    prefixed = _get(client, world, "supplier", "/balances?prefix=payable").get_json()  # type: ignore[attr-defined]
    assert set(prefixed["balances"]) == {"payable:B-1:S-1"}
    early = _get(client, world, "admin", "/balances?as_of=2026-08-01").get_json()  # type: ignore[attr-defined]
    assert early["balances"] == {}


def test_postings_come_a_page_at_a_time_and_others_accounts_are_not_found(
    client: FlaskClient, world: World
) -> None:
    _trade(client, world)
    path = "/postings?account=payable:B-1:S-1&limit=2"
    first = _get(client, world, "supplier", path).get_json()  # type: ignore[attr-defined]
    assert [p["amount"] for p in first["items"]] == ["25.00", "5.00"]
    assert first["next_offset"] == 2
    rest = _get(client, world, "supplier", path + "&offset=2").get_json()  # type: ignore[attr-defined]
    assert [p["amount"] for p in rest["items"]] == ["-20.00"] and rest["next_offset"] is None
    assert rest["items"][0]["kind"] == "payment" and rest["items"][0]["source_row"] == 2
    hidden = _get(client, world, "other_supplier", "/postings?account=payable:B-1:S-1")
    assert hidden.status_code == 404  # type: ignore[attr-defined]
    unknown = _get(client, world, "admin", "/postings?account=suppliers:S-9:held")
    assert unknown.status_code == 404  # type: ignore[attr-defined]


def test_a_month_is_run_for_review_and_read_by_each_party_in_part(
    client: FlaskClient, world: World
) -> None:
    _trade(client, world)
    url = f"/api/v1/programs/{world.program}/reconciliations"
    run = client.post(url, json={"month": "2026-08"}, headers=world.auth("monitor"))
    assert run.status_code == 201, run.get_json()
    assert run.get_json()["version"] == 1 and len(run.get_json()["result_sha256"]) == 64
    full = _get(client, world, "monitor", "/reconciliations/2026-08").get_json()  # type: ignore[attr-defined]
    assert full["as_of"] == "2026-08-31" and len(full["buyers"]) == 3
    assert full["buyers"][0]["volume"] == {"tomato": "3000"}
    buyer = _get(client, world, "buyer", "/reconciliations/2026-08").get_json()  # type: ignore[attr-defined]
    assert {r["buyer"] for r in buyer["buyers"]} == {"B-1"} and buyer["suppliers"] == []
    supplier = _get(client, world, "other_supplier", "/reconciliations/2026-08").get_json()  # type: ignore[attr-defined]
    assert {r["buyer"] for r in supplier["buyers"]} == {"B-1", "B-2"}
    assert all("volume" not in row for row in supplier["buyers"])  # buyers' volumes are theirs
    assert [r["supplier"] for r in supplier["suppliers"]] == ["S-2"]
    findings = _get(client, world, "monitor", "/reconciliations/2026-08/findings").get_json()  # type: ignore[attr-defined]
    assert [(f["number"], f["code"], f["status"]) for f in findings] == [
        (1, "PAYMENT_UNCONFIRMED", "open")
    ]
    assert findings[0]["amount"] == "20.00"
    for who, seen in (("buyer", 1), ("supplier", 1), ("other_buyer", 0), ("other_supplier", 0)):
        mine = _get(client, world, who, "/reconciliations/2026-08/findings").get_json()  # type: ignore[attr-defined]
        assert len(mine) == seen, who
    assert _get(client, world, "admin", "/reconciliations/2026-07").status_code == 404  # type: ignore[attr-defined]
    assert _get(client, world, "admin", "/reconciliations/2026-13").status_code == 422  # type: ignore[attr-defined]


def test_standing_is_changed_by_reviewers_and_read_by_the_supplier_itself(
    client: FlaskClient, world: World
) -> None:
    url = f"/api/v1/programs/{world.program}/suppliers/S-1/standing"
    change = {"standing": "suspended", "since": "2026-10-01", "reason": "audit failed"}
    first = client.post(url, json=change, headers=world.auth("monitor"))
    assert first.status_code == 201 and "suspended" in first.get_json()["change"]
    same = client.post(url, json=change, headers=world.auth("monitor"))
    assert same.status_code == 200 and same.get_json()["change"] is None
    history = client.get(url, headers=world.auth("supplier")).get_json()
    assert [(c["standing"], c["since"]) for c in history["changes"]] == [
        ("suspended", "2026-10-01")
    ]
    assert client.get(url, headers=world.auth("other_supplier")).status_code == 404
    assert client.post(url, json=change, headers=world.auth("supplier")).status_code == 403
    parties = _get(client, world, "buyer", "/parties?role=supplier").get_json()  # type: ignore[attr-defined]
    assert [p["code"] for p in parties] == ["S-1", "S-2"]


def test_the_allocation_helper_answers_the_filled_payroll(
    client: FlaskClient, world: World
) -> None:
    payroll = (
        b"worker_id,period_start,period_end,pay_date,hours\n"
        b"1,2026-08-03,2026-08-09,2026-08-14,30\n"
        b"2,2026-08-03,2026-08-09,2026-08-14,10\n"
    )
    url = f"/api/v1/programs/{world.program}/suppliers/S-1/allocation"
    form = {"file": (io.BytesIO(payroll), "p.csv"), "pool": "100.00"}
    response = client.post(url, data=form, headers=world.auth("supplier"))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.get_data()[:2] == b"PK"
    assert response.headers["Allocation-Retention"] == "7.65 USD"
    form = {"file": (io.BytesIO(payroll), "p.csv"), "pool": "100.00"}
    assert client.post(url, data=form, headers=world.auth("other_supplier")).status_code == 404
    form = {"file": (io.BytesIO(payroll), "p.csv"), "pool": "-1"}
    refused = client.post(url, data=form, headers=world.auth("supplier"))
    assert refused.status_code == 422


def test_a_monitor_reviews_a_finding_and_its_status_survives_a_rerun(
    client: FlaskClient, world: World
) -> None:
    _trade(client, world)
    url = f"/api/v1/programs/{world.program}/reconciliations"
    assert (
        client.post(url, json={"month": "2026-08"}, headers=world.auth("monitor")).status_code
        == 201
    )
    finding = f"{url}/2026-08/findings/1"
    refused = client.patch(finding, json={"status": "resolved"}, headers=world.auth("monitor"))
    assert refused.status_code == 422 and "comment" in refused.get_json()["detail"]
    bogus = client.patch(finding, json={"status": "forgotten"}, headers=world.auth("monitor"))
    assert bogus.status_code == 422
    denied = client.patch(finding, json={"status": "acknowledged"}, headers=world.auth("buyer"))
    assert denied.status_code == 403
    missing = client.patch(
        f"{url}/2026-08/findings/9", json={"status": "acknowledged"}, headers=world.auth("monitor")
    )
    assert missing.status_code == 404
    done = client.patch(
        finding,
        json={"status": "disputed", "comment": "receipt is on paper"},
        headers=world.auth("monitor"),
    )
    assert done.status_code == 200, done.get_json()
    reviewed = done.get_json()
    assert (reviewed["status"], reviewed["status_comment"], reviewed["amount"]) == (
        "disputed",
        "receipt is on paper",
        "20.00",
    )
    assert reviewed["reviewed_by"].startswith("monitor")
    client.post(url, json={"month": "2026-08"}, headers=world.auth("monitor"))
    after = _get(client, world, "monitor", "/reconciliations/2026-08/findings").get_json()  # type: ignore[attr-defined]
    assert after[0]["status"] == "disputed"
