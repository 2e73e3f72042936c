"""The worker's page: a lookup code's premium lines, and complaints about them.

`/w` asks for the code, `/w/<code>` shows the lines and `POST …/complaint` files a
complaint about one of them. No sign-in: the code is the key, so lookups are rate
limited, an unknown code gets the same kind of answer as a known one, and complaint
forms carry a token that only the worker's own page can have (api.web.complaint_tokens).
"""

from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from api.unit_of_work import unit_of_work
from api.web.complaint_tokens import issue_token, token_is_valid
from api.web.i18n import page_language, remember_language
from api.web.public_guards import check_lookup_limit, protect
from ledger.complaints import COMPLAINT_KINDS, MAX_TEXT, file_complaint
from ledger.errors import NotFound
from ledger.worker_lines import lines_of_code
from ledger.workers import normalize_code

blueprint = Blueprint("worker_pages", __name__, template_folder="templates")


@blueprint.after_request
def _private_headers(response: Response) -> Response:
    return remember_language(protect(response, private=True))


@blueprint.get("/w")
def lookup() -> ResponseReturnValue:
    """The form to type a code; a typed code goes to its page, in its normal form."""
    if "code" not in request.args:
        return render_template("public/lookup.html", error=None)
    code = normalize_code(request.args["code"])
    if not code:
        return render_template("public/lookup.html", error=_("Please type your code."))
    return redirect(url_for(".lines", code=code, lang=page_language()), 303)


@blueprint.get("/w/<code>")
def lines(code: str) -> ResponseReturnValue:
    """The code's premium lines, or a generic answer for a code nobody has."""
    if (refused := _too_many_tries()) is not None:
        return refused
    with unit_of_work() as session:
        found = lines_of_code(session, code, datetime.now(UTC).date())
    typed = normalize_code(code)
    secret = str(current_app.config["SECRET_KEY"])
    token = issue_token(secret, typed, datetime.now(UTC))
    page = render_template(
        "public/worker.html", code=typed, found=found, token=token, kinds=COMPLAINT_KINDS
    )
    return page, 200 if found is not None else 404


@blueprint.post("/w/<code>/lines/<int:line_id>/complaint")
def complain(code: str, line_id: int) -> ResponseReturnValue:
    """File the worker's complaint about one of their lines, then thank them."""
    if (refused := _too_many_tries()) is not None:
        return refused
    typed = normalize_code(code)
    secret = str(current_app.config["SECRET_KEY"])
    if not token_is_valid(secret, typed, request.form.get("token", ""), datetime.now(UTC)):
        return _message(_("This form is too old"), _("Open your page again."), typed, 400)
    kind, text = request.form.get("kind", ""), request.form.get("text", "")
    if kind not in COMPLAINT_KINDS or len(text) > MAX_TEXT:
        return _message(_("Please choose what is wrong"), _("Then send again."), typed, 400)
    try:
        with unit_of_work() as session:
            file_complaint(session, typed, line_id, kind, text, page_language())
    except NotFound:
        return _message(_("We could not find this line"), _("Open your page again."), typed, 404)
    return redirect(url_for(".thanks", code=typed, lang=page_language()), 303)


@blueprint.get("/w/<code>/thanks")
def thanks(code: str) -> str:
    """The confirmation of a complaint, in the worker's language."""
    return render_template("public/thanks.html", code=normalize_code(code))


def _too_many_tries() -> Response | None:
    verdict = check_lookup_limit()
    if verdict.allowed:
        return None
    minutes = max(1, -(-verdict.retry_after // 60))
    page = render_template("public/too_many.html", minutes=minutes)
    response = current_app.make_response((page, 429))
    response.headers["Retry-After"] = str(verdict.retry_after)
    return response


def _message(title: str, detail: str, code: str, status: int) -> tuple[str, int]:
    page = render_template("public/message.html", title=title, detail=detail, code=code)
    return page, status
