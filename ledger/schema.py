"""Every stored table of the books, gathered so migrations and tests see the whole schema."""

from sqlalchemy import MetaData

from ledger import (
    batches,
    books,
    job_runs,
    lines,
    overdue,
    participants,
    program_tables,
    reconciliation_runs,
    users,
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
    job_runs,
    overdue,
)

metadata: MetaData = Base.metadata
