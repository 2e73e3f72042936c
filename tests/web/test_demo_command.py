"""`premium-ledger demo` tells people where the web pages are and how to sign in."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main


@pytest.mark.slow
def test_the_demo_prints_each_roles_web_page_and_a_workers_page(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--port", "8123"], env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "sign in       http://127.0.0.1:8123/staff/sign-in  (password demo-password" in out
    assert "monitor@demo.example     then http://127.0.0.1:8123/staff/FFP-FL/dashboard" in out
    assert "supplier@demo.example    then http://127.0.0.1:8123/staff/FFP-FL/uploads" in out
    assert "participants  http://127.0.0.1:8123/participants" in out
    assert "worker page   http://127.0.0.1:8123/w/" in out
