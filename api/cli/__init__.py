"""The `premium-ledger` command line; each module adds its commands to the root group."""

from api.cli import books, programs, uploads
from api.cli.group import main

__all__ = ["books", "main", "programs", "uploads"]
