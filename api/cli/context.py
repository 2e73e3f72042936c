"""What every command shares: settings, and one database engine made on first use."""

import getpass

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.config import Settings, load_settings
from ledger.database import make_engine, make_sessionmaker


class AppContext:
    """Lazily opened database for one command invocation."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.settings.database_url)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @property
    def user(self) -> str:
        """Who runs the command, for the audit trail."""
        return getpass.getuser()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


pass_app = click.make_pass_decorator(AppContext)
