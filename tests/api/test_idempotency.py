"""`Idempotency-Key` on POST: the first response again, or 409 for another request."""

import io

from flask.testing import FlaskClient

from tests.api.world import World, purchase_row, purchases_csv


def _rows(reference: str) -> list[dict[str, str]]:
    return [
        {"supplier": "S-1", "commodity": "tomato", "quantity": "10", "unit": "box",
         "purchase_date": "2026-08-03", "reference": reference},
    ]  # fmt: skip


def test_the_same_key_and_body_answer_the_first_response_again(
    client: FlaskClient, world: World
) -> None:
    url = f"/api/v1/programs/{world.program}/purchases"
    headers = {**world.auth("buyer"), "Idempotency-Key": "order-1"}
    first = client.post(url, json=_rows("K-1"), headers=headers)
    again = client.post(url, json=_rows("K-1"), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()  # posted, not "duplicate"
    assert again.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_with_another_body_is_409(client: FlaskClient, world: World) -> None:
    url = f"/api/v1/programs/{world.program}/purchases"
    headers = {**world.auth("buyer"), "Idempotency-Key": "order-2"}
    assert client.post(url, json=_rows("K-2"), headers=headers).status_code == 201
    other = client.post(url, json=_rows("K-3"), headers=headers)
    assert other.status_code == 409
    assert other.get_json()["type"].endswith("/idempotency-key-reused")


def test_keys_belong_to_one_user(client: FlaskClient, world: World) -> None:
    url = f"/api/v1/programs/{world.program}/purchases"
    key = {"Idempotency-Key": "shared"}
    assert (
        client.post(url, json=_rows("K-4"), headers={**world.auth("buyer"), **key}).status_code
        == 201
    )
    theirs = client.post(url, json=_rows("K-4"), headers={**world.auth("other_buyer"), **key})
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs.headers


def test_a_multipart_retry_with_a_new_boundary_is_the_same_request(
    client: FlaskClient, world: World
) -> None:
    url = f"/api/v1/programs/{world.program}/uploads/purchases"
    headers = {**world.auth("buyer"), "Idempotency-Key": "file-1"}
    data = purchases_csv(purchase_row())
    first = client.post(url, data={"file": (io.BytesIO(data), "p.csv")}, headers=headers)
    again = client.post(url, data={"file": (io.BytesIO(data), "p.csv")}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"


def test_a_refused_request_gives_its_key_back(client: FlaskClient, world: World) -> None:
    url = f"/api/v1/programs/{world.program}/purchases"
    headers = {**world.auth("buyer"), "Idempotency-Key": "retry-me"}
    bad = [{**_rows("K-5")[0], "quantity": "none"}]
    assert client.post(url, json=bad, headers=headers).status_code == 422
    assert client.post(url, json=_rows("K-5"), headers=headers).status_code == 201


def test_a_response_with_one_time_secrets_is_not_replayed(
    client: FlaskClient, world: World
) -> None:
    payroll = (
        b"worker_id,period_start,period_end,pay_date,hours,premium\n"
        b"77,2026-08-03,2026-08-09,2026-08-14,40,12.00\n"
    )
    url = f"/api/v1/programs/{world.program}/uploads/payroll"
    headers = {**world.auth("supplier"), "Idempotency-Key": "payroll-1"}
    first = client.post(url, data={"file": (io.BytesIO(payroll), "w.csv")}, headers=headers)
    assert first.status_code == 201 and first.get_json()["new_worker_codes"]
    again = client.post(url, data={"file": (io.BytesIO(payroll), "w.csv")}, headers=headers)
    assert again.status_code == 409
    assert again.get_json()["type"].endswith("/idempotent-secret-withheld")
    assert "lookup_code" not in again.get_data(as_text=True)
