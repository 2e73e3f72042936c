"""A monitor's review of one finding: acknowledged, resolved or disputed, with a comment.

A finding of a signed-off run is never changed again; a resolution or a dispute needs a
comment saying why, since it closes or contests a shortfall someone may be owed.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.errors import LedgerError, NotFound
from ledger.reconciliation_runs import (
    FindingRecord,
    ReconciliationRun,
    RunFinding,
    RunSignedOff,
    run_findings,
)

REVIEW_STATUSES = ("open", "acknowledged", "resolved", "disputed")


class ReviewRefused(LedgerError):
    """A review that names no known status or lacks the comment it needs."""


def review_finding(
    session: Session, run_id: int, number: int, status: str, comment: str, reviewed_by: str
) -> FindingRecord:
    """Set the status of the run's finding number `number` (1 = first in the report)."""
    if status not in REVIEW_STATUSES:
        raise ReviewRefused(f"status {status!r} is not one of {', '.join(REVIEW_STATUSES)}")
    if status in ("resolved", "disputed") and not comment.strip():
        raise ReviewRefused(f"a finding is {status} with a comment saying why")
    run = session.get(ReconciliationRun, run_id, with_for_update=True)
    if run is None:
        raise NotFound(f"no reconciliation run {run_id}")
    if run.signed_off_at is not None:
        raise RunSignedOff(f"{run.month} version {run.version} is signed off and never changes")
    finding = session.scalar(
        select(RunFinding).where(RunFinding.run_id == run_id, RunFinding.position == number - 1)
    )
    if finding is None:
        raise NotFound(f"{run.month} has no finding {number}")
    finding.status, finding.status_comment = status, comment.strip()
    finding.reviewed_by, finding.reviewed_at = reviewed_by, datetime.now(UTC)
    session.flush()
    return run_findings(session, run_id)[number - 1]
