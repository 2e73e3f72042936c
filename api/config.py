"""Configuration from the environment, read in this one place."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_FILE = "premium-ledger.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an entrypoint needs to know about where it runs."""

    database_url: str


def database_url_from(environ: Mapping[str, str]) -> str:
    """`DATABASE_URL`, or a SQLite file in the working directory."""
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the process environment (or a given mapping, for tests)."""
    return Settings(database_url=database_url_from(os.environ if environ is None else environ))
