"""The public register: parties with locations and today's standing, never an amount."""

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from ledger.database import make_sessionmaker
from ledger.participants import Party, StandingChange, program_by_code
from tests.web.conftest import Season

ALLOWED_KEYS = {"as_of", "programs", "code", "name", "location", "buyers", "suppliers"}
ALLOWED_KEYS |= {"standing"}


def keys_of(value: Any) -> set[str]:
    """Every key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def program_in(register: dict[str, Any], code: str) -> dict[str, Any]:
    [program] = [p for p in register["programs"] if p["code"] == code]
    return program


def _suspend_s2(engine: Engine, program: str) -> None:
    with make_sessionmaker(engine).begin() as session:
        found = program_by_code(session, program)
        party = session.scalars(
            select(Party).where(Party.program_id == found.id, Party.code == "S-2")
        ).one()
        since = found.created_at.date()
        session.add(StandingChange(party_id=party.id, standing="suspended", since=since))


def test_the_page_lists_each_party_with_its_place_and_standing(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    _suspend_s2(web_engine, season.program)
    page = client.get("/participants?lang=en").get_data(as_text=True)
    assert "Buyer One" in page and "Irvine, CA, US" in page and "Farm One" in page
    assert "Immokalee, FL, US" in page and "Suspended" in page and "Good standing" in page
    assert "$" not in page and "20.00" not in page


def test_the_register_as_json_has_standings_and_no_amounts(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    _suspend_s2(web_engine, season.program)
    answers = [
        client.get("/participants.json"),
        client.get("/participants", headers={"Accept": "application/json"}),
        client.get("/api/v1/participants"),
    ]
    registers = [answer.get_json() for answer in answers]
    assert all(answer.status_code == 200 for answer in answers)
    assert registers[0] == registers[1] == registers[2]
    assert keys_of(registers[0]) <= ALLOWED_KEYS
    program = program_in(registers[0], season.program)
    assert [b["code"] for b in program["buyers"]] == ["B-1", "B-2"]
    assert [(s["code"], s["standing"]) for s in program["suppliers"]] == [
        ("S-1", "good"),
        ("S-2", "suspended"),
    ]


def test_a_browser_gets_the_page_and_shared_caches_are_told_it_varies(
    client: FlaskClient,
) -> None:
    response = client.get("/participants", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert {"Accept", "Cookie", "Accept-Language"} <= set(response.vary)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
