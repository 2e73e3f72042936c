"""Server-rendered web pages for people: one blueprint per module, gathered here.

Pages work without JavaScript and are phone-first. Public pages (the worker's premium
check, the participants list) keep their templates under `templates/public/`; pages for
people who sign in (uploads, the monitor dashboard) under `templates/staff/`.
"""

from types import ModuleType

from flask import Flask

from api.web import assets, i18n, participants, worker_pages

_MODULES: tuple[ModuleType, ...] = (assets, worker_pages, participants)


def register(app: Flask) -> None:
    """Mount every web blueprint, with the languages they speak."""
    i18n.init_app(app)
    for module in _MODULES:
        app.register_blueprint(module.blueprint)
