"""Lookup rate limits: a sliding window per client, counted in the database."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from ledger.lookup_limits import Verdict, record_attempt

START = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=1)


def attempt(session: Session, client: str, seconds: float) -> Verdict:
    return record_attempt(session, client, START + timedelta(seconds=seconds), 3, WINDOW)


def test_a_client_past_the_limit_waits_until_its_oldest_attempt_leaves_the_window(
    session: Session,
) -> None:
    assert [attempt(session, "a", s).allowed for s in (0, 1, 2)] == [True, True, True]
    assert attempt(session, "a", 10) == Verdict(False, 50)
    assert attempt(session, "a", 59.5) == Verdict(False, 1)
    # The window is the last 60 seconds: at 61 the attempts at 0 and 1 have left it.
    assert attempt(session, "a", 60.5).allowed and attempt(session, "a", 61).allowed
    assert attempt(session, "a", 61.5) == Verdict(False, 1)


def test_refused_attempts_do_not_prolong_the_wait_and_clients_count_apart(
    session: Session,
) -> None:
    for seconds in (0, 1, 2, 3, 4, 5):
        attempt(session, "b", seconds)
    assert attempt(session, "c", 5).allowed
    assert attempt(session, "b", 62).allowed
