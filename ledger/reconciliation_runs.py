"""Stored reconciliation runs: a program's month as reconciled, its findings and their review.

A run is one version of a month: the contract JSON it printed with its
SHA-256, who ran it and when, its findings with a review status each, and the
standing changes it recommended. Until a version is signed off, a re-run
replaces it in place; a signed-off version is frozen and a re-run adds the next
version beside it. The rules deciding what a re-run keeps live in
`reconciliation`; this module only stores and reads plain records.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from ledger.errors import LedgerError, NotFound
from ledger.orm import Amount, Base, Moment
from ledger.participants import Program

REVIEW_STATUSES = ("open", "acknowledged", "resolved", "disputed")
FindingIdentity = tuple[str, str | None, str | None, str | None, str | None]
Record = TypeVar("Record", "RunRecord", "FindingRecord", "RecommendationRecord")


class RunSignedOff(LedgerError):
    """A signed-off run, which is never changed again."""


class ReconciliationRun(Base):
    """One version of a program's month as reconciled; signed-off versions are frozen."""

    __tablename__ = "reconciliation_runs"
    __table_args__ = (
        UniqueConstraint("program_id", "month", "version"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey(Program.id))
    month: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer)
    run_at: Mapped[datetime] = mapped_column(Moment)
    run_by: Mapped[str] = mapped_column(String(200))
    result_json: Mapped[str] = mapped_column(Text)
    result_sha256: Mapped[str] = mapped_column(String(64))
    signed_off_at: Mapped[datetime | None] = mapped_column(Moment)
    signed_off_by: Mapped[str | None] = mapped_column(String(200))
    snapshot_json: Mapped[str | None] = mapped_column(Text)
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64))


class RunFinding(Base):
    """A finding of a run, in report order, with the monitor's review of it."""

    __tablename__ = "reconciliation_findings"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'acknowledged', 'resolved', 'disputed')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey(ReconciliationRun.id), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16))
    buyer: Mapped[str | None] = mapped_column(String(64))
    supplier: Mapped[str | None] = mapped_column(String(64))
    worker: Mapped[str | None] = mapped_column(String(100))
    period: Mapped[str | None] = mapped_column(String(21))
    amount: Mapped[Decimal] = mapped_column(Amount)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    status_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None] = mapped_column(Moment)


class RunRecommendation(Base):
    """A standing change a run recommended for a supplier, for a person to confirm."""

    __tablename__ = "reconciliation_recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey(ReconciliationRun.id), index=True)
    supplier: Mapped[str] = mapped_column(String(64))
    standing: Mapped[str] = mapped_column(String(16))
    recommended: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRecord:
    """A stored run as plain values (without its JSON text)."""

    id: int
    program_id: int
    month: str
    version: int
    run_at: datetime
    run_by: str
    result_sha256: str
    signed_off_at: datetime | None
    signed_off_by: str | None
    snapshot_sha256: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingRecord:
    """A stored finding as plain values: what was found and how it stands in review."""

    code: str
    severity: str
    buyer: str | None
    supplier: str | None
    worker: str | None
    period: str | None
    amount: Decimal
    message: str
    status: str = "open"
    status_comment: str = ""
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None

    @property
    def identity(self) -> FindingIdentity:
        """What makes it the same finding across re-runs: code, parties and period."""
        return (self.code, self.buyer, self.supplier, self.worker, self.period)


@dataclass(frozen=True, slots=True, kw_only=True)
class RecommendationRecord:
    """A stored standing recommendation as plain values."""

    supplier: str
    standing: str
    recommended: str
    reason: str


def latest_run(session: Session, program_id: int, month: str) -> RunRecord | None:
    """The newest version of the program's month, or None if it was never run."""
    run = session.scalars(
        select(ReconciliationRun)
        .where(ReconciliationRun.program_id == program_id, ReconciliationRun.month == month)
        .order_by(ReconciliationRun.version.desc())
        .limit(1)
    ).first()
    return run_record(run) if run is not None else None


def reconciled_month(session: Session, program: Program, month: str) -> RunRecord:
    """The month's latest version; refused (NotFound) if the month was never reconciled."""
    run = latest_run(session, program.id, month)
    if run is None:
        raise NotFound(f"{month} of {program.code} was never reconciled: reconcile {month} first")
    return run


