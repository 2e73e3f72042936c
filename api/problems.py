"""Errors as `application/problem+json` (RFC 9457), translated in exactly this place.

Every exception that reaches Flask comes here, and each kind maps to one problem
type with a stable URI:

    ApiError                  raised by the API itself: 401, 403, 404, 409, 415
    werkzeug HTTPException    400 malformed body, 404/405 routing, 413 body too large
    marshmallow ValidationError   422 invalid-request, with the field messages
    LedgerError (and imports' errors)
     ├── UploadRejected / AllocationRefused / ProgramFileError   422, with `problems`
     ├── NotFound                                                404
     ├── IdempotencyConflict / ReversalRefused / RunSignedOff    409
     │   / StaleSignOff
     └── any other                                               422 rejected
    database unreachable          503 database-unavailable, with Retry-After: an
                                  OperationalError or InterfaceError (SQLAlchemy's or the
                                  driver's own) or any error on a connection that died
    sqlalchemy DataError          422 (a value the database cannot store, e.g. NUL)
    sqlalchemy IntegrityError     409 (a concurrent request recorded the same)
    anything else                 500, logged: a bug of ours, never the client's input
"""

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from flask import Flask, Response, current_app
from marshmallow import ValidationError
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from imports.allocation_sheet import AllocationRefused
from imports.errors import UploadRejected
from imports.program_file import ProgramFileError
from imports.reading import Problem
from ledger.errors import IdempotencyConflict, LedgerError, NotFound, ReversalRefused
from ledger.reconciliation_runs import RunSignedOff
from reports.sign_off import StaleSignOff

PROBLEM_BASE = "https://premium-ledger.example/problems/"
PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True, slots=True)
class ProblemType:
    """One kind of problem: its URI's last part, its title and HTTP status."""

    slug: str
    title: str
    status: int

    @property
    def uri(self) -> str:
        return PROBLEM_BASE + self.slug


MALFORMED = ProblemType("malformed-request", "The request could not be read", 400)
UNAUTHORIZED = ProblemType("unauthorized", "A valid bearer token is required", 401)
FORBIDDEN = ProblemType("forbidden", "Your role may not do this", 403)
NOT_FOUND = ProblemType("not-found", "No such resource", 404)
METHOD_NOT_ALLOWED = ProblemType("method-not-allowed", "Method not allowed here", 405)
CONFLICT = ProblemType("conflict", "The request conflicts with what is recorded", 409)
IDEMPOTENCY_MISMATCH = ProblemType(
    "idempotency-key-reused", "This Idempotency-Key was used for another request", 409
)
IDEMPOTENCY_RUNNING = ProblemType(
    "idempotency-key-in-use", "A request with this Idempotency-Key is still running", 409
)
TOO_LARGE = ProblemType("payload-too-large", "The request body is too large", 413)
UNSUPPORTED_MEDIA = ProblemType("unsupported-media-type", "Unsupported content type", 415)
INVALID_REQUEST = ProblemType("invalid-request", "The request has invalid fields", 422)
UPLOAD_REJECTED = ProblemType("upload-rejected", "The upload was refused", 422)
PROGRAM_FILE_REJECTED = ProblemType("program-file-rejected", "The program file was refused", 422)
ALLOCATION_REFUSED = ProblemType("allocation-refused", "The pool cannot be shared", 422)
REJECTED = ProblemType("rejected", "The request was refused", 422)
DATABASE_DOWN = ProblemType("database-unavailable", "The database is not available", 503)
INTERNAL = ProblemType("internal-error", "Something went wrong on our side", 500)

#: Seconds a client should wait before trying again when the database is unreachable.
RETRY_AFTER_SECONDS = 5
# The drivers' own errors too: where we talk to a driver directly (COPY on PostgreSQL).
_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    sqlite3.OperationalError,
    sqlite3.InterfaceError,
)


class ApiError(Exception):
    """A problem the API itself decides on (unauthenticated, forbidden, not found…)."""

    def __init__(self, problem: ProblemType, detail: str) -> None:
        self.problem = problem
        self.detail = detail
        super().__init__(detail)


