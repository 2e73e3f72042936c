"""Report downloads from the month's page: the report in each format, and signed snapshots."""

from flask import Response
from werkzeug.exceptions import NotFound

from api.report_download import report_attachment
from api.unit_of_work import reading_work
from api.web.staff import REVIEWERS, requires, staff_blueprint
from ledger.participants import program_by_code
from ledger.reconciliation_runs import run_version
from ledger.sign_off import run_snapshot
from ledger.users import Principal
from reconciliation.months import Month
from reports.month_report import ReportFormat

blueprint = staff_blueprint("staff_reports", __name__)


@blueprint.get("/<program>/months/<month>/report.<fmt>")
@requires(REVIEWERS)
def month_report(who: Principal, program: str, month: str, fmt: str) -> Response:
    try:
        return report_attachment(program, Month.parse(month), ReportFormat(fmt))
    except ValueError:
        raise NotFound(f"no report {month} in {fmt!r}") from None


@blueprint.get("/<program>/months/<month>/versions/<int:version>/snapshot.json")
@requires(REVIEWERS)
def snapshot(who: Principal, program: str, month: str, version: int) -> Response:
    with reading_work() as session:
        found = program_by_code(session, program)
        run = run_version(session, found.id, month, version)
        if run is None or run.snapshot_sha256 is None:
            raise NotFound(f"{month} has no signed-off version {version}")
        text = run_snapshot(session, run.id)
    response = Response(text, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f"attachment; filename={program}-{month}-v{version}-signed.json"
    )
    response.headers["ETag"] = f'"{run.snapshot_sha256}"'
    return response
