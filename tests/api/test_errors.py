"""Errors are problem+json with a stable type; nothing a client sends makes a 500."""

import io

from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.app import create_app
from api.config import Settings
from tests.api.world import World

PROBLEMS = "https://premium-ledger.example/problems/"


def _problem(response: object, status: int, slug: str) -> dict[str, object]:
    assert response.status_code == status, response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.mimetype == "application/problem+json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.get_json()  # type: ignore[attr-defined]
    assert body["type"] == PROBLEMS + slug and body["status"] == status
    assert body["title"] and body["detail"]
    return body


def test_no_token_is_401_with_a_bearer_challenge(client: FlaskClient, world: World) -> None:
    response = client.get(f"/api/v1/programs/{world.program}")
    _problem(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    bad = {"Authorization": "Bearer plt_not-a-token"}
    _problem(client.get(f"/api/v1/programs/{world.program}", headers=bad), 401, "unauthorized")


def test_malformed_json_is_400(client: FlaskClient, world: World) -> None:
    response = client.post(
        f"/api/v1/programs/{world.program}/purchases",
        data=b"[{not json",
        content_type="application/json",
        headers=world.auth("buyer"),
    )
    _problem(response, 400, "malformed-request")


def test_wrong_types_are_422_naming_the_fields(client: FlaskClient, world: World) -> None:
    response = client.post(
        f"/api/v1/programs/{world.program}/purchases",
        json=[{"supplier": ["S-1"], "commodity": True}],
        headers=world.auth("buyer"),
    )
    body = _problem(response, 422, "invalid-request")
    errors = body["errors"]
    assert isinstance(errors, dict) and "supplier" in errors["0"] and "quantity" in errors["0"]
    null = client.post(
        f"/api/v1/programs/{world.program}/purchases",
        data="null",
        content_type="application/json",
        headers=world.auth("buyer"),
    )
    _problem(null, 422, "invalid-request")


def test_the_wrong_content_type_is_415(client: FlaskClient, world: World) -> None:
    response = client.post(
        f"/api/v1/programs/{world.program}/purchases",
        data="supplier,commodity",
        content_type="text/csv",
        headers=world.auth("buyer"),
    )
    _problem(response, 415, "unsupported-media-type")


def test_a_body_over_the_limit_is_413(api_engine: Engine, world: World) -> None:
    url = api_engine.url.render_as_string(hide_password=False)
    small = create_app(Settings(database_url=url, max_upload_bytes=1000), engine=api_engine)
    response = small.test_client().post(
        f"/api/v1/programs/{world.program}/uploads/purchases",
        data={"file": (io.BytesIO(b"x" * 5000), "big.csv")},
        headers=world.auth("buyer"),
    )
    _problem(response, 413, "payload-too-large")


def test_unknown_paths_and_methods_are_problems(client: FlaskClient, world: World) -> None:
    _problem(client.get("/api/v1/nothing-here"), 404, "not-found")
    response = client.delete("/api/v1/health")
    _problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"]


def test_an_invalid_query_is_422(client: FlaskClient, world: World) -> None:
    response = client.get(
        f"/api/v1/programs/{world.program}/balances?as_of=yesterday", headers=world.auth("admin")
    )
    body = _problem(response, 422, "invalid-request")
    assert "as_of" in body["errors"]  # type: ignore[operator]


def test_a_ledger_refusal_is_422_and_a_missing_program_404(
    client: FlaskClient, world: World
) -> None:
    toml = b'[program]\ncode = "X"\nname = "x"\ncurrency = "USD"\nsurprise = 1\n'
    response = client.post(
        "/api/v1/programs", data=toml, content_type="application/toml", headers=world.auth("admin")
    )
    body = _problem(response, 422, "program-file-rejected")
    assert any("surprise" in p["reason"] for p in body["problems"])  # type: ignore[attr-defined]
    _problem(client.get("/api/v1/programs/NOPE", headers=world.auth("admin")), 404, "not-found")


def test_a_nul_character_is_refused_not_a_server_error(client: FlaskClient, world: World) -> None:
    body = {"standing": "probation", "since": "2026-09-01", "reason": "bad\x00reason"}
    response = client.post(
        f"/api/v1/programs/{world.program}/suppliers/S-1/standing",
        json=body,
        headers=world.auth("monitor"),
    )
    assert response.status_code in (201, 422)  # SQLite stores NUL; PostgreSQL cannot


def test_deeply_nested_json_is_400_not_a_crash(client: FlaskClient, world: World) -> None:
    response = client.post(
        f"/api/v1/programs/{world.program}/purchases",
        data="[" * 100_000 + "]" * 100_000,
        content_type="application/json",
        headers=world.auth("buyer"),
    )
    _problem(response, 400, "malformed-request")
