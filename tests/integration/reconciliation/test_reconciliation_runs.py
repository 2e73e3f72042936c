"""Stored runs: a re-run keeps or reopens each finding's review; signed-off months get versions."""

import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from ledger.reconciliation_runs import (
    RunFinding,
    RunSignedOff,
    run_findings,
    run_json,
    run_recommendations,
    store_findings,
)
from ledger.sign_off import sign_off
from reconciliation.months import Month
from reconciliation.runs import RunOutcome, run_reconciliation
from tests.integration.reconciliation.stored import Books, stored_books

AUGUST = Month(2026, 8)
SIGNED_AT = datetime(2026, 9, 5, tzinfo=UTC)


def _unpaid_books(session: Session) -> Books:
    # B-1 never paid for a July purchase: BUYER_UNDERPAID of 120.00 in August.
    books = stored_books(session)
    books.purchase("2026-07-01", "120.00")
    return books


def _review(session: Session, outcome: RunOutcome, status: str, comment: str) -> None:
    session.execute(
        update(RunFinding)
        .where(RunFinding.run_id == outcome.run.id)
        .values(
            status=status,
            status_comment=comment,
            reviewed_by="monitor",
            reviewed_at=datetime(2026, 9, 2, tzinfo=UTC),
        )
    )


def test_a_run_stores_its_json_with_its_digest_and_its_findings_open(session: Session) -> None:
    books = _unpaid_books(session)
    outcome = run_reconciliation(session, books.code, AUGUST, "monitor")
    assert (outcome.run.month, outcome.run.version, outcome.new_version) == ("2026-08", 1, True)
    stored_json = run_json(session, outcome.run.id)
    assert stored_json == outcome.contract_json
    assert outcome.run.result_sha256 == hashlib.sha256(stored_json.encode()).hexdigest()
    [finding] = run_findings(session, outcome.run.id)
    assert (finding.code, finding.severity, finding.buyer, finding.supplier) == (
        "BUYER_UNDERPAID",
        "critical",
        "B-1",
        "S-1",
    )
    assert (finding.amount, finding.status, finding.reviewed_by) == (
        Decimal("120.00"),
        "open",
        None,
    )


def test_a_rerun_of_an_unsigned_month_keeps_the_review_of_an_unchanged_finding(
    session: Session,
) -> None:
    books = _unpaid_books(session)
    first = run_reconciliation(session, books.code, AUGUST, "monitor")
    _review(session, first, "acknowledged", "B-1 promised to pay")
    again = run_reconciliation(session, books.code, AUGUST, "someone else")
    assert (again.run.id, again.run.version, again.new_version) == (first.run.id, 1, False)
    assert again.run.run_by == "someone else"
    [finding] = run_findings(session, again.run.id)
    assert (finding.status, finding.status_comment, finding.reviewed_by) == (
        "acknowledged",
        "B-1 promised to pay",
        "monitor",
    )


def test_a_late_upload_that_changes_the_amount_reopens_the_finding_with_a_note(
    session: Session,
) -> None:
    books = _unpaid_books(session)
    first = run_reconciliation(session, books.code, AUGUST, "monitor")
    _review(session, first, "disputed", "B-1 says it paid")
    books.payment("2026-08-10", "20.00")
    again = run_reconciliation(session, books.code, AUGUST, "monitor")
    [finding, unconfirmed] = run_findings(session, again.run.id)
    assert unconfirmed.code == "PAYMENT_UNCONFIRMED"
    assert (finding.amount, finding.status, finding.reviewed_by) == (
        Decimal("100.00"),
        "open",
        None,
    )
    assert finding.status_comment == (
        "reopened: amount changed from 120.00 to 100.00; was disputed by monitor: B-1 says it paid"
    )


def test_a_finding_that_went_away_is_gone_and_a_new_one_is_open(session: Session) -> None:
    books = _unpaid_books(session)
    first = run_reconciliation(session, books.code, AUGUST, "monitor")
    _review(session, first, "resolved", "")
    books.payment("2026-08-10", "120.00", reference="ACH-9")
    again = run_reconciliation(session, books.code, AUGUST, "monitor")
    assert [(f.code, f.status) for f in run_findings(session, again.run.id)] == [
        ("PAYMENT_UNCONFIRMED", "open")
    ]


def test_a_signed_off_month_is_never_edited_and_a_rerun_adds_a_version(session: Session) -> None:
    books = _unpaid_books(session)
    first = run_reconciliation(session, books.code, AUGUST, "monitor")
    _review(session, first, "acknowledged", "")
    sign_off(session, first.run.id, "lead monitor", SIGNED_AT, "{}")
    signed_json = run_json(session, first.run.id)
    books.purchase("2026-07-02", "30.00")
    second = run_reconciliation(session, books.code, AUGUST, "monitor")
    assert (second.run.version, second.new_version) == (2, True)
    assert second.run.id != first.run.id and second.run.signed_off_at is None
    assert run_json(session, first.run.id) == signed_json
    [kept] = run_findings(session, first.run.id)
    assert (kept.amount, kept.status) == (Decimal("120.00"), "acknowledged")
    [reopened] = run_findings(session, second.run.id)
    assert (reopened.amount, reopened.status) == (Decimal("150.00"), "open")
    third = run_reconciliation(session, books.code, AUGUST, "monitor")
    assert (third.run.id, third.run.version) == (second.run.id, 2)


def test_a_signed_off_run_refuses_changes(session: Session) -> None:
    books = _unpaid_books(session)
    first = run_reconciliation(session, books.code, AUGUST, "monitor")
    sign_off(session, first.run.id, "lead monitor", SIGNED_AT, "{}")
    with pytest.raises(RunSignedOff, match="2026-08 version 1 is signed off"):
        store_findings(session, first.run.id, [])
    with pytest.raises(RunSignedOff):
        sign_off(session, first.run.id, "lead monitor", SIGNED_AT, "{}")


def test_standing_recommendations_are_stored_with_the_run(session: Session) -> None:
    books = stored_books(session)
    # S-1 holds a June payment past the deadline in July and August: suspension.
    books.purchase("2026-06-01", "100.00")
    books.payment("2026-06-01", "100.00")
    # S-2 first holds a July payment past the deadline in August: probation.
    books.purchase("2026-07-01", "50.00", supplier="S-2")
    books.payment("2026-07-01", "50.00", supplier="S-2")
    outcome = run_reconciliation(session, books.code, AUGUST, "monitor")
    recommended = run_recommendations(session, outcome.run.id)
    assert [(r.supplier, r.standing, r.recommended) for r in recommended] == [
        ("S-1", "good", "suspended"),
        ("S-2", "good", "probation"),
    ]
    assert recommended[0].reason.startswith("premium passed through late two months in a row")
    assert [(s.supplier, s.standing.value, s.since) for s in outcome.standings] == [
        ("S-1", "good", None),
        ("S-2", "good", None),
    ]
