"""The root click group; errors become a message and an exit code in exactly this place.

Exit codes (DESIGN.md §8): 0 success, 1 rejected input (a clear message, no
traceback), 2 usage errors.
"""

from typing import Any

import click
from sqlalchemy.exc import OperationalError

from api.cli.context import AppContext
from api.config import ConfigurationError
from ledger.errors import LedgerError

REJECTED = 1


class LedgerGroup(click.Group):
    """A group that turns the ledger's errors into a message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LedgerError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(REJECTED)
        except OperationalError as error:
            click.echo(f"error: the database is not available: {error.orig}", err=True)
            ctx.exit(REJECTED)
        except ConfigurationError as error:
            click.echo(f"error: configuration: {error}", err=True)
            ctx.exit(REJECTED)


@click.group(cls=LedgerGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Premium Ledger: the books of a worker-driven social responsibility premium program."""
    ctx.obj = AppContext()
    ctx.call_on_close(ctx.obj.close)
