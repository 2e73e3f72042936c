"""`Idempotency-Key` on POST: a retried request gets the first response again.

The key is claimed (stored with the request's SHA-256 and no response yet) before
the request runs, and its response is kept after: the same key and request again →
that response, marked `Idempotent-Replayed: true`; the same key with another request
→ 409; the same key while the first request still runs → 409. A request that fails
with an error, or on our side (5xx), gives the key back so that it can be retried.

A response marked `Cache-Control: no-store` holds secrets shown only once (worker
lookup codes, tokens); it is never stored, and a replay answers 409 saying so.
Multipart requests are hashed by their fields and files, not their bytes: clients
draw a new boundary on every try.
"""

import hashlib
from collections.abc import Callable

from flask import Response, request

from api.problems import (
    IDEMPOTENCY_MISMATCH,
    IDEMPOTENCY_RUNNING,
    MALFORMED,
    ApiError,
    ProblemType,
    problem_response,
)
from api.unit_of_work import unit_of_work
from ledger.users import Principal, StoredResponse, claim_key, keep_response, release_key
from ledger.users import stored_response as find_stored

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
SECRET_WITHHELD = ProblemType(
    "idempotent-secret-withheld", "The first response held secrets shown only once", 409
)


def run_idempotently(who: Principal, produce: Callable[[], Response]) -> Response:
    """Run the request once per key; later tries get the kept response."""
    key = request.headers.get(HEADER)
    if key is None:
        return produce()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ApiError(MALFORMED, f"an {HEADER} has 1 to {MAX_KEY_LENGTH} characters")
    digest = request_digest()
    with unit_of_work() as session:
        kept = find_stored(session, who.user_id, key)
        claimed = kept is None and claim_key(session, who.user_id, key, digest)
        if not claimed and kept is None:  # another request claimed it just now
            kept = find_stored(session, who.user_id, key)
    if kept is not None:
        return _replay(kept, digest)
    return _first_run(who, key, produce)


def _first_run(who: Principal, key: str, produce: Callable[[], Response]) -> Response:
    try:
        response = produce()
    except BaseException:
        with unit_of_work() as session:
            release_key(session, who.user_id, key)
        raise
    with unit_of_work() as session:
        if response.status_code >= 500:
            release_key(session, who.user_id, key)
        else:
            kept = response if "no-store" not in response.cache_control else _withheld(response)
            body = kept.get_data()
            keep_response(
                session, who.user_id, key, kept.status_code, kept.content_type or "", body
            )
    return response


def _withheld(response: Response) -> Response:
    detail = (
        f"the request was carried out (status {response.status_code}); its response held"
        " secrets that are shown once and never stored, so it cannot be repeated"
    )
    return problem_response(SECRET_WITHHELD, detail)


def _replay(kept: StoredResponse, digest: str) -> Response:
    if kept.request_sha256 != digest:
        raise ApiError(IDEMPOTENCY_MISMATCH, "use a new key for a different request")
    if kept.status is None:
        raise ApiError(IDEMPOTENCY_RUNNING, "wait for the first request to finish")
    response = Response(kept.body, kept.status, content_type=kept.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def request_digest() -> str:
    """SHA-256 of what makes two requests the same: method, path, query and content."""
    digest = hashlib.sha256()
    query = "&".join(f"{k}={v}" for k, v in sorted(request.args.items(multi=True)))
    digest.update(f"{request.method} {request.path}?{query}\n{request.mimetype}\n".encode())
    if request.mimetype == "multipart/form-data":
        for name, value in sorted(request.form.items(multi=True)):
            digest.update(f"field {name}={value}\n".encode())
        for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
            content = upload.stream.read()
            upload.stream.seek(0)
            file_digest = hashlib.sha256(content).hexdigest()
            digest.update(f"file {name} {upload.filename} {file_digest}\n".encode())
    else:
        digest.update(request.get_data())
    return digest.hexdigest()
