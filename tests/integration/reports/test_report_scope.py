"""A report shows its run as the run saw it: later uploads and supersedes change nothing.

Built straight into the line tables (tests.integration.reconciliation.stored)
and reconciled with the real use case; upload times are set explicitly, since
inside one test transaction every batch would otherwise carry its start time.
"""

import datetime as dt
import io
import json

import openpyxl
import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from ledger.batches import ImportBatch
from reconciliation.months import Month
from reconciliation.runs import run_reconciliation
from reports.errors import ReportRefused
from reports.json_report import render_json_report
from reports.loading import load_report
from reports.month_report import ReportFormat, write_report
from reports.sign_off import sign_off_month
from reports.worker_lines import stream_worker_lines
from tests.integration.reconciliation.stored import Books, stored_books

OCTOBER = Month(2026, 10)
PERIOD = "2026-10-05/2026-10-11"


def uploaded_at(books: Books, batch: ImportBatch, moment: dt.datetime) -> None:
    books.session.execute(
        update(ImportBatch).where(ImportBatch.id == batch.id).values(created_at=moment)
    )


def october(session: Session) -> Books:
    """S-1 is paid 100.00 on 2026-10-02 and pays two workers on 2026-10-16."""
    books = stored_books(session)
    books.payment("2026-10-02", "100.00")
    payroll = books.batch("payroll", "S-1")
    books.payroll(PERIOD, "2026-10-16", "50.00", worker="W-1", batch=payroll)
    books.payroll(PERIOD, "2026-10-16", "40.00", worker="W-2", batch=payroll)
    for batch in session.query(ImportBatch).filter_by(program_id=books.program.id):
        uploaded_at(books, batch, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    return books


def report_json(session: Session, books: Books, version: int | None = None) -> str:
    report, _ = load_report(session, books.code, OCTOBER, version)
    return render_json_report(report)


def worker_ids(session: Session, books: Books) -> list[str]:
    _, scope = load_report(session, books.code, OCTOBER)
    return [line.worker_id for line in stream_worker_lines(session, scope, OCTOBER, ())]


def test_an_upload_after_the_run_changes_nothing_in_its_report(session: Session) -> None:
    books = october(session)
    run_reconciliation(session, books.code, OCTOBER, "test")
    before = report_json(session, books)
    late = books.payroll(PERIOD, "2026-10-16", "30.00", worker="W-3")
    late_payment = books.payment("2026-10-20", "30.00")
    for batch in (late, late_payment):
        uploaded_at(books, batch, dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    assert report_json(session, books) == before
    assert worker_ids(session, books) == ["W-1", "W-2"]
    history = json.loads(before)["premium_history"][-1]
    assert (history["received"], history["passed_on"]) == ("100.00", "90.00")


def test_a_batch_superseded_after_the_run_still_counts_in_its_report(session: Session) -> None:
    books = october(session)
    old = books.payroll(PERIOD, "2026-10-16", "10.00", worker="W-9")
    uploaded_at(books, old, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    run_reconciliation(session, books.code, OCTOBER, "test")
    newer = books.batch("payroll", "S-1", supersedes=books.session.get(ImportBatch, old.id))
    uploaded_at(books, newer, dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    assert worker_ids(session, books) == ["W-1", "W-2", "W-9"]


def test_a_batch_superseded_before_the_run_counts_nowhere(session: Session) -> None:
    books = october(session)
    old = books.payroll(PERIOD, "2026-10-16", "10.00", worker="W-9")
    newer = books.batch("payroll", "S-1", supersedes=books.session.get(ImportBatch, old.id))
    for batch in (old, newer):
        uploaded_at(books, batch, dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    run_reconciliation(session, books.code, OCTOBER, "test")
    assert worker_ids(session, books) == ["W-1", "W-2"]
    history = json.loads(report_json(session, books))["premium_history"][-1]
    assert history["passed_on"] == "90.00"


def test_a_signed_off_version_is_reported_as_signed_after_a_re_run(session: Session) -> None:
    books = october(session)
    first = run_reconciliation(session, books.code, OCTOBER, "test").run
    sign_off_month(session, books.code, OCTOBER, "lead@example.org")
    run_reconciliation(session, books.code, OCTOBER, "test")
    signed = json.loads(report_json(session, books, version=1))["run"]
    latest = json.loads(report_json(session, books))["run"]
    assert (signed["version"], signed["signed_off_by"]) == (1, "lead@example.org")
    assert signed["sha256"] == first.result_sha256
    assert (latest["version"], latest["signed_off_by"]) == (2, None)


def test_a_version_the_month_does_not_have_is_refused(session: Session) -> None:
    books = october(session)
    run_reconciliation(session, books.code, OCTOBER, "test")
    with pytest.raises(ReportRefused, match="has no version 3"):
        load_report(session, books.code, OCTOBER, 3)


def test_a_month_never_reconciled_is_refused(session: Session) -> None:
    books = october(session)
    with pytest.raises(ReportRefused, match="reconcile 2026-10 first"):
        load_report(session, books.code, OCTOBER)


def test_formula_like_worker_names_arrive_in_the_workbook_as_text(session: Session) -> None:
    books = october(session)
    names = ['=HYPERLINK("http://evil.example","pay")', "+1", "-2", "@SUM(A1)"]
    for worker, name in zip(("W-1", "W-2"), names, strict=False):
        books.workers[("S-1", worker)].name = name
    books.payroll(PERIOD, "2026-10-16", "5.00", worker="-2")
    books.workers[("S-1", "-2")].name = "@SUM(A1)"
    session.flush()
    run_reconciliation(session, books.code, OCTOBER, "test")
    out = io.BytesIO()
    write_report(session, books.code, OCTOBER, ReportFormat.XLSX, out)
    sheet = openpyxl.load_workbook(out)["Worker lines"]
    rows = {(row[1].value, row[2].value): row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {("W-1", names[0]), ("W-2", "+1"), ("-2", "@SUM(A1)")}
    for row in rows.values():
        assert all(cell.data_type == "s" for cell in row[1:3])
        assert row[2].quotePrefix
    assert rows[("-2", "@SUM(A1)")][1].quotePrefix
