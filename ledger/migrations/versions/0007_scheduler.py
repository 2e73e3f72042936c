"""scheduler

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 23:30:00

Adds the scheduler's job runs and the overdue submissions it records.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ledger.orm

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUCCEEDED = sa.text("outcome = 'succeeded'")


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("fire_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=False),
        sa.CheckConstraint("outcome IN ('succeeded', 'failed')", name=op.f("ck_job_runs_outcome")),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_job_runs_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
    )
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.create_index("ix_job_runs_started_at", ["started_at"], unique=False)
        # The claim: one succeeded run per job, program and fire time.
        batch_op.create_index(
            "uq_job_runs_claim",
            ["job_id", "program_id", "fire_time"],
            unique=True,
            postgresql_where=_SUCCEEDED,
            sqlite_where=_SUCCEEDED,
        )

    op.create_table(
        "overdue_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_by", sa.String(length=200), nullable=False),
        sa.Column("job_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_run_id"], ["job_runs.id"], name=op.f("fk_overdue_checks_job_run_id_job_runs")
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_overdue_checks_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overdue_checks")),
    )
    with op.batch_alter_table("overdue_checks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_overdue_checks_program_as_of", ["program_id", "as_of"], unique=False
        )

    op.create_table(
        "overdue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("party", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=21), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("days_overdue", sa.Integer(), nullable=False),
        sa.Column("amount", ledger.orm.Amount(precision=20, scale=4), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint("days_overdue > 0", name=op.f("ck_overdue_items_days_overdue")),
        sa.CheckConstraint("kind IN ('payroll', 'purchases')", name=op.f("ck_overdue_items_kind")),
        sa.CheckConstraint("role IN ('buyer', 'supplier')", name=op.f("ck_overdue_items_role")),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["overdue_checks.id"],
            name=op.f("fk_overdue_items_check_id_overdue_checks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overdue_items")),
    )
    with op.batch_alter_table("overdue_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_overdue_items_check_id"), ["check_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("overdue_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overdue_items_check_id"))
    op.drop_table("overdue_items")
    with op.batch_alter_table("overdue_checks", schema=None) as batch_op:
        batch_op.drop_index("ix_overdue_checks_program_as_of")
    op.drop_table("overdue_checks")
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.drop_index("uq_job_runs_claim")
        batch_op.drop_index("ix_job_runs_started_at")
    op.drop_table("job_runs")
