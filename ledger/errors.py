"""The ledger's error tree; entrypoints translate it for people in exactly one place.

LedgerError
 ├── InvalidAmount          money that is not exact, not a number or in no known currency
 ├── UnbalancedEntry        postings that do not sum to zero per currency
 ├── IdempotencyConflict    a key posted before with other content
 ├── ReversalRefused        a reversal of a reversal, or of an entry already reversed
 └── NotFound               a program, account or entry that does not exist
"""


class LedgerError(Exception):
    """Base of every error the ledger raises on purpose."""


class InvalidAmount(LedgerError):
    """An amount that is a float, not a number, too precise, or in an unknown currency."""


class UnbalancedEntry(LedgerError):
    """An entry whose postings do not sum to zero in every currency."""


class IdempotencyConflict(LedgerError):
    """An idempotency key that was already posted with different content."""


class ReversalRefused(LedgerError):
    """A reversal that would reverse a reversal or reverse an entry twice."""


class NotFound(LedgerError):
    """A program, account or entry that does not exist."""
