"""Web sessions kept in the database, behind Flask's `session`.

The cookie carries only a random id (HttpOnly, SameSite=Lax, Secure when configured);
the data, the user and the expiry live in `web_sessions` (ledger.web_sessions), so
every web worker sees the same sessions and signing out really ends one. Signing in
rotates the id, so an id planted before sign-in is worthless after it. A visitor who
never stores anything gets no cookie and no row.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, Request, Response
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from api.unit_of_work import unit_of_work
from ledger.web_sessions import (
    SessionLifetime,
    create_session,
    end_session,
    load_session,
    purge_expired_sessions,
    touch_session,
)

# A session seen within this long is not written again just to say it was seen.
TOUCH_EVERY = timedelta(seconds=60)
_SERIALIZER = TaggedJSONSerializer()
_LONGEST_ID = 100


class WebSession(CallbackDict[str, Any], SessionMixin):
    """The session of one browser: its data, and its user once signed in."""

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        sid: str | None = None,
        user_id: int | None = None,
        last_seen_at: datetime | None = None,
        *,
        expired: bool = False,
    ) -> None:
        def changed(_: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(data, changed)
        self.sid, self.user_id, self.last_seen_at = sid, user_id, last_seen_at
        #: A cookie came with the request, but its session has ended (or never was).
        self.expired = expired
        self.modified = self.rotate = self.ended = False

    def sign_in(self, user_id: int) -> None:
        """Start afresh for this user, under a new id."""
        self.clear()
        self.user_id, self.rotate, self.modified = user_id, True, True

    def end(self) -> None:
        """Sign out: the stored session is deleted and the cookie dropped."""
        self.clear()
        self.user_id, self.ended = None, True


def _lifetime(app: Flask) -> SessionLifetime:
    return SessionLifetime(
        app.config["SESSION_IDLE_TIMEOUT"], app.config["SESSION_ABSOLUTE_TIMEOUT"]
    )


class DatabaseSessionInterface(SessionInterface):
    """Flask sessions stored in `web_sessions`, found by the SHA-256 of the cookie's id."""

    def open_session(self, app: Flask, request: Request) -> WebSession:
        sid = request.cookies.get(self.get_cookie_name(app))
        if not sid:
            return WebSession()
        stored = None
        if len(sid) <= _LONGEST_ID:
            with unit_of_work() as session:
                stored = load_session(session, sid, datetime.now(UTC))
        if stored is None:
            return WebSession(expired=True)
        return WebSession(_SERIALIZER.loads(stored.data), sid, stored.user_id, stored.last_seen_at)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not isinstance(session, WebSession):
            return
        if session.accessed:
            response.vary.add("Cookie")
        now = datetime.now(UTC)
        if session.ended or (session.expired and session.sid is None and not session):
            self._forget(app, session, response)
            return
        if session.rotate or (session.sid is None and session.modified and session):
            self._start(app, session, response, now)
            return
        if session.sid is None:
            return
        stale = session.last_seen_at is None or now - session.last_seen_at >= TOUCH_EVERY
        if session.modified or stale:
            data = _SERIALIZER.dumps(dict(session)) if session.modified else None
            with unit_of_work() as db:
                expires = touch_session(db, session.sid, data, now, _lifetime(app))
            if expires is not None:
                self._set_cookie(app, response, session.sid, expires)

    def _start(self, app: Flask, session: WebSession, response: Response, now: datetime) -> None:
        data = _SERIALIZER.dumps(dict(session))
        with unit_of_work() as db:
            if session.sid is not None:
                end_session(db, session.sid)
            purge_expired_sessions(db, now)
            sid, expires = create_session(db, data, session.user_id, now, _lifetime(app))
        session.sid = sid
        self._set_cookie(app, response, sid, expires)

    def _forget(self, app: Flask, session: WebSession, response: Response) -> None:
        if session.sid is not None:
            with unit_of_work() as db:
                end_session(db, session.sid)
        response.delete_cookie(
            self.get_cookie_name(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )

    def _set_cookie(self, app: Flask, response: Response, sid: str, expires: datetime) -> None:
        response.set_cookie(
            self.get_cookie_name(app),
            sid,
            expires=expires,
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )
