"""Signing in: where each role lands, and password guessing slowed down by lockouts."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from api.web.signin import POLICIES
from ledger.sign_in_throttle import (
    ThrottlePolicy,
    locked_until,
    record_failure,
    throttle_key,
)
from tests.api.world import World
from tests.builders import unique_code
from tests.web.conftest import client_of
from tests.web.pages import sign_in, text


@pytest.mark.parametrize(
    ("person", "landing"),
    [("supplier", "uploads"), ("buyer", "uploads"), ("monitor", "dashboard")],
)
def test_each_role_lands_on_its_own_page(
    client: FlaskClient, world: World, person: str, landing: str
) -> None:
    home = sign_in(client, world.emails[person])
    answer = client.get(home.location)
    assert answer.location == f"/staff/{world.program}/{landing}"


def test_an_admin_of_every_program_chooses_one(client: FlaskClient, world: World) -> None:
    home = sign_in(client, world.emails["admin"])
    chooser = client.get(client.get(home.location).location)
    assert world.program in text(chooser)


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    client: FlaskClient, world: World
) -> None:
    answer = sign_in(client, world.emails["buyer"], "not the password")
    assert answer.status_code == 401
    page = text(answer)
    assert "The email or the password is not right." in page
    assert "not the password" not in page
    assert sign_in(client, "nobody@example.org", "x").status_code == 401


def test_five_failures_lock_the_account_even_for_the_right_password(
    client: FlaskClient, world: World, app: Flask
) -> None:
    email = world.emails["supplier"]
    answers = [sign_in(client, email, "guess") for _ in range(POLICIES.account.limit)]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
    from_elsewhere = sign_in(client_of(app), email)
    assert from_elsewhere.status_code == 429
    assert int(from_elsewhere.headers["Retry-After"]) > 14 * 60
    assert "Too many failed sign-ins" in text(from_elsewhere)
    assert sign_in(client_of(app), world.emails["other_supplier"]).status_code == 302


def test_an_address_trying_many_accounts_is_locked_out(client: FlaskClient, world: World) -> None:
    for _ in range(POLICIES.address.limit):
        sign_in(client, f"{unique_code('guess')}@example.org", "guess")
    assert sign_in(client, world.emails["monitor"]).status_code == 429


def test_a_success_forgets_the_accounts_earlier_failures(
    client: FlaskClient, world: World, app: Flask
) -> None:
    email = world.emails["buyer"]
    for _ in range(POLICIES.account.limit - 1):
        sign_in(client, email, "guess")
    assert sign_in(client_of(app), email).status_code == 302
    for _ in range(POLICIES.account.limit - 1):
        assert sign_in(client, email, "guess").status_code == 401


def test_failures_older_than_the_window_start_a_new_count(session: Session) -> None:
    policy = ThrottlePolicy(limit=3, window=timedelta(minutes=15), lockout=timedelta(minutes=10))
    key = throttle_key("account", unique_code("who"))
    start = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    record_failure(session, key, policy, start)
    record_failure(session, key, policy, start + timedelta(minutes=1))
    record_failure(session, key, policy, start + timedelta(minutes=20))  # a new window
    assert locked_until(session, [key], start + timedelta(minutes=20)) is None
    record_failure(session, key, policy, start + timedelta(minutes=21))
    record_failure(session, key, policy, start + timedelta(minutes=22))
    assert locked_until(session, [key], start + timedelta(minutes=22)) == start + timedelta(
        minutes=32
    )
    assert locked_until(session, [key], start + timedelta(minutes=33)) is None


def test_throttle_keys_keep_no_email_in_clear() -> None:
    key = throttle_key("account", " Ana@Example.org ")
    assert key == throttle_key("account", "ana@example.org")
    assert "ana" not in key and len(key) == 64


def test_no_password_reaches_the_log(
    client: FlaskClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    sign_in(client, world.emails["monitor"], "my secret guess")
    sign_in(client, world.emails["monitor"])
    assert "my secret guess" not in caplog.text
    assert "correct horse" not in caplog.text
