"""The hidden token of a complaint form: proof that the form came from the worker's own page.

A worker does not sign in, so the form carries `issued.signature` where the signature is
an HMAC (SHA-256, keyed with the app's SECRET_KEY) of the lookup code and the time the
page was shown. Another site cannot forge one without the key and the code, and an old
page's form expires. Pure functions: the caller passes the key and the clock.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

MAX_AGE = timedelta(hours=2)


def issue_token(secret: str, code: str, now: datetime) -> str:
    """A token for forms on the page of this (normalised) lookup code, shown now."""
    issued = int(now.timestamp())
    return f"{issued}.{_signature(secret, code, issued)}"


def token_is_valid(secret: str, code: str, token: str, now: datetime) -> bool:
    """Whether the token was issued for this code by us, no longer than MAX_AGE ago."""
    issued_text, _, signature = token.partition(".")
    if not issued_text.isascii() or not issued_text.isdigit() or len(issued_text) > 12:
        return False
    issued = int(issued_text)
    age = int(now.timestamp()) - issued
    fresh = 0 <= age <= MAX_AGE.total_seconds()
    return hmac.compare_digest(signature, _signature(secret, code, issued)) and fresh


def _signature(secret: str, code: str, issued: int) -> str:
    message = f"complaint-form|{code}|{issued}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
