"""Cross-site request forgery protection for the staff pages: one token per session.

Every form of a staff page carries the session's token in a hidden `csrf_token` field;
every POST, PUT, PATCH or DELETE reaching a staff blueprint must send it back, else it
is refused with a 400 page before the view runs. The token is made on first use and
dies with the session, so signing in (which starts a new session) gives a new one. The
public pages have their own scheme; this check is only installed on staff blueprints.
"""

import hmac
import secrets

from flask import request, session
from werkzeug.exceptions import BadRequest

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
_SESSION_KEY = "csrf"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfRefused(BadRequest):
    """A form sent without this session's token: expired, or not made by our page."""

    description = (
        "The form could not be accepted: it has expired or did not come from this site."
        " Go back, reload the page and send it again."
    )


def csrf_token() -> str:
    """The session's token, made on first use."""
    token = session.get(_SESSION_KEY)
    if not isinstance(token, str):
        token = session[_SESSION_KEY] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Refuse a state-changing request that does not carry the session's token."""
    if request.method not in _UNSAFE:
        return
    expected = session.get(_SESSION_KEY)
    sent = request.form.get(FIELD) or request.headers.get(HEADER, "")
    if not isinstance(expected, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfRefused()
