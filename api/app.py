"""The Flask application factory: nothing is built until `create_app` is called.

`create_app()` reads the environment (api.config); tests pass settings, a mapping
shaped like the environment, or an engine of their own.
"""

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from sqlalchemy import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from api import problems, v1, web
from api.config import Settings, load_settings
from api.unit_of_work import bind_database
from ledger.database import make_engine


class LedgerJSONProvider(DefaultJSONProvider):
    """JSON with exact numbers: `12.5` in a request arrives as Decimal('12.5'), never a float."""

    sort_keys = False  # keep the contract's key order (DESIGN.md §6)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        kwargs.setdefault("parse_float", Decimal)
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # deeply nested arrays: malformed for us, a 400 like any other
            raise ValueError("JSON nested too deeply") from None


def create_app(
    config: Settings | Mapping[str, str] | None = None, *, engine: Engine | None = None
) -> Flask:
    """A configured app: from the environment, given settings, or an environment-like mapping."""
    settings = config if isinstance(config, Settings) else load_settings(config)
    app = Flask("premium_ledger")
    app.json = LedgerJSONProvider(app)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,
        JSON_SORT_KEYS=False,
        LOOKUP_LIMIT=settings.lookup_limit,
        LOOKUP_WINDOW_SECONDS=settings.lookup_window_seconds,
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_IDLE_TIMEOUT=timedelta(minutes=settings.session_idle_minutes),
        SESSION_ABSOLUTE_TIMEOUT=timedelta(hours=settings.session_absolute_hours),
    )
    if settings.trusted_proxies:
        hops = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    bind_database(app, engine if engine is not None else make_engine(settings.database_url))
    problems.register(app)
    v1.register(app)
    web.register(app)
    return app
