"""A month's review: its findings by severity with filters, review actions and sign-off.

Findings are numbered as the API numbers them; a review form names the finding's
identity too, so that a re-run in between cannot move a review onto another finding
(api.web.review_actions). Report downloads are linked only where a staff report route
is registered, so no link leads nowhere.
"""

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import NotFound

from api.reads.months import SEVERITIES, MonthReview, month_review
from api.unit_of_work import unit_of_work
from api.web.review_actions import review, sign_off_month
from api.web.staff import REVIEWERS, requires, staff_blueprint
from ledger.finding_review import ReviewRefused
from ledger.participants import program_by_code
from ledger.reconciliation_runs import REVIEW_STATUSES, FindingIdentity, FindingRecord, RunSignedOff
from ledger.users import Principal
from reconciliation.months import Month
from reports.sign_off import StaleSignOff

blueprint = staff_blueprint("staff_review", __name__)
#: The staff route the reports engineer's work is wired to: (program, month, fmt).
REPORT_ENDPOINT = "staff_reports.month_report"
REPORT_FORMATS = ("html", "xlsx", "json")
FILTERS = ("severity", "code", "supplier", "status")


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """The filters of the findings table; an empty value lets everything through."""

    values: dict[str, str]

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> "FindingFilter":
        return cls({name: args.get(name, "").strip() for name in FILTERS})

    def admits(self, finding: FindingRecord) -> bool:
        return all(
            not wanted or (getattr(finding, name) or "") == wanted
            for name, wanted in self.values.items()
        )


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError:
        raise NotFound(f"{text!r} is not a month written as YYYY-MM") from None


def report_links(program: str, month: str) -> list[tuple[str, str]]:
    """(format, URL) of the month's report downloads."""
    return [
        (fmt, url_for(REPORT_ENDPOINT, program=program, month=month, fmt=fmt))
        for fmt in REPORT_FORMATS
    ]


@blueprint.get("/<program>/months/<month>")
@requires(REVIEWERS)
def month(who: Principal, program: str, month: str) -> ResponseReturnValue:
    parsed = str(_month(month))
    with unit_of_work() as db:
        found = program_by_code(db, program)
        shown = month_review(db, found, parsed)
    return render_template(
        "staff/month.html",
        program=program,
        currency=found.currency,
        review=shown,
        reports=report_links(program, parsed),
        back=request.full_path.rstrip("?"),
        **_findings_table(shown, FindingFilter.from_args(request.args)),
    )


def _findings_table(shown: MonthReview, chosen: FindingFilter) -> dict[str, object]:
    """The findings the filter lets through, the filter's choices, and the month's counts."""
    every = [finding for _, finding in shown.findings]
    options = {
        name: sorted({value for f in every if (value := getattr(f, name))})
        for name in ("code", "supplier")
    }
    return {
        "findings": [(n, f) for n, f in shown.findings if chosen.admits(f)],
        "chosen": chosen.values,
        "options": {**options, "severity": SEVERITIES, "status": REVIEW_STATUSES},
        "counts": {s: sum(1 for f in every if f.severity == s) for s in SEVERITIES},
        "still_open": sum(1 for f in every if f.status == "open"),
    }


@blueprint.post("/<program>/months/<month>/findings/<int:number>")
@requires(REVIEWERS)
def review_one(who: Principal, program: str, month: str, number: int) -> ResponseReturnValue:
    status, comment = request.form.get("status", ""), request.form.get("comment", "")
    try:
        review(who, program, _month(month), number, _seen(), status, comment)
    except (ReviewRefused, RunSignedOff) as refused:
        flash(f"Finding {number} was not changed: {refused}", "error")
    else:
        flash(f"Finding {number} is now {status}.", "ok")
    return redirect(_back(program, month) + f"#finding-{number}")


@blueprint.post("/<program>/months/<month>/sign-off")
@requires(REVIEWERS)
def sign_off(who: Principal, program: str, month: str) -> ResponseReturnValue:
    try:
        run = sign_off_month(who, program, _month(month), request.form.get("sha256") or None)
    except (RunSignedOff, StaleSignOff) as refused:
        flash(f"Not signed off: {refused}.", "error")
    else:
        flash(f"{run.month} version {run.version} signed off by {run.signed_off_by}.", "ok")
    return redirect(_back(program, month))


def _seen() -> FindingIdentity:
    """The identity of the finding as the page showed it (hidden fields of its form)."""

    def part(name: str) -> str | None:
        return request.form.get(name) or None

    return (
        request.form.get("code", ""),
        part("buyer"),
        part("supplier"),
        part("worker"),
        part("period"),
    )


def _back(program: str, month: str) -> str:
    """The page the form was on (with its filters), if it is this month's page."""
    page = url_for(".month", program=program, month=month)
    back = request.form.get("back", "")
    return back if back.startswith(page + "?") or back == page else page
