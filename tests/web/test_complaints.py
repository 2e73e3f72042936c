"""Complaints from the worker page: filed on one's own line only, with a fresh form token."""

import re
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import Engine

from api.web.complaint_tokens import MAX_AGE, issue_token, token_is_valid
from ledger.complaints import ComplaintRecord, list_complaints
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from tests.web.conftest import SECRET, Season

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def complaints_of(engine: Engine, program: str) -> list[ComplaintRecord]:
    with make_sessionmaker(engine).begin() as session:
        return list_complaints(session, program_by_code(session, program).id)


def form_of(client: FlaskClient, code: str, lang: str = "en") -> tuple[list[str], str]:
    """The complaint form targets of the code's page, and its token."""
    page = client.get(f"/w/{code}?lang={lang}").get_data(as_text=True)
    targets = re.findall(r'action="(/w/[^"]+/complaint\?lang=\w+)"', page)
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert targets and token is not None
    return targets, token.group(1)


def test_a_worker_files_a_complaint_in_spanish_and_is_thanked_in_spanish(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    code = season.codes["1002"]
    targets, token = form_of(client, code, "es")
    form = {"token": token, "kind": "premium_missing", "text": "No me pagaron la prima."}
    response = client.post(targets[0], data=form)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/w/{code}/thanks?lang=es"
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="es">' in thanks and "Gracias. Recibimos su mensaje." in thanks
    [complaint] = complaints_of(web_engine, season.program)
    assert (complaint.worker, complaint.supplier, complaint.kind) == (
        "1002",
        "S-1",
        "premium_missing",
    )
    assert (complaint.language, complaint.text, complaint.status) == ("es", form["text"], "open")
    assert str(complaint.period_start) == "2026-08-03" and complaint.premium == 0


def test_a_complaint_keeps_its_words_without_characters_no_database_can_store(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    targets, token = form_of(client, season.codes["1001"], "ht")
    form = {"token": token, "kind": "other", "text": " Mwen pa\x00 konprann "}
    assert client.post(targets[0], data=form).status_code == 303
    [complaint] = complaints_of(web_engine, season.program)
    assert (complaint.text, complaint.language) == ("Mwen pa konprann", "ht")


def test_a_complaint_without_a_valid_token_is_refused_and_not_stored(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    code, other = season.codes["1001"], season.codes["1002"]
    targets, token = form_of(client, code)
    issued = datetime.now(UTC)
    tampered = token[:-1] + ("1" if token[-1] == "0" else "0")
    for bad in ("", "garbage", tampered, issue_token(SECRET, other, issued)):
        response = client.post(targets[0], data={"token": bad, "kind": "other"})
        assert response.status_code == 400
        assert "This form is too old" in response.get_data(as_text=True)
    assert complaints_of(web_engine, season.program) == []


def test_a_worker_cannot_complain_about_another_workers_line(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    ana, luis = season.codes["1001"], season.codes["1002"]
    luis_target = form_of(client, luis)[0][0]
    _, ana_token = form_of(client, ana)
    stolen = luis_target.replace(f"/w/{luis}/", f"/w/{ana}/")
    response = client.post(stolen, data={"token": ana_token, "kind": "wrong_amount"})
    assert response.status_code == 404
    assert complaints_of(web_engine, season.program) == []


def test_a_complaint_must_say_what_is_wrong_in_at_most_1000_characters(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    targets, token = form_of(client, season.codes["1001"])
    assert client.post(targets[0], data={"token": token, "kind": "bribe"}).status_code == 400
    long_text = {"token": token, "kind": "other", "text": "x" * 1001}
    assert client.post(targets[0], data=long_text).status_code == 400
    assert complaints_of(web_engine, season.program) == []


def test_a_token_holds_for_its_code_until_it_is_too_old() -> None:
    token = issue_token(SECRET, "ABCDEFGHJK", NOW)
    assert token_is_valid(SECRET, "ABCDEFGHJK", token, NOW + MAX_AGE)
    assert not token_is_valid(SECRET, "ABCDEFGHJK", token, NOW + MAX_AGE + timedelta(seconds=1))
    assert not token_is_valid(SECRET, "ABCDEFGHJM", token, NOW)
    assert not token_is_valid("another key", "ABCDEFGHJK", token, NOW)
    assert not token_is_valid(SECRET, "ABCDEFGHJK", token, NOW - timedelta(seconds=1))
    assert not token_is_valid(SECRET, "ABCDEFGHJK", "١٢." + token.split(".")[1], NOW)
