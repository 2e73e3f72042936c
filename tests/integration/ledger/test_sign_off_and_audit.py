"""A signed-off run is frozen by the database too, and every review step leaves an audit event."""

import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from ledger.audit import AuditEvent, audit_trail
from ledger.finding_review import review_finding
from ledger.reconciliation_runs import ReconciliationRun, RunFinding, run_versions
from ledger.sign_off import run_snapshot, sign_off
from reconciliation.books import Standing
from reconciliation.months import Month
from reconciliation.runs import RunOutcome, run_reconciliation
from reconciliation.standing_changes import set_standing
from tests.integration.reconciliation.stored import stored_books

AUGUST = Month(2026, 8)
SIGNED_AT = datetime(2026, 9, 5, 14, 30, tzinfo=UTC)
SNAPSHOT = '{"report": "as signed"}'


def _signed_run(session: Session) -> RunOutcome:
    books = stored_books(session)
    books.purchase("2026-07-01", "120.00")  # unpaid: one BUYER_UNDERPAID finding
    outcome = run_reconciliation(session, books.code, AUGUST, "monitor@example.org")
    review_finding(session, outcome.run.id, 1, "acknowledged", "", "monitor@example.org")
    sign_off(session, outcome.run.id, "lead@example.org", SIGNED_AT, SNAPSHOT)
    return outcome


def test_sign_off_stores_the_snapshot_with_its_sha256(session: Session) -> None:
    outcome = _signed_run(session)
    [run] = run_versions(session, outcome.run.program_id, "2026-08")
    assert (run.signed_off_by, run.signed_off_at) == ("lead@example.org", SIGNED_AT)
    assert run.snapshot_sha256 == hashlib.sha256(SNAPSHOT.encode()).hexdigest()
    assert run_snapshot(session, run.id) == SNAPSHOT


@pytest.mark.parametrize(
    "change",
    [
        update(ReconciliationRun).values(result_json="{}"),
        update(ReconciliationRun).values(snapshot_json="{}"),
        delete(ReconciliationRun),
        update(RunFinding).values(status="resolved"),
        delete(RunFinding),
    ],
    ids=["run json", "snapshot", "run deleted", "finding status", "finding deleted"],
)
def test_the_database_refuses_to_change_a_signed_off_run(session: Session, change: object) -> None:
    outcome = _signed_run(session)
    where = (
        ReconciliationRun.id == outcome.run.id
        if change.table.name == "reconciliation_runs"  # type: ignore[attr-defined]
        else RunFinding.run_id == outcome.run.id
    )
    with pytest.raises(DatabaseError, match="signed-off run never changes"):  # noqa: SIM117
        with session.begin_nested():
            session.execute(change.where(where))  # type: ignore[attr-defined]


def test_the_database_refuses_a_finding_added_to_a_signed_off_run(session: Session) -> None:
    outcome = _signed_run(session)
    row = {
        "run_id": outcome.run.id,
        "position": 5,
        "code": "BUYER_UNDERPAID",
        "severity": "critical",
        "amount": Decimal("1.00"),
        "message": "slipped in later",
        "status": "open",
        "status_comment": "",
    }
    with pytest.raises(DatabaseError, match="signed-off run never changes"):  # noqa: SIM117
        with session.begin_nested():
            session.execute(insert(RunFinding).values(**row))


def test_the_database_refuses_a_sign_off_without_a_snapshot(session: Session) -> None:
    books = stored_books(session)
    outcome = run_reconciliation(session, books.code, AUGUST, "monitor")
    with pytest.raises(DatabaseError, match="stores its snapshot"):  # noqa: SIM117
        with session.begin_nested():
            session.execute(
                update(ReconciliationRun)
                .where(ReconciliationRun.id == outcome.run.id)
                .values(signed_off_at=SIGNED_AT, signed_off_by="someone")
            )


def test_the_audit_trail_names_who_did_what_newest_first(session: Session) -> None:
    outcome = _signed_run(session)
    program_id = outcome.run.program_id
    events = [(e.actor, e.action, e.subject) for e in audit_trail(session, program_id)]
    assert events[:3] == [
        ("lead@example.org", "signed off", "2026-08 version 1"),
        ("monitor@example.org", "finding acknowledged", "2026-08 version 1 finding 1"),
        ("monitor@example.org", "reconciled", "2026-08 version 1"),
    ]
    signed = audit_trail(session, program_id, limit=1)[0]
    assert (
        signed.detail == f"report snapshot sha256 {hashlib.sha256(SNAPSHOT.encode()).hexdigest()}"
    )
    older = audit_trail(session, program_id, limit=2, before=signed.id)
    assert [e.action for e in older] == ["finding acknowledged", "reconciled"]


def test_a_standing_change_is_in_the_audit_trail(session: Session) -> None:
    books = stored_books(session)
    set_standing(
        session, books.code, "S-1", Standing.PROBATION, datetime(2026, 8, 1).date(), "late", "admin"
    )
    [event] = audit_trail(session, books.program.id)
    assert (event.actor, event.action, event.subject) == ("admin", "set standing", "supplier S-1")
    assert "good -> probation from 2026-08-01 (late)" in event.detail


def test_audit_events_cannot_be_edited_or_deleted(session: Session) -> None:
    outcome = _signed_run(session)
    for change in (update(AuditEvent).values(actor="nobody"), delete(AuditEvent)):
        with pytest.raises(DatabaseError, match="append-only"):  # noqa: SIM117
            with session.begin_nested():
                session.execute(change.where(AuditEvent.program_id == outcome.run.program_id))
    assert session.execute(text("SELECT count(*) FROM audit_events")).scalar_one() >= 3
