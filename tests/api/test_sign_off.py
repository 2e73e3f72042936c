"""Sign-off over HTTP: the snapshot is stored byte for byte, and a signed month never changes."""

import hashlib
import io
import json

from flask.testing import FlaskClient

from tests.api.world import World, purchase_row, purchases_csv


def _reconciled(client: FlaskClient, world: World) -> str:
    """An unpaid July purchase, reconciled for August; the URL of the month's runs."""
    upload = client.post(
        f"/api/v1/programs/{world.program}/uploads/purchases",
        data={"file": (io.BytesIO(purchases_csv(purchase_row("S-1", "100"))), "purchases.csv")},
        headers=world.auth("buyer"),
    )
    assert upload.status_code == 201
    url = f"/api/v1/programs/{world.program}/reconciliations"
    ran = client.post(url, json={"month": "2026-08"}, headers=world.auth("monitor"))
    assert ran.status_code == 201
    return url


def test_a_monitor_signs_off_and_the_snapshot_comes_back_with_its_sha256(
    client: FlaskClient, world: World
) -> None:
    url = _reconciled(client, world)
    month = client.get(f"{url}/2026-08", headers=world.auth("monitor"))
    reviewed_sha = month.headers["ETag"].strip('"')
    signed = client.post(
        f"{url}/2026-08/sign-off",
        json={"expected_sha256": reviewed_sha},
        headers=world.auth("monitor"),
    )
    assert signed.status_code == 200, signed.get_json()
    run = signed.get_json()
    assert run["version"] == 1 and run["signed_off_by"].startswith("monitor.")
    snapshot = client.get(f"{url}/2026-08/versions/1/snapshot", headers=world.auth("admin"))
    assert snapshot.status_code == 200
    assert hashlib.sha256(snapshot.data).hexdigest() == run["snapshot_sha256"]
    assert snapshot.headers["ETag"] == f'"{run["snapshot_sha256"]}"'
    document = json.loads(snapshot.data)
    assert (document["month"], document["run"]["version"], document["run"]["sha256"]) == (
        "2026-08",
        1,
        reviewed_sha,
    )
    assert document["run"]["signed_off_by"] == run["signed_off_by"]
    assert document["buyers"][0]["premium_owed"] == month.get_json()["buyers"][0]["premium_owed"]


def test_a_signed_month_refuses_reviews_and_a_second_sign_off_and_a_rerun_adds_version_two(
    client: FlaskClient, world: World
) -> None:
    url = _reconciled(client, world)
    sign_off = f"{url}/2026-08/sign-off"
    assert client.post(sign_off, json={}, headers=world.auth("monitor")).status_code == 200
    again = client.post(sign_off, json={}, headers=world.auth("monitor"))
    assert again.status_code == 409 and "signed off already" in again.get_json()["detail"]
    review = client.patch(
        f"{url}/2026-08/findings/1", json={"status": "acknowledged"}, headers=world.auth("monitor")
    )
    assert review.status_code == 409
    rerun = client.post(url, json={"month": "2026-08"}, headers=world.auth("monitor"))
    assert rerun.get_json()["version"] == 2 and rerun.get_json()["new_version"] is True
    listed = client.get(f"{url}/2026-08/versions", headers=world.auth("buyer")).get_json()
    assert [(v["version"], v["signed_off_at"] is None) for v in listed] == [(1, False), (2, True)]
    first = client.get(f"{url}/2026-08/versions/1/snapshot", headers=world.auth("monitor"))
    assert hashlib.sha256(first.data).hexdigest() == listed[0]["snapshot_sha256"]


def test_a_sign_off_of_a_month_rerun_since_the_review_is_refused(
    client: FlaskClient, world: World
) -> None:
    url = _reconciled(client, world)
    stale = "0" * 64
    refused = client.post(
        f"{url}/2026-08/sign-off", json={"expected_sha256": stale}, headers=world.auth("monitor")
    )
    assert refused.status_code == 409 and "re-run since" in refused.get_json()["detail"]
    malformed = client.post(
        f"{url}/2026-08/sign-off", json={"expected_sha256": "abc"}, headers=world.auth("monitor")
    )
    assert malformed.status_code == 422
    never = client.post(f"{url}/2026-05/sign-off", json={}, headers=world.auth("monitor"))
    assert never.status_code == 404
    buyer = client.post(f"{url}/2026-08/sign-off", json={}, headers=world.auth("buyer"))
    assert buyer.status_code == 403


def test_the_audit_trail_lists_uploads_runs_and_sign_offs_newest_first(
    client: FlaskClient, world: World
) -> None:
    url = _reconciled(client, world)
    client.post(f"{url}/2026-08/sign-off", json={}, headers=world.auth("monitor"))
    events = client.get(
        f"/api/v1/programs/{world.program}/audit?limit=3", headers=world.auth("admin")
    ).get_json()
    assert [(e["action"], e["subject"]) for e in events] == [
        ("signed off", "2026-08 version 1"),
        ("reconciled", "2026-08 version 1"),
        ("uploaded purchases", events[2]["subject"]),
    ]
    assert events[0]["actor"].startswith("monitor.")
    assert events[2]["detail"].startswith("purchases.csv: 1 rows, 1 entries, premium")
