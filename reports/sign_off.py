"""Signing off a month: render the report snapshot the monitor signs and freeze the run.

Only a month's latest version can be unsigned (a re-run of an unsigned month replaces it
in place), so that is the one signed. A monitor who reviewed a particular run can name
the SHA-256 of its contract JSON: if the month was re-run since, the sign-off is refused
rather than put their name to figures they never saw.
"""

import json
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from ledger.errors import LedgerError, NotFound
from ledger.money import format_amount
from ledger.participants import Program, program_by_code
from ledger.reconciliation_runs import (
    RunRecord,
    RunSignedOff,
    latest_run,
    run_findings,
    run_json,
)
from ledger.sign_off import sign_off
from reconciliation.months import Month


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
    run = latest_run(session, program.id, str(month))
    if run is None:
        raise NotFound(f"{month} of {program.code} was never reconciled: reconcile it first")
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
    signed = replace(run, signed_off_at=signed_at, signed_off_by=signed_off_by)
    snapshot = render_snapshot(session, program, signed)
    return sign_off(session, run.id, signed_off_by, signed_at, snapshot)


def render_snapshot(session: Session, program: Program, run: RunRecord) -> str:
    """The signed report as JSON: the run, its contract result and every finding's review."""
    findings = [
        {
            **asdict(finding),
            "number": number,
            "amount": format_amount(finding.amount, program.currency),
            "reviewed_at": _moment(finding.reviewed_at),
        }
        for number, finding in enumerate(run_findings(session, run.id), start=1)
    ]
    document: dict[str, Any] = {
        "program": program.code,
        "month": run.month,
        "version": run.version,
        "run_at": _moment(run.run_at),
        "run_by": run.run_by,
        "result_sha256": run.result_sha256,
        "signed_off_at": _moment(run.signed_off_at),
        "signed_off_by": run.signed_off_by,
        "result": json.loads(run_json(session, run.id)),
        "reviews": findings,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
