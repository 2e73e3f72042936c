"""Monitors read and move complaints over the API; nobody else may."""

from datetime import date

from sqlalchemy import Engine

from imports.kinds import KINDS
from imports.pipeline import Upload, import_upload
from ledger.complaints import file_complaint
from ledger.database import make_sessionmaker
from ledger.worker_lines import lines_of_code
from tests.api.world import World, make_world
from tests.web.conftest import PAYROLL, make_app


def _complaint(engine: Engine, world: World) -> int:
    """A complaint of a worker of the world's supplier S-1; its id."""
    with make_sessionmaker(engine).begin() as session:
        data = PAYROLL.replace(b"Luis", f"Luis {world.program}".encode())
        upload = Upload(world.program, "S-1", "aug.csv", data)
        codes = dict(import_upload(session, upload, KINDS["payroll"]).new_worker_codes)
        found = lines_of_code(session, codes["1001"], date(2026, 10, 1))
        assert found is not None
        line = found.lines[-1].line_id
        return file_complaint(session, codes["1001"], line, "wrong_hours", "Eran 42.", "es").id


def test_monitors_list_complaints_and_move_them_along(web_engine: Engine) -> None:
    world = make_world(web_engine)
    number = _complaint(web_engine, world)
    client = make_app(web_engine).test_client()
    path = f"/api/v1/programs/{world.program}/complaints"
    [listed] = client.get(path, headers=world.auth("monitor")).get_json()
    assert listed["id"] == number and listed["language"] == "es"
    assert (listed["worker"], listed["period"]) == ("1001", "2026-08-03/2026-08-09")
    assert (listed["premium"], listed["kind"], listed["status"]) == ("20.00", "wrong_hours", "open")
    change = {"status": "in_review", "note": "asked the grower for time cards"}
    moved = client.patch(f"{path}/{number}", json=change, headers=world.auth("admin"))
    assert moved.status_code == 200
    assert moved.get_json()["status_by"] == f"{world.emails['admin']} (api)"
    open_ones = client.get(f"{path}?status=open", headers=world.auth("monitor")).get_json()
    in_review = client.get(f"{path}?status=in_review", headers=world.auth("monitor")).get_json()
    assert open_ones == [] and [c["status_note"] for c in in_review] == [change["note"]]


def test_complaints_stay_with_monitors_of_their_own_program(web_engine: Engine) -> None:
    world = make_world(web_engine)
    number = _complaint(web_engine, world)
    client = make_app(web_engine).test_client()
    path = f"/api/v1/programs/{world.program}/complaints"
    assert client.get(path, headers=world.auth("supplier")).status_code == 403
    assert client.get(path, headers=world.auth("outsider")).status_code == 404
    assert client.get(path).status_code == 401
    other = f"/api/v1/programs/{world.other_program}/complaints/{number}"
    body = {"status": "closed", "note": ""}
    assert client.patch(other, json=body, headers=world.auth("admin")).status_code == 404
    bad = client.patch(f"{path}/{number}", json={"status": "lost"}, headers=world.auth("admin"))
    assert bad.status_code == 422
