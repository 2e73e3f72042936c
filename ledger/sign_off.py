"""Signing off a month: the run's report is frozen as a snapshot with its SHA-256.

The snapshot is the report as the monitor signed it, stored byte for byte. The run, its
findings and recommendations are never changed after that — the database refuses it — and
a re-run of the month adds the next version beside it.
"""

import hashlib
from datetime import datetime

from sqlalchemy.orm import Session

from ledger.audit import record_event
from ledger.errors import NotFound
from ledger.reconciliation_runs import ReconciliationRun, RunRecord, run_record, unsigned_run


def sign_off(
    session: Session, run_id: int, signed_off_by: str, signed_off_at: datetime, snapshot: str
) -> RunRecord:
    """Freeze the run with the report snapshot the signer saw; refused if already signed."""
    run = unsigned_run(session, run_id)
    digest = hashlib.sha256(snapshot.encode()).hexdigest()
    run.signed_off_at, run.signed_off_by = signed_off_at, signed_off_by
    run.snapshot_json, run.snapshot_sha256 = snapshot, digest
    record_event(
        session,
        run.program_id,
        signed_off_by,
        "signed off",
        f"{run.month} version {run.version}",
        f"report snapshot sha256 {digest}",
    )
    session.flush()
    return run_record(run)


def run_snapshot(session: Session, run_id: int) -> str:
    """The report snapshot stored when the run was signed off, exactly."""
    run = session.get(ReconciliationRun, run_id)
    if run is None:
        raise NotFound(f"no reconciliation run {run_id}")
    if run.snapshot_json is None:
        raise NotFound(f"{run.month} version {run.version} is not signed off")
    return run.snapshot_json
