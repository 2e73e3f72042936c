"""Version 1 of the JSON API under `/api/v1`: one blueprint per module, gathered here."""

from flask import Blueprint, Flask, Response, current_app, jsonify

from api.openapi import build_document
from api.v1 import (
    allocation,
    batches,
    books,
    complaints,
    health,
    overdue,
    participants,
    programs,
    reconciliation,
    reports,
    review,
    standing,
    uploads,
)

PREFIX = "/api/v1"
_MODULES = (
    health,
    programs,
    uploads,
    batches,
    books,
    reconciliation,
    review,
    standing,
    allocation,
    complaints,
    participants,
    overdue,
    reports,
)
_DOCUMENT = "premium_ledger.openapi"


def register(app: Flask) -> None:
    """Mount every v1 blueprint, and the OpenAPI document that describes them."""
    v1 = Blueprint("v1", __name__, url_prefix=PREFIX)
    for module in _MODULES:
        v1.register_blueprint(module.blueprint)
    v1.add_url_rule("/openapi.json", "openapi", _openapi_document)
    app.register_blueprint(v1)
    app.extensions[_DOCUMENT] = build_document(app)


def _openapi_document() -> Response:
    return jsonify(current_app.extensions[_DOCUMENT])
