"""The public `/participants` page: participating buyers and suppliers, with locations.

The same register is served as JSON at `/participants.json`, to a request that prefers
`application/json`, and at `/api/v1/participants`.
"""

from flask import Blueprint, Response, jsonify, render_template, request

from api.schemas.participants import RegisterSchema
from api.v1.participants import register_today
from api.web.i18n import remember_language
from api.web.public_guards import protect

blueprint = Blueprint("participants", __name__, template_folder="templates")


@blueprint.after_request
def _public_headers(response: Response) -> Response:
    response.vary.add("Accept")
    return remember_language(protect(response, private=False))


@blueprint.get("/participants")
def page() -> Response | str:
    """The register as a page, or as JSON to a client that prefers it."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    if best == "application/json":
        return page_json()
    return render_template("public/participants.html", register=register_today()["programs"])


@blueprint.get("/participants.json")
def page_json() -> Response:
    """The register as JSON, shaped as `GET /api/v1/participants` answers."""
    return jsonify(RegisterSchema().dump(register_today()))
