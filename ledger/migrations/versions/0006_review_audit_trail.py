"""review audit trail

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 23:30:00

Adds sign-off snapshots, the audit trail, and guards that keep a signed-off run as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_audit_events_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_program_id_id", ["program_id", "id"], unique=False)
    with op.batch_alter_table("reconciliation_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snapshot_json", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("snapshot_sha256", sa.String(length=64), nullable=True))
    guards = _SQLITE_GUARDS if op.get_bind().dialect.name == "sqlite" else _POSTGRES_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in _POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_off_frozen ON {table}")
        op.execute(
            "DROP TRIGGER IF EXISTS reconciliation_runs_signed_off_frozen ON reconciliation_runs"
        )
        op.execute("DROP FUNCTION IF EXISTS ledger_guard_signed_run_rows()")
        op.execute("DROP FUNCTION IF EXISTS ledger_guard_signed_run()")
    with op.batch_alter_table("reconciliation_runs", schema=None) as batch_op:
        batch_op.drop_column("snapshot_sha256")
        batch_op.drop_column("snapshot_json")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_program_id_id")
    op.drop_table("audit_events")


# A signed-off run is the record a monitor put their name to: the database refuses to
# change or delete it, or its findings and recommendations, and refuses a sign-off that
# stores no snapshot. The audit trail is append-only like the books.

_RUN_ROWS = ("reconciliation_findings", "reconciliation_recommendations")
_SQLITE_TRIGGERS = (
    "reconciliation_runs_signed_off_update",
    "reconciliation_runs_signed_off_delete",
    "reconciliation_runs_sign_off_snapshot",
    *(
        f"{table}_signed_off_{action}"
        for table in _RUN_ROWS
        for action in ("insert", "update", "delete")
    ),
    "audit_events_no_update",
    "audit_events_no_delete",
)
_POSTGRES_TRIGGERS = _RUN_ROWS

_SIGNED = "(SELECT signed_off_at FROM reconciliation_runs WHERE id = {row}.run_id) IS NOT NULL"

_SQLITE_GUARDS = [
    """
    CREATE TRIGGER reconciliation_runs_signed_off_update BEFORE UPDATE ON reconciliation_runs
    WHEN OLD.signed_off_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'ledger guard: a signed-off run never changes'); END
    """,
    """
    CREATE TRIGGER reconciliation_runs_signed_off_delete BEFORE DELETE ON reconciliation_runs
    WHEN OLD.signed_off_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'ledger guard: a signed-off run never changes'); END
    """,
    """
    CREATE TRIGGER reconciliation_runs_sign_off_snapshot BEFORE UPDATE ON reconciliation_runs
    WHEN NEW.signed_off_at IS NOT NULL
      AND (NEW.snapshot_json IS NULL OR NEW.snapshot_sha256 IS NULL OR NEW.signed_off_by IS NULL)
    BEGIN SELECT RAISE(ABORT, 'ledger guard: a sign-off stores its snapshot and signer'); END
    """,
    *[
        f"""
        CREATE TRIGGER {table}_signed_off_{action.lower()} BEFORE {action} ON {table}
        WHEN {_SIGNED.format(row=row)}
        BEGIN SELECT RAISE(ABORT, 'ledger guard: a signed-off run never changes'); END
        """
        for table in _RUN_ROWS
        for action, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ],
    *[
        f"""
        CREATE TRIGGER audit_events_no_{action.lower()} BEFORE {action} ON audit_events
        BEGIN SELECT RAISE(ABORT, 'ledger guard: audit_events are append-only'); END
        """
        for action in ("UPDATE", "DELETE")
    ],
]

_POSTGRES_GUARDS = [
    """
    CREATE FUNCTION ledger_guard_signed_run() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.signed_off_at IS NOT NULL THEN
        RAISE EXCEPTION 'ledger guard: a signed-off run never changes'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'UPDATE' AND NEW.signed_off_at IS NOT NULL AND (NEW.snapshot_json IS NULL
          OR NEW.snapshot_sha256 IS NULL OR NEW.signed_off_by IS NULL) THEN
        RAISE EXCEPTION 'ledger guard: a sign-off stores its snapshot and signer'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER reconciliation_runs_signed_off_frozen
    BEFORE UPDATE OR DELETE ON reconciliation_runs
    FOR EACH ROW EXECUTE FUNCTION ledger_guard_signed_run()
    """,
    """
    CREATE FUNCTION ledger_guard_signed_run_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE run bigint;
    BEGIN
      IF TG_OP = 'INSERT' THEN run := NEW.run_id; ELSE run := OLD.run_id; END IF;
      IF (SELECT signed_off_at FROM reconciliation_runs WHERE id = run) IS NOT NULL THEN
        RAISE EXCEPTION 'ledger guard: a signed-off run never changes'
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$
    """,
    *[
        f"""
        CREATE TRIGGER {table}_signed_off_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION ledger_guard_signed_run_rows()
        """
        for table in _RUN_ROWS
    ],
    """
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
    """,
    """
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()
    """,
]
