"""The monitors' complaints queue: what workers said is wrong with their lines, and its handling."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from api.unit_of_work import unit_of_work
from api.web.staff import REVIEWERS, requires, staff_blueprint
from ledger.complaints import (
    COMPLAINT_STATUSES,
    ComplaintRefused,
    list_complaints,
    set_complaint_status,
)
from ledger.participants import program_by_code
from ledger.users import Principal

blueprint = staff_blueprint("staff_complaints", __name__)
LANGUAGES = {"en": "English", "es": "Español", "ht": "Kreyòl ayisyen"}


@blueprint.get("/<program>/complaints")
@requires(REVIEWERS)
def queue(who: Principal, program: str) -> ResponseReturnValue:
    shown = request.args.get("status", "open")
    status = shown if shown in COMPLAINT_STATUSES else None
    with unit_of_work() as session:
        found = program_by_code(session, program)
        complaints = list_complaints(session, found.id, status)
    return render_template(
        "staff/complaints.html",
        program=program,
        complaints=complaints,
        shown=status or "all",
        statuses=COMPLAINT_STATUSES,
        languages=LANGUAGES,
        currency=found.currency,
    )


@blueprint.post("/<program>/complaints/<int:complaint_id>")
@requires(REVIEWERS)
def handle(who: Principal, program: str, complaint_id: int) -> ResponseReturnValue:
    status, note = request.form.get("status", ""), request.form.get("note", "")
    try:
        with unit_of_work() as session:
            found = program_by_code(session, program)
            set_complaint_status(
                session, found.id, complaint_id, status, note, f"{who.email} (web)"
            )
    except ComplaintRefused as refused:
        flash(f"Complaint {complaint_id} was not changed: {refused}", "error")
    else:
        flash(f"Complaint {complaint_id} is now {status.replace('_', ' ')}.", "ok")
    return redirect(url_for(".queue", program=program, status=request.form.get("shown", "open")))