def run_versions(session: Session, program_id: int, month: str) -> list[RunRecord]:
    """Every version of the program's month, oldest first."""
    runs = session.scalars(
        select(ReconciliationRun)
        .where(ReconciliationRun.program_id == program_id, ReconciliationRun.month == month)
        .order_by(ReconciliationRun.version)
    )
    return [run_record(run) for run in runs]


def run_version(session: Session, program_id: int, month: str, version: int) -> RunRecord | None:
    """One version of the program's month, or None if there is no such version."""
    run = session.scalars(
        select(ReconciliationRun).where(
            ReconciliationRun.program_id == program_id,
            ReconciliationRun.month == month,
            ReconciliationRun.version == version,
        )
    ).first()
    return run_record(run) if run is not None else None


def run_json(session: Session, run_id: int) -> str:
    """The contract JSON a run printed, exactly."""
    return _run(session, run_id).result_json


def run_findings(session: Session, run_id: int) -> list[FindingRecord]:
    """The run's findings in report order."""
    query = select(RunFinding).where(RunFinding.run_id == run_id).order_by(RunFinding.position)
    return [_plain(FindingRecord, row) for row in session.scalars(query)]


def run_recommendations(session: Session, run_id: int) -> list[RecommendationRecord]:
    """The run's standing recommendations, by supplier."""
    query = (
        select(RunRecommendation)
        .where(RunRecommendation.run_id == run_id)
        .order_by(RunRecommendation.supplier)
    )
    return [_plain(RecommendationRecord, row) for row in session.scalars(query)]


def store_run(
    session: Session,
    program_id: int,
    month: str,
    run_by: str,
    result_json: str,
    *,
    replacing: RunRecord | None = None,
) -> RunRecord:
    """Store a run: a re-run of `replacing` in place, else the month's next version.

    A re-run in place keeps the version and drops the old findings and
    recommendations; store the new ones with `store_findings`. Refuses to
    replace a signed-off version.
    """
    digest = hashlib.sha256(result_json.encode()).hexdigest()
    now = datetime.now(UTC)
    if replacing is not None:
        run = unsigned_run(session, replacing.id)
        run.run_at, run.run_by, run.result_json, run.result_sha256 = (
            now,
            run_by,
            result_json,
            digest,
        )
        session.execute(delete(RunFinding).where(RunFinding.run_id == run.id))
        session.execute(delete(RunRecommendation).where(RunRecommendation.run_id == run.id))
    else:
        latest = latest_run(session, program_id, month)
        version = latest.version + 1 if latest is not None else 1
        run = ReconciliationRun(
            program_id=program_id,
            month=month,
            version=version,
            run_at=now,
            run_by=run_by,
            result_json=result_json,
            result_sha256=digest,
        )
        session.add(run)
    session.flush()
    return run_record(run)


def store_findings(
    session: Session,
    run_id: int,
    findings: Sequence[FindingRecord],
    recommendations: Sequence[RecommendationRecord] = (),
) -> None:
    """Store a run's findings, in the given (report) order, and its recommendations."""
    unsigned_run(session, run_id)
    if findings:
        session.execute(
            insert(RunFinding),
            [{"run_id": run_id, "position": i, **asdict(f)} for i, f in enumerate(findings)],
        )
    if recommendations:
        session.execute(
            insert(RunRecommendation),
            [{"run_id": run_id, **asdict(r)} for r in recommendations],
        )


def _run(session: Session, run_id: int) -> ReconciliationRun:
    run = session.get(ReconciliationRun, run_id)
    if run is None:
        raise NotFound(f"no reconciliation run {run_id}")
    return run


def unsigned_run(session: Session, run_id: int) -> ReconciliationRun:
    """The run, locked for a change; refused if it is signed off."""
    run = session.get(ReconciliationRun, run_id, with_for_update=True)
    if run is None:
        raise NotFound(f"no reconciliation run {run_id}")
    if run.signed_off_at is not None:
        raise RunSignedOff(f"{run.month} version {run.version} is signed off and never changes")
    return run


def run_record(run: ReconciliationRun) -> RunRecord:
    """The run as plain values."""
    return _plain(RunRecord, run)


def _plain(record_type: type[Record], row: Base) -> Record:
    # The plain records name their fields as the columns they come from.
    return record_type(**{field.name: getattr(row, field.name) for field in fields(record_type)})
