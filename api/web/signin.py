"""Signing in and out of the staff pages, and where each role lands.

A sign-in checks the password unless the account or the address is locked after too
many failures (ledger.sign_in_throttle), then starts a new session under a new id.
Buyers and suppliers land on their uploads, monitors and admins on the dashboard. The
password is never logged nor sent back into the form.
"""

from datetime import UTC, datetime, timedelta

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from api.reads.programs import program_names
from api.unit_of_work import unit_of_work
from api.web.sessions import WebSession
from api.web.staff import EVERYONE, current_principal, requires, staff_blueprint
from ledger.sign_in_throttle import SignInPolicies, ThrottlePolicy, attempt_sign_in
from ledger.users import Principal

blueprint = staff_blueprint(
    "staff_auth", __name__, static_folder="static", static_url_path="/static"
)
POLICIES = SignInPolicies(
    account=ThrottlePolicy(limit=5, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
    address=ThrottlePolicy(limit=30, window=timedelta(minutes=15), lockout=timedelta(minutes=15)),
)


@blueprint.get("/sign-in")
def sign_in() -> ResponseReturnValue:
    if current_principal() is not None:
        return redirect(url_for(".home"))
    ended = isinstance(session, WebSession) and session.expired
    return render_template("staff/sign_in.html", next=_next(), ended=ended, email="")


@blueprint.post("/sign-in")
def sign_in_post() -> ResponseReturnValue:
    email = request.form.get("email", "").strip()
    now = datetime.now(UTC)
    with unit_of_work() as db:
        attempt = attempt_sign_in(
            db, email, request.form.get("password", ""), request.remote_addr or "", now, POLICIES
        )
    if attempt.principal is None:
        return _refused(email, attempt.locked_until, now)
    if isinstance(session, WebSession):
        session.sign_in(attempt.principal.user_id)
    return redirect(_next() or url_for(".home"))


def _refused(email: str, locked_until: datetime | None, now: datetime) -> ResponseReturnValue:
    if locked_until is None:
        error, status, headers = "The email or the password is not right.", 401, {}
    else:
        wait = max(1, int((locked_until - now).total_seconds()))
        error = (
            "Too many failed sign-ins. Sign-in is paused for this account or address"
            f" until {locked_until:%H:%M} UTC."
        )
        status, headers = 429, {"Retry-After": str(wait)}
    page = render_template("staff/sign_in.html", next=_next(), error=error, email=email)
    return page, status, headers


def _next() -> str | None:
    """Where to go after signing in: a staff page of this site, nothing else."""
    target = request.values.get("next", "")
    if target.startswith("/staff/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@blueprint.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    if isinstance(session, WebSession):
        session.end()
    return redirect(url_for(".sign_in"))


@blueprint.get("/")
@requires(EVERYONE)
def home(who: Principal) -> ResponseReturnValue:
    program = who.program_code
    if program is None:
        return redirect(url_for(".programs"))
    if who.role in ("buyer", "supplier"):
        return redirect(url_for("staff_uploads.uploads", program=program))
    return redirect(url_for("staff_dashboard.dashboard", program=program))


@blueprint.get("/programs")
@requires({"admin"})
def programs(who: Principal) -> ResponseReturnValue:
    with unit_of_work() as db:
        listed = program_names(db)
    if not listed:
        flash("No program is set up yet: load one with `premium-ledger program load`.")
    return render_template("staff/programs.html", programs=listed)
