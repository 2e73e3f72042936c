"""Web sessions: kept in the database by digest, rotated on sign-in, ended by time or sign-out."""

import hashlib
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select, update

from api.app import create_app
from api.config import Settings
from ledger.database import make_sessionmaker
from ledger.web_sessions import SessionLifetime, WebSession
from tests.api.world import World
from tests.web.conftest import client_of
from tests.web.pages import sign_in, text, token


def _cookie(client: FlaskClient) -> str | None:
    found = client.get_cookie("session")
    return found.value if found is not None else None


def _rows(engine: Engine) -> list[WebSession]:
    with make_sessionmaker(engine).begin() as session:
        return list(session.scalars(select(WebSession)))


def test_a_visitor_who_stores_nothing_gets_no_cookie(client: FlaskClient) -> None:
    assert client.get("/api/v1/health").status_code == 200
    assert _cookie(client) is None


def test_signing_in_rotates_the_session_id_and_the_old_one_signs_nobody_in(
    client: FlaskClient, world: World, web_engine: Engine, app: Flask
) -> None:
    client.get("/staff/sign-in")
    before = _cookie(client)
    assert sign_in(client, world.emails["supplier"]).status_code == 302
    after = _cookie(client)
    assert before is not None and after is not None and before != after
    stale = client_of(app)
    stale.set_cookie("session", before)
    assert stale.get("/staff/").status_code == 302  # back to the sign-in page
    assert client.get("/staff/", follow_redirects=True).status_code == 200


def test_the_database_keeps_only_the_digest_of_the_cookie(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    sign_in(client, world.emails["monitor"])
    sid = _cookie(client)
    assert sid is not None
    digests = {row.sid_sha256 for row in _rows(web_engine)}
    assert hashlib.sha256(sid.encode()).hexdigest() in digests
    assert sid not in digests


def test_the_cookie_is_http_only_and_same_site_lax_and_secure_when_configured(
    web_engine: Engine, world: World
) -> None:
    url = web_engine.url.render_as_string(hide_password=False)
    for secure in (False, True):
        app = create_app(
            Settings(database_url=url, session_cookie_secure=secure), engine=web_engine
        )
        answer = sign_in(client_of(app), world.emails["buyer"])
        cookie = answer.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure


def test_a_session_idle_too_long_has_ended(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    sign_in(client, world.emails["monitor"])
    sid = _cookie(client)
    assert sid is not None
    digest = hashlib.sha256(sid.encode()).hexdigest()
    with make_sessionmaker(web_engine).begin() as session:
        session.execute(
            update(WebSession)
            .where(WebSession.sid_sha256 == digest)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    page = client.get("/staff/", follow_redirects=True)
    assert "Your session has ended" in text(page)


def test_touching_a_session_never_takes_it_past_its_absolute_limit() -> None:
    lifetime = SessionLifetime(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
    created = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    assert lifetime.expiry(created, created) == datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
    late = datetime(2026, 12, 5, 19, 50, tzinfo=UTC)
    assert lifetime.expiry(created, late) == datetime(2026, 12, 5, 20, 0, tzinfo=UTC)


def test_a_session_past_its_absolute_limit_has_ended_however_busy(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    sign_in(client, world.emails["monitor"])
    sid = _cookie(client)
    assert sid is not None
    digest = hashlib.sha256(sid.encode()).hexdigest()
    long_ago = datetime.now(UTC) - timedelta(hours=13)
    with make_sessionmaker(web_engine).begin() as session:
        session.execute(
            update(WebSession)
            .where(WebSession.sid_sha256 == digest)
            .values(created_at=long_ago, last_seen_at=long_ago)
        )
    # Touching it recomputes the expiry from its creation: already past.
    client.get("/staff/", follow_redirects=True)
    assert client.get("/staff/").status_code == 302


def test_signing_out_deletes_the_stored_session_and_the_cookie(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    landing = client.get(sign_in(client, world.emails["buyer"]).location, follow_redirects=True)
    sid = _cookie(client)
    assert sid is not None
    answer = client.post("/staff/sign-out", data={"csrf_token": token(landing)})
    assert answer.status_code == 302
    digests = {row.sid_sha256 for row in _rows(web_engine)}
    assert hashlib.sha256(sid.encode()).hexdigest() not in digests
    assert "session=;" in answer.headers["Set-Cookie"]
    assert client.get("/staff/").status_code == 302


def test_a_signed_in_browser_gets_a_clear_503_while_the_database_is_down() -> None:
    # Nothing listens on port 1: every connection is refused, as when the server is down.
    unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    app = create_app(Settings(database_url=unreachable, secret_key="s"))
    browser = app.test_client()
    browser.set_cookie("session", "a" * 43)
    answer = browser.get("/staff/sign-in")
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.get_json()["title"] == "The database is not available"
