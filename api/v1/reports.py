"""Monthly reports over HTTP: a stored run as an XLSX, HTML or JSON attachment.

Monitors and admins only: a report shows every party's figures and every
worker line, which no buyer or supplier may see (api.scopes).
"""

from typing import Any

from flask import Blueprint, Response

from api.auth import REVIEWERS
from api.report_download import report_attachment
from api.routing import endpoint
from api.schemas.reconciliation import MonthPath
from api.schemas.reports import ReportQuery
from api.scopes import check_program
from ledger.users import Principal
from reconciliation.months import Month
from reports.month_report import ReportFormat

blueprint = Blueprint("reports", __name__)


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
    return report_attachment(program, month, ReportFormat(query["format"]), query.get("version"))
