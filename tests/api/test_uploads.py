"""Uploads over HTTP: files of every kind and JSON lists, through the CLI's own pipeline."""

import io

from flask.testing import FlaskClient

from tests.api.world import World, purchase_row, purchases_csv


def _upload(
    client: FlaskClient, world: World, who: str, kind: str, data: bytes, **fields: object
) -> object:
    form: dict[str, object] = {"file": (io.BytesIO(data), f"{kind}.csv"), **fields}
    return client.post(
        f"/api/v1/programs/{world.program}/uploads/{kind}", data=form, headers=world.auth(who)
    )


def test_a_posted_upload_is_201_with_its_batch_and_an_identical_one_a_200_no_op(
    client: FlaskClient, world: World
) -> None:
    data = purchases_csv(purchase_row(quantity="100"), purchase_row("S-2", "40", "P-2"))
    first = _upload(client, world, "buyer", "purchases", data)
    assert first.status_code == 201  # type: ignore[attr-defined]
    result = first.get_json()  # type: ignore[attr-defined]
    assert result["status"] == "posted" and result["rows"] == 2 and result["entries"] == 2
    assert result["premium"] == "35.00" and result["currency"] == "USD"  # 140 boxes × 25 lb × 0.01
    location = first.headers["Location"]  # type: ignore[attr-defined]
    assert location.endswith(f"/batches/{result['batch']}")
    again = _upload(client, world, "buyer", "purchases", data)
    assert again.status_code == 200  # type: ignore[attr-defined]
    assert again.get_json()["status"] == "duplicate"  # type: ignore[attr-defined]
    batch = client.get(location, headers=world.auth("buyer")).get_json()
    assert batch["status"] == "live" and batch["party"] == "B-1" and batch["kind"] == "purchases"


def test_a_dry_run_posts_nothing(client: FlaskClient, world: World) -> None:
    response = _upload(
        client, world, "buyer", "purchases", purchases_csv(purchase_row()), dry_run="true"
    )
    assert response.get_json()["status"] == "dry_run"  # type: ignore[attr-defined]
    listed = client.get(f"/api/v1/programs/{world.program}/batches", headers=world.auth("admin"))
    assert listed.get_json() == []


def test_a_refused_upload_is_422_listing_every_row_problem(
    client: FlaskClient, world: World
) -> None:
    data = purchases_csv(purchase_row(quantity="lots"), purchase_row("S-9", "1", "P-2"))
    response = _upload(client, world, "buyer", "purchases", data)
    assert response.status_code == 422  # type: ignore[attr-defined]
    body = response.get_json()  # type: ignore[attr-defined]
    assert body["type"] == "https://premium-ledger.example/problems/upload-rejected"
    problems = body["problems"]
    assert {(p["row"], p["column"]) for p in problems} == {(2, "quantity"), (3, "supplier")}
    assert problems[0]["value"] == "lots" and problems[0]["reason"]
    assert set(problems[0]) == {"sheet", "row", "column", "value", "reason"}


def test_a_json_list_posts_like_the_same_rows_in_a_file(client: FlaskClient, world: World) -> None:
    rows = [
        {"supplier": "S-1", "commodity": "tomato", "quantity": 100, "unit": "box",
         "purchase_date": "2026-08-03", "reference": "J-1"},
        {"supplier": "s-2", "commodity": "TOMATO", "quantity": 12.5, "unit": "box",
         "purchase_date": "08/04/2026", "reference": "J-2"},
    ]  # fmt: skip
    url = f"/api/v1/programs/{world.program}/purchases"
    response = client.post(url, json=rows, headers=world.auth("buyer"))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["premium"] == "28.13"  # 25.00 + 312.5 lb × 0.01 = 3.125 → 3.13
    replay = client.post(url, json=rows, headers=world.auth("buyer"))
    assert replay.get_json()["status"] == "duplicate"


def test_json_row_problems_name_the_position_in_the_list(client: FlaskClient, world: World) -> None:
    good = {"supplier": "S-1", "commodity": "tomato", "quantity": "1", "unit": "box",
            "purchase_date": "2026-08-03", "reference": "J-1"}  # fmt: skip
    rows = [good, {**good, "reference": "J-2", "quantity": "-3"}]
    response = client.post(
        f"/api/v1/programs/{world.program}/purchases", json=rows, headers=world.auth("buyer")
    )
    assert response.status_code == 422
    [problem] = response.get_json()["problems"]
    assert (problem["row"], problem["column"], problem["value"]) == (2, "quantity", "-3")


def test_supersede_reverses_the_old_batch_and_another_partys_batch_is_not_found(
    client: FlaskClient, world: World
) -> None:
    first = _upload(client, world, "buyer", "purchases", purchases_csv(purchase_row()))
    old = first.get_json()["batch"]  # type: ignore[attr-defined]
    fixed = purchases_csv(purchase_row(quantity="90"))
    stranger = _upload(client, world, "other_buyer", "purchases", fixed, supersedes=str(old))
    assert stranger.status_code == 404  # type: ignore[attr-defined]
    response = _upload(client, world, "buyer", "purchases", fixed, supersedes=str(old))
    assert response.status_code == 201  # type: ignore[attr-defined]
    status = client.get(
        f"/api/v1/programs/{world.program}/batches/{old}", headers=world.auth("buyer")
    ).get_json()
    assert status["status"] == "superseded" and status["superseded_by"] is not None


def test_an_admin_names_the_party_and_a_party_cannot_upload_for_another(
    client: FlaskClient, world: World
) -> None:
    data = purchases_csv(purchase_row())
    assert _upload(client, world, "admin", "purchases", data).status_code == 422  # type: ignore[attr-defined]
    assert _upload(client, world, "admin", "purchases", data, party="B-2").status_code == 201  # type: ignore[attr-defined]
    other = _upload(client, world, "buyer", "purchases", data, party="B-2")
    assert other.status_code == 404  # type: ignore[attr-defined]
    assert _upload(client, world, "supplier", "purchases", data).status_code == 403  # type: ignore[attr-defined]
    assert _upload(client, world, "monitor", "purchases", data).status_code == 403  # type: ignore[attr-defined]


def test_a_payroll_upload_hands_out_lookup_codes_once_and_never_stores_them(
    client: FlaskClient, world: World
) -> None:
    payroll = (
        b"worker_id,worker_name,period_start,period_end,pay_date,hours,premium\n"
        b"10234,Ana,2026-08-03,2026-08-09,2026-08-14,40,12.00\n"
        b"10235,Luis,2026-08-03,2026-08-09,2026-08-14,38,11.40\n"
    )
    response = _upload(client, world, "supplier", "payroll", payroll)
    assert response.status_code == 201, response.get_json()  # type: ignore[attr-defined]
    codes = response.get_json()["new_worker_codes"]  # type: ignore[attr-defined]
    assert [c["worker_id"] for c in codes] == ["10234", "10235"]
    assert "no-store" in response.headers["Cache-Control"]  # type: ignore[attr-defined]
