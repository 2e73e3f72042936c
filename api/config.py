"""Configuration from the environment, read in this one place.

| variable | default | meaning |
|---|---|---|
| `DATABASE_URL` | `sqlite:///./premium-ledger.db` | SQLAlchemy URL of the books |
| `SECRET_KEY` | random per start | signs cookies of the web pages; set it in production |
| `MAX_UPLOAD_BYTES` | 51 MB | largest request body: the 50 MB file limit and a multipart margin |
| `TRUSTED_PROXIES` | 0 | proxies in front of the app: ProxyFix trusts that many hops |
| `LOOKUP_LIMIT` | 20 | worker-page lookups one client address may make per window |
| `LOOKUP_WINDOW_SECONDS` | 600 | the window of `LOOKUP_LIMIT` |
| `SESSION_COOKIE_SECURE` | `false` | send the web session cookie over HTTPS only (behind TLS) |
| `SESSION_IDLE_MINUTES` | 30 | a web session unused this long ends |
| `SESSION_ABSOLUTE_HOURS` | 12 | a web session ends this long after sign-in, used or not |
| `MONTH_CLOSE_DAY` | 5 | day of the month (1-28) the scheduler reconciles the previous month |
| `MONTH_CLOSE_HOUR` | 6 | hour (0-23) of that day |
| `OVERDUE_CHECK_HOUR` | 7 | hour (0-23) of the scheduler's daily overdue-submissions check |
| `SCHEDULER_TIMEZONE` | `UTC` | IANA time zone of those days and hours |
| `SCHEDULER_PAUSE_AFTER_CLAIM` | 0 | crash tests only: whole seconds a job waits after its claim |
| `SCHEDULER_PAUSE_PROGRAM` | (every one) | for crash tests only: the program whose job waits |
"""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DATABASE_FILE = "premium-ledger.db"
MB = 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 51 * MB


class ConfigurationError(ValueError):
    """An environment variable that holds something unusable."""


def _random_key() -> str:
    # A key nobody can guess is safer than a well-known development default: at worst,
    # cookies do not survive a restart. `serve` reads settings once, so workers share it.
    return secrets.token_hex(32)


@dataclass(frozen=True, slots=True)
class SchedulerSettings:
    """When the scheduler's jobs fire, and the crash-test pause (off unless set)."""

    month_close_day: int = 5
    month_close_hour: int = 6
    overdue_check_hour: int = 7
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    pause_after_claim: int = 0
    pause_program: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an entrypoint needs to know about where it runs."""

    database_url: str
    secret_key: str = field(default_factory=_random_key, repr=False)
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    trusted_proxies: int = 0
    lookup_limit: int = 20
    lookup_window_seconds: int = 600
    session_cookie_secure: bool = False
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)


def database_url_from(environ: Mapping[str, str]) -> str:
    """`DATABASE_URL`, or a SQLite file in the working directory."""
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


def _positive_int(environ: Mapping[str, str], name: str, default: int, least: int = 1) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or int(text) < least:
        raise ConfigurationError(f"{name}={text!r} is not a whole number of at least {least}")
    return int(text)


def _flag(environ: Mapping[str, str], name: str) -> bool:
    text = environ.get(name, "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise ConfigurationError(f"{name}={text!r} is not true or false")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from the process environment (or a given mapping, for tests)."""
    env = os.environ if environ is None else environ
    secret = env.get("SECRET_KEY", "").strip() or _random_key()
    return Settings(
        database_url=database_url_from(env),
        secret_key=secret,
        max_upload_bytes=_positive_int(env, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
        trusted_proxies=_positive_int(env, "TRUSTED_PROXIES", 0, least=0),
        lookup_limit=_positive_int(env, "LOOKUP_LIMIT", 20),
        lookup_window_seconds=_positive_int(env, "LOOKUP_WINDOW_SECONDS", 600),
        session_cookie_secure=_flag(env, "SESSION_COOKIE_SECURE"),
        session_idle_minutes=_positive_int(env, "SESSION_IDLE_MINUTES", 30),
        session_absolute_hours=_positive_int(env, "SESSION_ABSOLUTE_HOURS", 12),
        scheduler=scheduler_settings(env),
    )


def scheduler_settings(environ: Mapping[str, str]) -> SchedulerSettings:
    """The scheduler's settings from an environment-like mapping."""
    return SchedulerSettings(
        month_close_day=_int_between(environ, "MONTH_CLOSE_DAY", 5, 1, 28),
        month_close_hour=_int_between(environ, "MONTH_CLOSE_HOUR", 6, 0, 23),
        overdue_check_hour=_int_between(environ, "OVERDUE_CHECK_HOUR", 7, 0, 23),
        timezone=_timezone(environ.get("SCHEDULER_TIMEZONE", "").strip() or "UTC"),
        pause_after_claim=_int_between(environ, "SCHEDULER_PAUSE_AFTER_CLAIM", 0, 0, 3599),
        pause_program=environ.get("SCHEDULER_PAUSE_PROGRAM", "").strip() or None,
    )


def _int_between(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    # Days stop at 28 so that every month has the day.
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise ConfigurationError(f"{name}={text!r} is not a whole number from {low} to {high}")
    return int(text)


def _timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(f"SCHEDULER_TIMEZONE={name!r} is not a known time zone") from None
