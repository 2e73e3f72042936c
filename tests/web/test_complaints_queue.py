"""The monitors' complaints queue and the dashboard's overdue and complaints panels."""

import io
import re
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy import Engine

from ledger.audit import audit_trail
from ledger.complaints import file_complaint
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.worker_lines import lines_of_code
from reconciliation.overdue_checks import check_overdue
from tests.api.world import World
from tests.web.pages import sign_in_as, text


def _complaint(client: FlaskClient, world: World, engine: Engine) -> int:
    """S-1's worker says the premium of their August line is missing, in Spanish."""
    payroll = f"worker_id,period_start,period_end,pay_date,hours,premium\n{world.program},"
    payroll += "2026-08-03,2026-08-09,2026-08-14,8,1.00\n"
    answer = client.post(
        f"/api/v1/programs/{world.program}/uploads/payroll",
        data={"file": (io.BytesIO(payroll.encode()), "payroll.csv")},
        headers=world.auth("supplier"),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 201, answer.get_json()
    code = answer.get_json()["new_worker_codes"][0]["lookup_code"]
    with make_sessionmaker(engine).begin() as session:
        found = lines_of_code(session, code, date(2026, 10, 1))
        assert found is not None
        line = found.lines[0].line_id
        return file_complaint(session, code, line, "premium_missing", "no veo la prima", "es").id


def test_a_monitor_sees_an_open_complaint_and_closes_it_with_a_note(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    number = _complaint(client, world, web_engine)
    form_token = sign_in_as(client, world, "monitor")
    dashboard = text(client.get(f"/staff/{world.program}/dashboard"))
    assert "<strong>1</strong> open complaint from workers" in dashboard
    page = client.get(f"/staff/{world.program}/complaints").get_data(as_text=True)
    assert f'id="complaint-{number}"' in page
    assert '<span lang="es">no veo la prima</span>' in page and "written in Español" in page
    assert "1.00 USD" in page
    answer = client.post(
        f"/staff/{world.program}/complaints/{number}",
        data={
            "csrf_token": form_token,
            "status": "closed",
            "note": "paid on 10/02",
            "shown": "open",
        },
        follow_redirects=True,
    )
    assert f"Complaint {number} is now closed." in text(answer)
    assert f'id="complaint-{number}"' not in answer.get_data(as_text=True)  # no longer open
    closed = client.get(f"/staff/{world.program}/complaints?status=closed").get_data(as_text=True)
    assert re.search(r"closed<br><span class=\"hint\">monitor\.[^:]+: paid on 10/02", closed)
    with make_sessionmaker(web_engine).begin() as session:
        events = audit_trail(session, program_by_code(session, world.program).id, limit=2)
    assert [(e.action, e.subject) for e in events] == [
        ("complaint closed", f"complaint {number}"),
        ("complaint filed", f"complaint {number}"),
    ]


def test_a_complaint_form_without_its_token_changes_nothing(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    number = _complaint(client, world, web_engine)
    sign_in_as(client, world, "monitor")
    refused = client.post(
        f"/staff/{world.program}/complaints/{number}", data={"status": "closed", "note": "x"}
    )
    assert refused.status_code == 400
    page = client.get(f"/staff/{world.program}/complaints").get_data(as_text=True)
    assert f'id="complaint-{number}"' in page


def test_buyers_and_suppliers_cannot_open_the_complaints_queue(
    client: FlaskClient, world: World
) -> None:
    sign_in_as(client, world, "supplier")
    assert client.get(f"/staff/{world.program}/complaints").status_code == 403


def test_the_dashboard_shows_the_latest_overdue_check(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    sign_in_as(client, world, "monitor")
    before = text(client.get(f"/staff/{world.program}/dashboard"))
    assert "The scheduler has not checked this program yet" in before
    _complaint(client, world, web_engine)  # S-1 payroll only: B-1 never reported purchases
    with make_sessionmaker(web_engine).begin() as session:
        program = program_by_code(session, world.program)
        check_overdue(session, program, date(2026, 10, 20), "tests", month_close_day=5)
    after = text(client.get(f"/staff/{world.program}/dashboard"))
    assert "Checked as of 2026-10-20 by tests" in after
