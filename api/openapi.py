"""The OpenAPI 3 document, built from the routed endpoints' own declarations.

Each rule of the app whose view carries an `Operation` (api.routing) becomes a path
operation: parameters and bodies from its marshmallow schemas (apispec's marshmallow
plugin), its success statuses, and the problem+json errors it can answer with.
"""

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from werkzeug.routing import Rule

from api.problems import PROBLEM_JSON
from api.routing import JSON, MULTIPART, Operation
from api.schemas.common import ProblemSchema

TITLE = "Premium Ledger API"
VERSION = "1.0.0"
_PATH_PARAMETER = re.compile(r"<(?:([^:<>]+):)?(\w+)>")
_ERROR_TEXT = {
    400: "The request could not be read (malformed JSON, bad header)",
    401: "No valid bearer token",
    403: "The caller's role may not do this",
    404: "Not found, or not the caller's to see",
    409: "Conflicts with what is recorded, or an Idempotency-Key reused",
    413: "The request body is too large",
    415: "Unsupported content type",
    422: "Invalid fields, or input refused with its problems listed",
    503: "The database is not available",
}


def build_document(app: Flask) -> dict[str, Any]:
    """The OpenAPI document of every endpoint routed in the app."""
    spec = APISpec(
        title=TITLE,
        version=VERSION,
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Books of a worker-driven social responsibility premium program."},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", schema=ProblemSchema)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        operation: Operation | None = getattr(app.view_functions[rule.endpoint], "operation", None)
        if operation is not None:
            path = _PATH_PARAMETER.sub(r"{\2}", rule.rule)
            spec.path(path=path, operations={operation.method.lower(): _document(operation, rule)})
    return spec.to_dict()


def _document(operation: Operation, rule: Rule) -> dict[str, Any]:
    documented: dict[str, Any] = {
        "summary": operation.summary,
        "tags": [operation.tag],
        "operationId": rule.endpoint.replace(".", "_"),
        "parameters": _parameters(operation, rule),
        "responses": _responses(operation),
    }
    if operation.roles is not None:
        documented["security"] = [{"bearer": []}]
        documented["description"] = "Roles: " + ", ".join(sorted(operation.roles)) + "."
    if operation.media_types:
        documented["requestBody"] = {"required": True, "content": _request_content(operation)}
    return documented


def _parameters(operation: Operation, rule: Rule) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = []
    if operation.path is not None:
        parameters.append({"in": "path", "schema": operation.path})
    declared = set(operation.path().fields) if operation.path is not None else set()
    for converter, name in _PATH_PARAMETER.findall(rule.rule):
        if name not in declared:
            parameters.append(
                {"in": "path", "name": name, "required": True, "schema": _converted(converter)}
            )
    if operation.query is not None:
        parameters.append({"in": "query", "schema": operation.query})
    if operation.method == "POST" and operation.roles is not None:
        parameters.append(
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "schema": {"type": "string", "minLength": 1, "maxLength": 200},
                "description": "Same key and body: the first response again; other body: 409.",
            }
        )
    return parameters


def _converted(converter: str) -> dict[str, Any]:
    """The schema of a path parameter from its werkzeug converter."""
    if converter == "int":
        return {"type": "integer", "minimum": 0}
    if converter.startswith("any("):
        return {"type": "string", "enum": converter[4:-1].split(",")}
    return {"type": "string"}


def _request_content(operation: Operation) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if operation.body is not None:
        body: Any = operation.body
        if operation.many_body:
            body = {"type": "array", "items": operation.body, "minItems": 1}
        content[JSON] = {"schema": body}
    if operation.form is not None:
        content[MULTIPART] = {"schema": operation.form}
    for media_type in operation.raw:
        content[media_type] = {"schema": {"type": "string"}}
    return content


def _responses(operation: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {str(operation.status): _success(operation, "Success")}
    for status, description in operation.also.items():
        responses[str(status)] = _success(operation, description)
    for status in _error_statuses(operation):
        responses[str(status)] = {
            "description": _ERROR_TEXT[status],
            "content": {PROBLEM_JSON: {"schema": ProblemSchema}},
        }
    return responses


def _success(operation: Operation, description: str) -> dict[str, Any]:
    if operation.response is None and operation.produces == JSON:
        return {"description": description}
    if operation.response is None:
        produced = operation.produces
        return {
            "description": description,
            "content": {
                media_type: {"schema": _document_schema(media_type)}
                for media_type in ((produced,) if isinstance(produced, str) else produced)
            },
        }
    schema: Any = operation.response
    if operation.many:
        schema = {"type": "array", "items": operation.response}
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _document_schema(media_type: str) -> dict[str, Any]:
    """A produced document: a JSON object, or text or bytes of another type."""
    if media_type == JSON:
        return {"type": "object"}
    if media_type.startswith("text/"):
        return {"type": "string"}
    return {"type": "string", "format": "binary"}


def _error_statuses(operation: Operation) -> list[int]:
    statuses = set(operation.errors) | {503}
    if operation.roles is not None:
        # 422 too: a value the database cannot store (a NUL in a path) is refused as such.
        statuses |= {401, 403, 404, 422}
    if operation.path is not None or operation.query is not None:
        statuses.add(422)
    if operation.media_types:
        statuses |= {400, 413, 415, 422}
    if operation.method == "POST" and operation.roles is not None:
        statuses |= {400, 409}
    return sorted(statuses)
