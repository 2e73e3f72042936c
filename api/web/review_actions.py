"""What a monitor does to a month from the web pages: run it, review findings, sign it off.

Each action is one unit of work on the month's latest run, recorded under the person's
email. Sign-off goes through `sign_off_month` only, so that the call into the ledger
sits in this one place.
"""

from sqlalchemy.orm import Session

from api.unit_of_work import unit_of_work
from ledger.finding_review import ReviewRefused, review_finding
from ledger.participants import program_by_code
from ledger.reconciliation_runs import (
    FindingIdentity,
    FindingRecord,
    RunRecord,
    reconciled_month,
    run_findings,
)
from ledger.users import Principal
from reconciliation.months import Month
from reconciliation.runs import RunOutcome, run_reconciliation
from reports.sign_off import sign_off_month as sign_off_run


def by(who: Principal) -> str:
    """How a web action names who did it."""
    return f"{who.email} (web)"


def run_month(who: Principal, program: str, month: Month) -> RunOutcome:
    """Reconcile the month now and store the run (a new version if it was signed off)."""
    with unit_of_work() as session:
        return run_reconciliation(session, program, month, by(who))


def review(
    who: Principal,
    program: str,
    month: Month,
    number: int,
    seen: FindingIdentity,
    status: str,
    comment: str,
) -> FindingRecord:
    """Set the review status of finding `number` of the month's latest run.

    `seen` is the identity of the finding as the page showed it: a re-run since may have
    renumbered the findings, and a review must never land on another one.
    """
    with unit_of_work() as session:
        run = _latest_run(session, program, month)
        findings = run_findings(session, run.id)
        if not 1 <= number <= len(findings) or findings[number - 1].identity != seen:
            raise ReviewRefused(
                f"{month} was reconciled again since the page was shown: reload it and review"
                " the finding again"
            )
        return review_finding(session, run.id, number, status, comment, by(who))


def sign_off_month(
    who: Principal, program: str, month: Month, seen_sha256: str | None
) -> RunRecord:
    """Freeze the month's latest run with its report snapshot: it never changes again.

    `seen_sha256` is the run the page showed: a month re-run since is never signed unseen.
    """
    with unit_of_work() as session:
        return sign_off_run(session, program, month, by(who), expected_sha256=seen_sha256)


def _latest_run(session: Session, program: str, month: Month) -> RunRecord:
    return reconciled_month(session, program_by_code(session, program), str(month))
