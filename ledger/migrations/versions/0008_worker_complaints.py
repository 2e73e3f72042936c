"""worker complaints

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 23:30:00

Adds complaints workers file about their premium lines, and lookup rate limits.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lookup_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookup_attempts")),
    )
    with op.batch_alter_table("lookup_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lookup_attempts_attempted_at"), ["attempted_at"], unique=False
        )
        batch_op.create_index(
            "ix_lookup_attempts_client_at", ["client", "attempted_at"], unique=False
        )

    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("payroll_line_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_note", sa.Text(), nullable=False),
        sa.Column("status_by", sa.String(length=200), nullable=True),
        sa.Column("status_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('premium_missing', 'wrong_hours', 'wrong_amount', 'other')",
            name=op.f("ck_complaints_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'in_review', 'closed')", name=op.f("ck_complaints_status")
        ),
        sa.ForeignKeyConstraint(
            ["payroll_line_id"],
            ["payroll_lines.id"],
            name=op.f("fk_complaints_payroll_line_id_payroll_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_complaints_program_id_programs")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_complaints_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaints_payroll_line_id"), ["payroll_line_id"], unique=False
        )
        batch_op.create_index(
            "ix_complaints_program_status", ["program_id", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_complaints_program_status")
        batch_op.drop_index(batch_op.f("ix_complaints_payroll_line_id"))
    op.drop_table("complaints")
    with op.batch_alter_table("lookup_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_lookup_attempts_client_at")
        batch_op.drop_index(batch_op.f("ix_lookup_attempts_attempted_at"))
    op.drop_table("lookup_attempts")
