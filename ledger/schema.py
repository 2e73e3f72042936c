"""Every stored table of the books, gathered so migrations and tests see the whole schema."""

from sqlalchemy import MetaData

from ledger import (
    batches,
    books,
    lines,
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
    web_sessions,
    sign_in_throttle,
    pending_uploads,
)

metadata: MetaData = Base.metadata
