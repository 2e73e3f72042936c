"""Endpoints declared once: route, roles, input and output schemas, documented statuses.

`@endpoint(...)` registers a view on its blueprint and wraps it in the steps every
request takes: authenticate and check the role, load the query, body or form with
its marshmallow schema (a ValidationError becomes a 422 in api.problems), run the
view (POSTs under an Idempotency-Key through api.idempotency), dump the result with
the response schema. The same declaration feeds the OpenAPI document
(api.openapi), so the document describes what is routed.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Blueprint, Response, jsonify, request
from marshmallow import Schema
from werkzeug.datastructures import FileStorage

from api import idempotency
from api.auth import authenticate, require_role
from api.problems import UNSUPPORTED_MEDIA, ApiError

View = TypeVar("View", bound=Callable[..., Any])
JSON = "application/json"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True, slots=True)
class Reply:
    """A view's result with a status other than the endpoint's usual one, or headers."""

    data: Any
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """What one endpoint takes and answers."""

    method: str
    summary: str
    tag: str
    roles: frozenset[str] | None  # None: public
    path: type[Schema] | None = None
    query: type[Schema] | None = None
    body: type[Schema] | None = None  # JSON
    many_body: bool = False
    form: type[Schema] | None = None  # multipart/form-data
    raw: tuple[str, ...] = ()  # media types handed to the view as bytes (`data`)
    response: type[Schema] | None = None
    many: bool = False
    status: int = 200
    also: Mapping[int, str] = field(default_factory=dict)  # other success statuses
    errors: tuple[int, ...] = ()
    produces: str | tuple[str, ...] = JSON  # several: the view picks one (e.g. by a query)

    @property
    def media_types(self) -> tuple[str, ...]:
        """Request body types, in the order the document lists them."""
        return (*((JSON,) if self.body else ()), *((MULTIPART,) if self.form else ()), *self.raw)


def endpoint(blueprint: Blueprint, rule: str, **declared: Any) -> Callable[[View], View]:
    """Register the view at `rule` with the Operation these keywords declare."""
    operation = Operation(**declared)

    def register(view: View) -> View:
        def handle(**path: Any) -> Response:
            return _handle(operation, view, path)

        handle.operation = operation  # type: ignore[attr-defined]
        blueprint.add_url_rule(
            rule, view.__name__, handle, methods=[operation.method], strict_slashes=False
        )
        return view

    return register


def _handle(operation: Operation, view: Callable[..., Any], path: dict[str, Any]) -> Response:
    inputs = dict(path)
    who = None
    if operation.roles is not None:
        who = authenticate()
        require_role(who, operation.roles)
        inputs["who"] = who
    if operation.path is not None:
        inputs.update(operation.path().load(path))
    inputs.update(_inputs(operation))

    def produce() -> Response:
        return _respond(operation, view(**inputs))

    if who is not None and operation.method == "POST":
        return idempotency.run_idempotently(who, produce)
    return produce()


def _inputs(operation: Operation) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if operation.query is not None:
        found["query"] = operation.query().load(request.args.to_dict())
    if operation.media_types:
        found.update(_body(operation))
    return found


def _body(operation: Operation) -> dict[str, Any]:
    mimetype = request.mimetype
    if mimetype in operation.raw:
        return {"data": request.get_data()}
    if operation.form is not None and mimetype == MULTIPART:
        fields = {**request.form.to_dict(), **request.files.to_dict()}
        return {"form": operation.form().load(fields)}
    if operation.body is not None and mimetype == JSON:
        payload = request.get_json()  # malformed JSON: werkzeug's 400, as problem+json
        return {"body": operation.body(many=operation.many_body).load(payload)}
    accepted = " or ".join(operation.media_types)
    raise ApiError(UNSUPPORTED_MEDIA, f"send the body as {accepted}, not {mimetype or 'nothing'}")


def _respond(operation: Operation, result: Any) -> Response:
    if isinstance(result, Response):
        return result
    reply = result if isinstance(result, Reply) else Reply(result, operation.status)
    if operation.response is None:
        response = Response(status=reply.status)
    else:
        body = operation.response(many=operation.many).dump(reply.data)
        response = jsonify(body)
        response.status_code = reply.status
    response.headers.update(reply.headers)
    return response


def file_bytes(form: Mapping[str, Any] | None, name: str = "file") -> bytes:
    """The content of a file part of a loaded multipart form."""
    if form is None:
        raise ApiError(UNSUPPORTED_MEDIA, "send the file as a multipart/form-data part")
    upload: FileStorage = form[name]
    content: bytes = upload.read()
    return content
