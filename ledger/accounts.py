"""The contract account names of DESIGN.md §4; `:` separates levels as in hledger."""

from ledger.errors import LedgerError

SEPARATOR = ":"


class InvalidCode(LedgerError):
    """A party or worker code that cannot be part of an account name."""


def _part(code: str) -> str:
    text = code.strip()
    if not text or SEPARATOR in text:
        raise InvalidCode(f"{code!r} cannot be used in an account name")
    return text


def buyer_committed(buyer: str) -> str:
    """Minus all premium the buyer ever accrued."""
    return f"buyers:{_part(buyer)}:committed"


def payable(buyer: str, supplier: str) -> str:
    """Premium the buyer owes the supplier and has not paid."""
    return f"payable:{_part(buyer)}:{_part(supplier)}"


def supplier_held(supplier: str) -> str:
    """Premium the supplier received and has not passed on."""
    return f"suppliers:{_part(supplier)}:held"


def supplier_retained(supplier: str) -> str:
    """Premium the supplier kept for employer payroll taxes."""
    return f"suppliers:{_part(supplier)}:retained"


def worker(supplier: str, worker_id: str) -> str:
    """Premium the worker received from the supplier."""
    return f"workers:{_part(supplier)}:{_part(worker_id)}"


def matches_prefix(name: str, prefix: str) -> bool:
    """Whether the account is the prefix itself or below it (`payable:B` covers `payable:B:S`)."""
    prefix = prefix.rstrip(SEPARATOR)
    return name == prefix or name.startswith(prefix + SEPARATOR)
