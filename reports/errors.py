"""Why a report cannot be made; the entrypoints translate these like any ledger error.

LedgerError
 └── NotFound
      └── ReportRefused     a month never reconciled, or a version it does not have
"""

from ledger.errors import NotFound


class ReportRefused(NotFound):
    """A report of a run that does not exist: the month was never reconciled, or no such version."""
