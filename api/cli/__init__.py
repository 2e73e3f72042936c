"""The `premium-ledger` command line; each module adds its commands to the root group."""

from api.cli import (
    allocate,
    books,
    demo,
    export,
    overdue,
    programs,
    reconcile,
    report,
    review,
    scheduler,
    serve,
    standing,
    uploads,
    users,
)
from api.cli.group import main

__all__ = [
    "allocate",
    "books",
    "demo",
    "export",
    "main",
    "overdue",
    "programs",
    "reconcile",
    "report",
    "review",
    "scheduler",
    "serve",
    "standing",
    "uploads",
    "users",
]
