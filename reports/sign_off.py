"""Signing off a month: render the report snapshot the monitor signs and freeze the run.

The snapshot is the month's JSON report (reports.json_report) as it reads with the
sign-off in it: the run, its contract result, every finding's review, the totals and the
twelve-month series, byte for byte what `report --format json` printed for it.

Only a month's latest version can be unsigned (a re-run of an unsigned month replaces it
in place), so that is the one signed. A monitor who reviewed a particular run can name
the SHA-256 of its contract JSON: if the month was re-run since, the sign-off is refused
rather than put their name to figures they never saw.
"""

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from ledger.errors import LedgerError
from ledger.participants import program_by_code
from ledger.reconciliation_runs import RunRecord, RunSignedOff, reconciled_month
from ledger.sign_off import sign_off
from reconciliation.months import Month
from reports.json_report import render_json_report
from reports.loading import load_report


class StaleSignOff(LedgerError):
    """A sign-off naming a run the month no longer has: it was re-run since."""


def sign_off_month(
    session: Session,
    program_code: str,
    month: Month,
    signed_off_by: str,
    *,
    expected_sha256: str | None = None,
) -> RunRecord:
    """Sign off the month's latest run, storing the report snapshot and its SHA-256."""
    program = program_by_code(session, program_code, lock=True)
    run = reconciled_month(session, program, str(month))
    if run.signed_off_at is not None:
        raise RunSignedOff(
            f"{month} version {run.version} is signed off already;"
            f" re-run the month to make version {run.version + 1}"
        )
    if expected_sha256 is not None and expected_sha256.strip().lower() != run.result_sha256:
        raise StaleSignOff(
            f"{month} was re-run since you reviewed it (sha256 now {run.result_sha256}):"
            " review it again before signing off"
        )
    signed_at = datetime.now(UTC)
    report, _ = load_report(session, program.code, month, run.version)
    signed = replace(report.run, signed_off_at=signed_at, signed_off_by=signed_off_by)
    snapshot = render_json_report(replace(report, run=signed))
    return sign_off(session, run.id, signed_off_by, signed_at, snapshot)
