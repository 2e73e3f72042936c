"""A month's report as a download, for the API and the web pages alike.

Written to a temporary file first: a workbook of a large month runs to tens of
megabytes, so it is sent from the file rather than held in memory.
"""

import tempfile
from contextlib import ExitStack

from flask import Response, request
from werkzeug.wsgi import wrap_file

from api.unit_of_work import reading_work
from reconciliation.months import Month
from reports.month_report import ReportFormat, report_filename, write_report

IN_MEMORY = 16 * 1024 * 1024  # larger reports are sent from their file


def report_attachment(
    program: str, month: Month, report_format: ReportFormat, version: int | None = None
) -> Response:
    """The report of the program's month (latest run, or `version`) as an attachment."""
    with ExitStack() as closing:
        out = closing.enter_context(tempfile.TemporaryFile())
        with reading_work() as session:
            made = write_report(session, program.strip(), month, report_format, out, version)
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
