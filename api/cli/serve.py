"""`premium-ledger serve`: the HTTP API on gunicorn, a production WSGI server.

Settings are read once, here in the master process, and every worker builds its own
app (and database engine) from them after the fork: connections are never shared
across processes, and all workers sign cookies with the same key.
"""

from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

from api.app import create_app
from api.cli.context import AppContext, pass_app
from api.cli.group import main
from api.config import Settings


class LedgerServer(BaseApplication):  # type: ignore[misc]
    """gunicorn run from Python, configured by our options rather than its command line."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return create_app(self.settings)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@pass_app
def serve(app: AppContext, host: str, port: int, workers: int) -> None:
    """Serve the HTTP API (under /api/v1) with gunicorn."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "accesslog": "-",
        "errorlog": "-",
        # Uploads of up to 50 MB may take a while to import on a small machine.
        "timeout": 120,
    }
    LedgerServer(app.settings, options).run()
