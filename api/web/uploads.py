"""Uploads page for buyers and suppliers (and admins, for any party): check, then post.

The form is read with the API's own `UploadForm`; the check and the post are
api.web.upload_flow. Past batches list the party's own only (api.scopes rules).
"""

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from api.schemas.uploads import UploadForm
from api.web.staff import UPLOADERS, field_errors, form_fields, requires, staff_blueprint
from api.web.upload_flow import (
    KIND_LABELS,
    FileChoice,
    check_upload,
    post_checked,
    upload_page,
)
from imports.errors import UploadRejected
from ledger.users import Principal

blueprint = staff_blueprint("staff_uploads", __name__)
SHOWN_PROBLEMS = 500


def _form_page(
    who: Principal, program: str, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    page = upload_page(who, program, request.args.get("page", 1, type=int) or 1)
    shown = render_template(
        "staff/uploads.html", program=program, view=page, labels=KIND_LABELS, **extra
    )
    return shown, status


@blueprint.get("/<program>/uploads")
@requires(UPLOADERS)
def uploads(who: Principal, program: str) -> ResponseReturnValue:
    return _form_page(who, program)


def _refused(
    who: Principal, program: str, rejected: UploadRejected, kind: str = ""
) -> ResponseReturnValue:
    problems = rejected.problems
    shown = problems[:SHOWN_PROBLEMS]
    return _form_page(who, program, 422, problems=shown, total=len(problems), kind=kind)


def _choice(fields: dict[str, Any]) -> FileChoice:
    """The uploader's choices, read with the API's own upload form."""
    kind = str(fields.pop("kind", ""))
    form = UploadForm().load(fields)
    upload = form["file"]
    return FileChoice(
        kind,
        upload.filename or f"upload-{kind}",
        upload.read(),
        form.get("party"),
        form.get("supersedes"),
        form.get("sheet"),
    )


@blueprint.post("/<program>/uploads/check")
@requires(UPLOADERS)
def check(who: Principal, program: str) -> ResponseReturnValue:
    fields = form_fields()
    kind = str(fields.get("kind", ""))
    try:
        checked = check_upload(who, program, _choice(fields))
    except ValidationError as invalid:
        return _form_page(who, program, 422, errors=field_errors(invalid), kind=kind)
    except UploadRejected as rejected:
        return _refused(who, program, rejected, kind)
    return render_template(
        "staff/upload_checked.html", program=program, checked=checked, labels=KIND_LABELS
    )


@blueprint.post("/<program>/uploads/post")
@requires(UPLOADERS)
def post(who: Principal, program: str) -> ResponseReturnValue:
    file_id = request.form.get("file_id", type=int)
    sha256 = request.form.get("sha256", "")
    if file_id is None:
        return _form_page(who, program, 422, errors={"file": ["check the file first"]})
    try:
        result = post_checked(who, program, file_id, sha256)
    except UploadRejected as rejected:
        return _refused(who, program, rejected)
    page = render_template("staff/upload_posted.html", program=program, result=result)
    # Lookup codes of new workers are shown this once and must not linger in any cache.
    return page, 200, {"Cache-Control": "no-store"}
