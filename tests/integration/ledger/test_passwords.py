"""Signing in by password: the right password finds the user, and a miss never says why."""

import pytest
from sqlalchemy.orm import Session

from ledger import users
from ledger.users import create_user, principal_for_password
from tests.builders import unique_code


def test_the_right_password_finds_the_user_and_a_wrong_one_or_unknown_email_does_not(
    session: Session,
) -> None:
    email = f"{unique_code('pw').lower()}@example.org"
    create_user(session, email, "admin", "correct horse battery")
    found = principal_for_password(session, f"  {email.upper()} ", "correct horse battery")
    assert found is not None and (found.email, found.role) == (email, "admin")
    assert principal_for_password(session, email, "wrong horse") is None
    assert principal_for_password(session, "nobody@example.org", "correct horse battery") is None


def test_an_unknown_email_costs_the_same_password_check_as_a_wrong_password(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = users.check_password

    def spy(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(users, "check_password", spy)
    assert principal_for_password(session, "nobody@example.org", "guess") is None
    assert len(checked) == 1 and checked[0].startswith("scrypt$")
