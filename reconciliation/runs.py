"""Running a month's reconciliation for review: load, reconcile, store the run.

Every run is stored. A month not yet signed off is re-run in place: its
findings are replaced, each keeping its review where it is unchanged
(reconciliation.review_carry). A signed-off month is never touched again: a
re-run stores the next version beside it, carrying the reviews over from it
in the same way. The program is locked while it runs, so no upload lands
half-way through the reading and two runs of one month never interleave.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ledger.audit import record_event
from ledger.participants import program_by_code
from ledger.reconciliation_runs import (
    FindingRecord,
    RecommendationRecord,
    RunRecord,
    latest_run,
    run_findings,
    store_findings,
    store_run,
)
from reconciliation.findings import Finding
from reconciliation.json_output import render_json
from reconciliation.loader import load_books
from reconciliation.month import reconcile_month
from reconciliation.months import Month
from reconciliation.recommendation import Recommendation
from reconciliation.result import MonthResult
from reconciliation.review_carry import carry_reviews
from reconciliation.standing_review import StandingReview, review_standings


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What a run stored, the result it stored and each supplier's standing review."""

    run: RunRecord
    result: MonthResult
    contract_json: str
    standings: tuple[StandingReview, ...]
    new_version: bool


def run_reconciliation(
    session: Session, program_code: str, month: Month, run_by: str
) -> RunOutcome:
    """Reconcile the program's month as of its last day and store the run."""
    program = program_by_code(session, program_code, lock=True)
    books = load_books(session, program.id, month.last_day)
    result = reconcile_month(books, month)
    standings = review_standings(books, result)
    contract_json = render_json(result)
    latest = latest_run(session, program.id, str(month))
    # Read before storing: a re-run in place drops the old findings.
    previous = run_findings(session, latest.id) if latest is not None else []
    in_place = latest is not None and latest.signed_off_at is None
    run = store_run(
        session,
        program.id,
        str(month),
        run_by,
        contract_json,
        replacing=latest if in_place else None,
    )
    findings = [finding_record(finding) for finding in result.findings]
    store_findings(
        session,
        run.id,
        carry_reviews(previous, findings, result.currency_exponent),
        [
            _recommendation(review, review.recommendation)
            for review in standings
            if review.recommendation is not None
        ],
    )
    how = "re-run in place" if in_place else "new version"
    record_event(
        session,
        program.id,
        run_by,
        "reconciled",
        f"{month} version {run.version}",
        f"{how}; {len(findings)} findings; contract JSON sha256 {run.result_sha256}",
    )
    return RunOutcome(run, result, contract_json, standings, new_version=not in_place)


def finding_record(finding: Finding) -> FindingRecord:
    """A finding as stored: open, not yet reviewed."""
    return FindingRecord(
        code=finding.code.value,
        severity=finding.severity.value,
        buyer=finding.buyer,
        supplier=finding.supplier,
        worker=finding.worker,
        period=finding.period,
        amount=finding.amount,
        message=finding.message,
    )


def _recommendation(review: StandingReview, recommended: Recommendation) -> RecommendationRecord:
    return RecommendationRecord(
        supplier=review.supplier,
        standing=review.standing.value,
        recommended=recommended.recommended.value,
        reason=recommended.reason,
    )
