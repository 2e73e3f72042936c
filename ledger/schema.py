"""Every stored table of the books, gathered so migrations and tests see the whole schema."""

from sqlalchemy import MetaData

from ledger import (
    audit,
    batches,
    books,
    complaints,
    job_runs,
    lines,
    lookup_limits,
    overdue,
    participants,
    pending_uploads,
    program_tables,
    reconciliation_runs,
    sign_in_throttle,
    users,
    web_sessions,
)
from ledger.orm import Base

TABLE_MODULES = (
    participants,
    program_tables,
    books,
    batches,
    lines,
    reconciliation_runs,
    users,
    audit,
    complaints,
    lookup_limits,
    web_sessions,
    sign_in_throttle,
    pending_uploads,
    job_runs,
    overdue,
)

metadata: MetaData = Base.metadata
