"""Making a month's report: load the stored run and write it in one of the three formats.

The one use case both entrypoints call. XLSX lists every worker line of the
month, streamed from the database into the workbook as it is written; HTML and
JSON hold no worker lines, so they are rendered as text.
"""

from enum import StrEnum
from typing import IO

from sqlalchemy.orm import Session

from reconciliation.months import Month
from reports.html_report import HTML_MEDIA_TYPE, render_html_report
from reports.json_report import JSON_MEDIA_TYPE, render_json_report
from reports.loading import load_report
from reports.model import MonthReport
from reports.worker_lines import stream_worker_lines
from reports.xlsx_report import XLSX_MEDIA_TYPE, render_xlsx


class ReportFormat(StrEnum):
    """The formats a report is written in."""

    XLSX = "xlsx"
    HTML = "html"
    JSON = "json"

    @property
    def media_type(self) -> str:
        """The media type of a report in this format."""
        return {
            ReportFormat.XLSX: XLSX_MEDIA_TYPE,
            ReportFormat.HTML: HTML_MEDIA_TYPE,
            ReportFormat.JSON: JSON_MEDIA_TYPE,
        }[self]


def write_report(
    session: Session,
    program_code: str,
    month: Month,
    report_format: ReportFormat,
    out: IO[bytes],
    version: int | None = None,
) -> MonthReport:
    """Write the report of the program's month (latest run, or `version`) to `out`."""
    report, scope = load_report(session, program_code, month, version)
    if report_format is ReportFormat.XLSX:
        lines = stream_worker_lines(session, scope, month, report.findings)
        render_xlsx(report, lines, out)
    elif report_format is ReportFormat.HTML:
        out.write(render_html_report(report).encode())
    else:
        out.write(render_json_report(report).encode())
    return report


def report_filename(report: MonthReport, report_format: ReportFormat) -> str:
    """A file name that says whose month, which version and which format."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in report.program)
    return f"{safe}-{report.month}-v{report.run.version}.{report_format.value}"
