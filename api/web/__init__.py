"""Server-rendered web pages for people: one blueprint per module, gathered here.

Pages work without JavaScript and are phone-first. Public pages (the worker's premium
check, the participants list) keep their templates under `templates/public/`; pages for
people who sign in (uploads, the monitor dashboard) under `templates/staff/`.
"""

from types import ModuleType

from flask import Flask

from api.web import (
    allocation,
    assets,
    complaints_queue,
    dashboard,
    i18n,
    month_review,
    participants,
    pass_through,
    report_downloads,
    signin,
    uploads,
    worker_pages,
)
from api.web.sessions import DatabaseSessionInterface

_MODULES: tuple[ModuleType, ...] = (
    assets,
    worker_pages,
    participants,
    signin,
    uploads,
    allocation,
    dashboard,
    complaints_queue,
    month_review,
    pass_through,
    report_downloads,
)


def register(app: Flask) -> None:
    """Mount every web blueprint, with the languages they speak; sessions live in the database."""
    i18n.init_app(app)
    app.session_interface = DatabaseSessionInterface()
    for module in _MODULES:
        app.register_blueprint(module.blueprint)
