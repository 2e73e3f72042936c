"""The app factory, health check, configuration, OpenAPI document and `serve`."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from api.app import create_app
from api.cli.serve import LedgerServer
from api.config import ConfigurationError, Settings, load_settings
from ledger.database import make_engine, upgrade


def test_health_answers_ok_when_the_database_answers(client: FlaskClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_problem_when_the_database_is_down(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}"})
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"].endswith("/problems/database-unavailable")


def test_the_factory_builds_nothing_at_import_and_reads_settings_from_a_mapping() -> None:
    import api

    assert "create_app" not in vars(api)  # looked up lazily
    app = api.create_app({"DATABASE_URL": "sqlite://", "MAX_UPLOAD_BYTES": "1024"})
    assert app.config["MAX_CONTENT_LENGTH"] == 1024
    assert len(app.config["SECRET_KEY"]) == 64


def test_settings_come_from_the_environment_with_safe_defaults() -> None:
    settings = load_settings({"SECRET_KEY": "s3cret", "DATABASE_URL": "sqlite:////x.db"})
    assert (settings.secret_key, settings.database_url) == ("s3cret", "sqlite:////x.db")
    assert load_settings({}).secret_key != load_settings({}).secret_key  # random, never fixed
    with pytest.raises(ConfigurationError, match="MAX_UPLOAD_BYTES"):
        load_settings({"MAX_UPLOAD_BYTES": "lots"})


def test_the_openapi_document_is_valid_openapi_3(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/programs/{program}/uploads/{kind}" in document["paths"]


def test_serve_runs_gunicorn_with_the_app_and_the_given_workers() -> None:
    server = LedgerServer(
        Settings(database_url="sqlite://"), {"bind": "127.0.0.1:8123", "workers": 2}
    )
    assert server.cfg.bind == ["127.0.0.1:8123"] and server.cfg.workers == 2
    assert server.load().name == "premium_ledger"


def test_wsgi_module_exposes_an_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")
    import wsgi

    assert wsgi.app.name == "premium_ledger"


def test_serve_answers_http_on_loopback_from_gunicorn(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    upgrade(make_engine(url))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
    command += ["--port", str(port), "--workers", "1"]
    server = subprocess.Popen(
        command, env={**os.environ, "DATABASE_URL": url}, stderr=subprocess.PIPE
    )
    try:
        status, served_by = _first_answer(port, deadline=time.monotonic() + 60)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert status == 200 and served_by.startswith("gunicorn"), log.decode()[-2000:]


def _first_answer(port: int, deadline: float) -> tuple[int, str]:
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/v1/health")
            response = connection.getresponse()
            return response.status, response.getheader("Server", "")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
