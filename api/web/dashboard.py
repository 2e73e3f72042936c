"""The monitor dashboard: the months and how each stands, overdue submissions, complaints."""

from datetime import UTC, datetime

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from api.reads.months import month_statuses
from api.reads.programs import list_parties
from api.unit_of_work import unit_of_work
from api.web.review_actions import run_month
from api.web.staff import REVIEWERS, requires, staff_blueprint
from ledger.complaints import list_complaints
from ledger.participants import program_by_code
from ledger.users import Principal
from reconciliation.months import Month
from reconciliation.overdue_checks import latest_overdue

blueprint = staff_blueprint("staff_dashboard", __name__)


@blueprint.get("/<program>/dashboard")
@requires(REVIEWERS)
def dashboard(who: Principal, program: str) -> ResponseReturnValue:
    with unit_of_work() as db:
        found = program_by_code(db, program)
        months = month_statuses(db, found)
        suppliers = list_parties(db, found, "supplier", datetime.now(UTC).date())
        overdue = latest_overdue(db, found.code)
        open_complaints = len(list_complaints(db, found.id, "open"))
    suggested = next((m.month for m in months if m.run is None), months[0].month if months else "")
    return render_template(
        "staff/dashboard.html",
        program=program,
        program_name=found.name,
        months=months,
        suppliers=suppliers,
        suggested=suggested,
        overdue=overdue,
        open_complaints=open_complaints,
    )


@blueprint.post("/<program>/reconciliations")
@requires(REVIEWERS)
def run_now(who: Principal, program: str) -> ResponseReturnValue:
    try:
        month = Month.parse(request.form.get("month", ""))
    except ValueError as wrong:
        flash(f"{wrong}.", "error")
        return redirect(url_for(".dashboard", program=program))
    outcome = run_month(who, program, month)
    found = len(outcome.result.findings)
    fresh = "a new version" if outcome.new_version else "the same version, re-run"
    flash(f"{month} reconciled: version {outcome.run.version} ({fresh}), {found} findings.", "ok")
    return redirect(url_for("staff_review.month", program=program, month=str(month)))
