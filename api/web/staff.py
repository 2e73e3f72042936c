"""The staff area: what every page for people who sign in shares.

A staff blueprint lives under `/staff`, takes its templates from `templates/staff/`,
checks the CSRF token of every form it receives (api.web.csrf) and shows errors as HTML
pages — the API's problem+json translation decides the status and the words, so both
say the same. `requires(roles)` hands a view the signed-in person, or sends the browser
to the sign-in page; the party rules are the API's own (api.scopes).
"""

import functools
import json
from collections.abc import Callable, Collection
from datetime import datetime
from decimal import Decimal
from typing import Any, Concatenate, ParamSpec

from flask import (
    Blueprint,
    Response,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import Forbidden

from api import problems
from api.scopes import check_program
from api.unit_of_work import unit_of_work
from api.web.csrf import FIELD, CsrfRefused, check_csrf, csrf_token
from api.web.sessions import WebSession
from ledger.money import format_amount
from ledger.users import Principal, principal_for_user
from ledger.web_sessions import utc

P = ParamSpec("P")
StaffView = Callable[Concatenate[Principal, P], ResponseReturnValue]
SIGN_IN = "staff_auth.sign_in"
REVIEWERS = frozenset({"admin", "monitor"})
UPLOADERS = frozenset({"admin", "buyer", "supplier"})
EVERYONE = REVIEWERS | UPLOADERS
_POLICY = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)


def staff_blueprint(
    name: str,
    import_name: str,
    static_folder: str | None = None,
    static_url_path: str | None = None,
) -> Blueprint:
    """A blueprint of staff pages: CSRF-checked, HTML errors, templates under staff/."""
    blueprint = Blueprint(
        name,
        import_name,
        url_prefix="/staff",
        template_folder="templates",
        static_folder=static_folder,
        static_url_path=static_url_path,
    )
    blueprint.before_request(check_csrf)
    blueprint.after_request(_guard_page)
    blueprint.register_error_handler(Exception, error_page)
    blueprint.context_processor(_page_context)
    return blueprint


def _guard_page(response: Response) -> Response:
    """No framing (a hidden sign-off button under a decoy), no scripts, no caching of pages."""
    response.headers.setdefault("Content-Security-Policy", _POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not (request.endpoint or "").endswith(".static"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _page_context() -> dict[str, object]:
    return {"csrf_token": csrf_token, "who": g.get("staff_who"), "money": _money, "when": _when}


def _money(amount: Decimal, currency: str) -> str:
    return f"{format_amount(amount, currency)} {currency}"


def _when(moment: datetime | None) -> str:
    """A stored time as people read it, in UTC (SQLite hands back naive UTC times)."""
    return "" if moment is None else f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def current_principal() -> Principal | None:
    """The person signed in to this browser's session, if anyone is."""
    if "staff_who" not in g:
        user_id = session.user_id if isinstance(session, WebSession) else None
        who = None
        if user_id is not None:
            with unit_of_work() as db:
                who = principal_for_user(db, user_id)
        g.staff_who = who
    found: Principal | None = g.staff_who
    return found


def requires(
    roles: Collection[str],
) -> Callable[[StaffView[P]], Callable[P, ResponseReturnValue]]:
    """Give the view the signed-in person of one of `roles`; others are sent to sign in."""

    def decorate(view: StaffView[P]) -> Callable[P, ResponseReturnValue]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
            who = current_principal()
            if who is None:
                if isinstance(session, WebSession) and session.expired:
                    flash("Your session has ended. Please sign in again.")
                back = request.full_path.rstrip("?") if request.method == "GET" else None
                return redirect(url_for(SIGN_IN, next=back))
            if who.role not in roles:
                raise Forbidden(f"The {who.role} role may not open this page.")
            if "program" in kwargs:
                check_program(who, str(kwargs["program"]))
            return view(who, *args, **kwargs)

        return guarded

    return decorate


def form_fields() -> dict[str, Any]:
    """The posted form and files, leaving out empty fields, unchosen files and the token."""
    fields: dict[str, Any] = {k: v for k, v in request.form.items() if v.strip()}
    fields.update({k: f for k, f in request.files.items() if f.filename})
    fields.pop(FIELD, None)
    return fields


def field_errors(invalid: ValidationError) -> dict[str, list[str]]:
    """A form's field errors as the page lists them: field name → messages."""
    messages = (
        invalid.messages if isinstance(invalid.messages, dict) else {"form": invalid.messages}
    )
    return {
        str(field): [str(m) for m in (found if isinstance(found, list) else [found])]
        for field, found in messages.items()
    }


def error_page(error: Exception) -> ResponseReturnValue:
    """Any error of a staff page as an HTML page, worded as the API words it."""
    translated = problems.translate(error)
    body = json.loads(translated.get_data(as_text=True))
    page = render_template(
        "staff/error.html",
        status=translated.status_code,
        title="The form has expired" if isinstance(error, CsrfRefused) else body["title"],
        detail=body["detail"],
    )
    headers = {k: v for k, v in translated.headers.items() if k in ("Allow", "Retry-After")}
    return page, translated.status_code, headers
