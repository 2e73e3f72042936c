"""The WSGI application for gunicorn and other servers: `gunicorn wsgi:app`."""

from api.app import create_app

app = create_app()
