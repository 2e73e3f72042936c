"""Builders for web page tests: signing in as a world's person, form tokens, payroll files."""

import re
from datetime import date

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.api.world import PASSWORD, World
from tests.builders import unique_code

PAYROLL = "worker_id,worker_name,period_start,period_end,pay_date,hours,premium"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token(page: TestResponse | str) -> str:
    """The CSRF token of the first form of a page."""
    text = page if isinstance(page, str) else page.get_data(as_text=True)
    found = _TOKEN.search(text)
    assert found is not None, "the page has no form with a CSRF token"
    return found[1]


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> TestResponse:
    """Sign in through the form, as a browser does."""
    page = client.get("/staff/sign-in")
    return client.post(
        "/staff/sign-in", data={"csrf_token": token(page), "email": email, "password": password}
    )


def sign_in_as(client: FlaskClient, world: World, person: str) -> str:
    """Sign in as one of the world's people; answers a fresh CSRF token for their forms."""
    answer = sign_in(client, world.emails[person])
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return token(client.get(answer.location, follow_redirects=True))


def payroll_csv(*rows: str) -> bytes:
    return ("\n".join((PAYROLL, *rows)) + "\n").encode()


def payroll_row(worker: str = "", hours: str = "40", premium: str = "10.00") -> str:
    """A payroll row of a worker no other file has (entry keys are shared across programs)."""
    period = (date(2026, 8, 3), date(2026, 8, 9), date(2026, 8, 14))
    dates = ",".join(day.isoformat() for day in period)
    return f"{worker or unique_code('W')},Ana Pérez,{dates},{hours},{premium}"


def text(page: TestResponse) -> str:
    return page.get_data(as_text=True)
