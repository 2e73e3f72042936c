"""A monitor's review of one finding: acknowledged, resolved or disputed, with a comment.

A finding of a signed-off run is never changed again; a resolution or a dispute needs a
comment saying why, since it closes or contests a shortfall someone may be owed. Every
review is recorded in the audit trail.
"""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.audit import record_event
from ledger.errors import LedgerError, NotFound
from ledger.reconciliation_runs import (
    REVIEW_STATUSES,
    FindingRecord,
    RunFinding,
    run_findings,
    unsigned_run,
)


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
    run = unsigned_run(session, run_id)
    finding = session.scalar(
        select(RunFinding).where(RunFinding.run_id == run_id, RunFinding.position == number - 1)
    )
    if finding is None:
        raise NotFound(f"{run.month} has no finding {number}")
    finding.status, finding.status_comment = status, comment.strip()
    finding.reviewed_by, finding.reviewed_at = reviewed_by, datetime.now(UTC)
    parties = " ".join(p for p in (finding.buyer, finding.supplier, finding.worker) if p)
    record_event(
        session,
        run.program_id,
        reviewed_by,
        f"finding {status}",
        f"{run.month} version {run.version} finding {number}",
        f"{finding.code} {parties}".strip() + (f": {finding.status_comment}" if comment else ""),
    )
    session.flush()
    return run_findings(session, run_id)[number - 1]
