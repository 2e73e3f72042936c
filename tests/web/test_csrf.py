"""Every staff form carries the session's token; a form without it is refused with a page."""

from flask.testing import FlaskClient

from tests.api.world import World
from tests.web.pages import sign_in_as, text


def test_a_staff_form_sent_without_the_token_is_refused_with_a_clear_page(
    client: FlaskClient, world: World
) -> None:
    sign_in_as(client, world, "monitor")
    answer = client.post(f"/staff/{world.program}/reconciliations", data={"month": "2026-08"})
    assert answer.status_code == 400
    assert answer.mimetype == "text/html"
    page = text(answer)
    assert "<h1>The form has expired</h1>" in page
    assert "did not come from this site" in page
    assert "Traceback" not in page


def test_a_token_of_another_session_is_refused(
    client: FlaskClient, world: World, app_client_pair: tuple[FlaskClient, FlaskClient]
) -> None:
    mine, theirs = app_client_pair
    sign_in_as(mine, world, "monitor")
    their_token = sign_in_as(theirs, world, "admin")
    answer = mine.post(
        f"/staff/{world.program}/reconciliations",
        data={"month": "2026-08", "csrf_token": their_token},
    )
    assert answer.status_code == 400


def test_the_right_token_lets_the_form_through(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "monitor")
    answer = client.post(
        f"/staff/{world.program}/reconciliations",
        data={"month": "2026-08", "csrf_token": form_token},
    )
    assert answer.status_code == 302
    assert answer.location.endswith(f"/staff/{world.program}/months/2026-08")


def test_signing_in_itself_needs_the_token(client: FlaskClient, world: World) -> None:
    answer = client.post(
        "/staff/sign-in", data={"email": world.emails["admin"], "password": "whatever"}
    )
    assert answer.status_code == 400


def test_the_api_is_not_subject_to_the_web_forms_token(client: FlaskClient, world: World) -> None:
    answer = client.post(
        f"/api/v1/programs/{world.program}/reconciliations",
        json={"month": "2026-08"},
        headers=world.auth("monitor"),
    )
    assert answer.status_code == 201


def test_staff_pages_may_not_be_framed_nor_cached_and_run_no_scripts(
    client: FlaskClient, world: World
) -> None:
    sign_in_as(client, world, "monitor")
    answer = client.get(f"/staff/{world.program}/dashboard")
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert "script-src 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Cache-Control"] == "no-store"
