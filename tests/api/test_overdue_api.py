"""`GET /programs/<program>/overdue` before any check: a problem saying so, never an empty list."""

from flask.testing import FlaskClient

from tests.api.world import World


def test_a_program_never_checked_answers_not_found_saying_so(
    client: FlaskClient, world: World
) -> None:
    response = client.get(f"/api/v1/programs/{world.program}/overdue", headers=world.auth("admin"))
    assert (response.status_code, response.mimetype) == (404, "application/problem+json")
    assert response.get_json()["detail"] == (
        f"overdue submissions of {world.program} were never checked"
    )
