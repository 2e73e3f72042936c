"""Monthly reports over HTTP: a stored run as an XLSX, HTML or JSON attachment.

Monitors and admins only: a report shows every party's figures and every
worker line, which no buyer or supplier may see (api.scopes).
"""

import tempfile
from contextlib import ExitStack
from typing import Any

from flask import Blueprint, Response, request
from werkzeug.wsgi import wrap_file

from api.auth import REVIEWERS
from api.routing import endpoint
from api.schemas.reconciliation import MonthPath
from api.schemas.reports import ReportQuery
from api.scopes import check_program
from api.unit_of_work import reading_work
from ledger.users import Principal
from reconciliation.months import Month
from reports.month_report import ReportFormat, report_filename, write_report

blueprint = Blueprint("reports", __name__)
IN_MEMORY = 16 * 1024 * 1024  # larger reports are sent from their file


@endpoint(
    blueprint,
    "/programs/<program>/reports/<month>",
    method="GET",
    summary="The month's report (latest run, or `version`) as an XLSX, HTML or JSON attachment",
    tag="reconciliation",
    roles=REVIEWERS,
    path=MonthPath,
    query=ReportQuery,
    produces=tuple(f.media_type for f in ReportFormat),
)
def get_report(who: Principal, program: str, month: Month, query: dict[str, Any]) -> Response:
    check_program(who, program)
    report_format = ReportFormat(query["format"])
    # Written to a temporary file: a workbook of a large month runs to tens of megabytes.
    with ExitStack() as closing:
        out = closing.enter_context(tempfile.TemporaryFile())
        with reading_work() as session:
            made = write_report(
                session, program.strip(), month, report_format, out, query.get("version")
            )
        size = out.tell()
        out.seek(0)
        if size > IN_MEMORY:
            closing.pop_all()  # the response closes it once it is sent
        body = wrap_file(request.environ, out) if size > IN_MEMORY else out.read()
    filename = report_filename(made, report_format)
    response = Response(body, mimetype=report_format.media_type, direct_passthrough=True)
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    response.headers["Content-Length"] = str(size)
    return response