def problem_response(
    problem: ProblemType, detail: str, extra: Mapping[str, Any] | None = None
) -> Response:
    """A problem+json response of this type."""
    body = {
        "type": problem.uri,
        "title": problem.title,
        "status": problem.status,
        "detail": detail,
        **(extra or {}),
    }
    response = Response(json.dumps(body, ensure_ascii=False), problem.status, mimetype=PROBLEM_JSON)
    if problem is UNAUTHORIZED:
        response.headers["WWW-Authenticate"] = 'Bearer realm="premium-ledger"'
    return response


def row_problems(problems: tuple[Problem, ...]) -> list[dict[str, object]]:
    """Row problems as the API lists them: sheet, row, column, value, reason."""
    return [
        {"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
        for p in problems
    ]


def translate(error: Exception) -> Response:
    """The one place where an exception becomes what the client is told."""
    original = error.original_exception if isinstance(error, InternalServerError) else None
    if isinstance(original, Exception):
        # Raised outside a view (opening the web session, say): judge what was raised.
        return translate(original)
    if isinstance(error, ApiError):
        return problem_response(error.problem, error.detail)
    if isinstance(error, HTTPException):
        return _http_problem(error)
    if isinstance(error, ValidationError):
        return problem_response(
            INVALID_REQUEST, "see `errors` for each field", {"errors": error.messages}
        )
    if isinstance(error, LedgerError):
        return _ledger_problem(error)
    if database_unavailable(error):
        response = problem_response(DATABASE_DOWN, "database unavailable, try again")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(error, DataError):  # e.g. a NUL character, which PostgreSQL cannot store
        return problem_response(REJECTED, "a value in the request cannot be stored")
    if isinstance(error, IntegrityError):  # a concurrent request recorded the same thing
        return problem_response(CONFLICT, "the request conflicts with a record made meanwhile")
    current_app.logger.exception("unexpected error", exc_info=error)
    return problem_response(INTERNAL, "the error was logged")


def database_unavailable(error: Exception) -> bool:
    """Whether the error says the database could not be reached or the connection died.

    Nothing of the request was committed then: its transaction dies with the connection.
    """
    if isinstance(error, _UNAVAILABLE):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _ledger_problem(error: LedgerError) -> Response:
    if isinstance(error, UploadRejected):
        problems = row_problems(error.problems)
        detail = f"{len(problems)} problem(s); nothing was posted"
        return problem_response(UPLOAD_REJECTED, detail, {"problems": problems})
    if isinstance(error, AllocationRefused):
        problems = row_problems(error.problems)
        return problem_response(
            ALLOCATION_REFUSED, f"{len(problems)} problem(s)", {"problems": problems}
        )
    if isinstance(error, ProgramFileError):
        listed = [{"reason": reason} for reason in error.problems]
        return problem_response(
            PROGRAM_FILE_REJECTED, f"{len(listed)} problem(s)", {"problems": listed}
        )
    if isinstance(error, NotFound):
        return problem_response(NOT_FOUND, str(error))
    if isinstance(error, IdempotencyConflict | ReversalRefused | RunSignedOff | StaleSignOff):
        return problem_response(CONFLICT, str(error))
    return problem_response(REJECTED, str(error))


_BY_STATUS = {
    problem.status: problem
    for problem in (
        MALFORMED,
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        CONFLICT,
        TOO_LARGE,
        UNSUPPORTED_MEDIA,
        INVALID_REQUEST,
    )
}


def _http_problem(error: HTTPException) -> Response:
    status = error.code or 500
    problem = _BY_STATUS.get(status) or ProblemType(
        "http-" + str(status), error.name or "HTTP error", status
    )
    response = problem_response(problem, error.description or problem.title)
    for name, value in error.get_headers():
        if name.lower() == "allow":  # 405 says which methods the resource has
            response.headers[name] = value
    return response


def register(app: Flask) -> None:
    """Every error of every request goes through `translate`."""
    app.register_error_handler(Exception, translate)
