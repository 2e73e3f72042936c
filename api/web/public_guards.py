"""What every public page does before and after answering: rate limits and safe headers.

Lookups are limited per client address (`LOOKUP_LIMIT` attempts per
`LOOKUP_WINDOW_SECONDS`, shared by every server process through the database). The
address is `request.remote_addr`: behind a reverse proxy, set `TRUSTED_PROXIES` so that
ProxyFix takes the client's address from `X-Forwarded-For`, or every worker would share
the proxy's one limit. Only a keyed digest of the address is stored.

Worker pages are private: never cached, never named in a Referer header (the lookup code
is in the URL). Every public page forbids scripts, frames and foreign form targets.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from flask import Response, current_app, request

from api.unit_of_work import unit_of_work
from ledger.lookup_limits import Verdict, record_attempt

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def client_key() -> str:
    """An opaque key for the client's address: a digest keyed with the app's secret."""
    address = (request.remote_addr or "unknown").encode()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"lookup-client|" + address, hashlib.sha256).hexdigest()


def check_lookup_limit() -> Verdict:
    """Count this request as a lookup attempt of its client, or refuse it."""
    limit = int(current_app.config["LOOKUP_LIMIT"])
    window = timedelta(seconds=int(current_app.config["LOOKUP_WINDOW_SECONDS"]))
    with unit_of_work() as session:
        return record_attempt(session, client_key(), datetime.now(UTC), limit, window)


def protect(response: Response, *, private: bool) -> Response:
    """Add the headers every public page carries; private pages are never stored."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    if private:
        response.headers["Cache-Control"] = "no-store"
    else:
        response.headers["Cache-Control"] = "no-cache"
        response.vary.update(("Cookie", "Accept-Language"))
    return response
