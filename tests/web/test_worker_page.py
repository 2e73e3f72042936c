"""The worker page: lines, totals and flags for a code, safe headers, unknown codes, limits."""

import re

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from imports.kinds import KINDS
from imports.pipeline import Upload, import_upload
from ledger.batches import ImportBatch
from ledger.database import make_sessionmaker
from ledger.participants import Program
from tests.web.conftest import Season, client_of, make_app


def text_of(html: str) -> str:
    """The words of a page, as a reader sees them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_worker_sees_each_line_and_the_season_totals(client: FlaskClient, season: Season) -> None:
    response = client.get(f"/w/{season.codes['1001']}?lang=en")
    page = text_of(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Season 2026" in page and "Total premium $39.00" in page
    assert "Hours worked 78" in page and "Pay periods 2" in page
    assert "Premium $20.00" in page and "Premium $19.00" in page
    assert "Farm One" in page and "Aug 14, 2026" in page


def test_only_the_lines_the_reconciliation_flagged_are_marked(
    client: FlaskClient, season: Season
) -> None:
    page = text_of(client.get(f"/w/{season.codes['1001']}?lang=en").get_data(as_text=True))
    # Ana got the whole week's premium though Luis worked too; the next week was fine.
    assert page.count("Check this line.") == 1
    assert "Aug 3, 2026 – Aug 9, 2026 Check this line. Your premium is not your fair" in page


def test_a_line_the_reconciliation_flagged_is_marked_in_words(
    client: FlaskClient, season: Season
) -> None:
    response = client.get(f"/w/{season.codes['1002']}?lang=en")
    page = text_of(response.get_data(as_text=True))
    assert "Check this line. You got no premium for this period, but you worked." in page
    assert 'class="line flagged"' in response.get_data(as_text=True)


def test_the_page_explains_the_premium_with_the_program_rates_in_force(
    client: FlaskClient, season: Season
) -> None:
    page = text_of(client.get(f"/w/{season.codes['1001']}?lang=en").get_data(as_text=True))
    assert "$0.01 per lb of tomato" in page
    assert "the premium must be on its own line, apart from your wages" in page


def test_a_typed_code_goes_to_its_page_in_normal_form(client: FlaskClient, season: Season) -> None:
    code = season.codes["1001"]
    typed = f" {code[:4].lower()}-{code[4:]} "
    response = client.get("/w", query_string={"code": typed, "lang": "es"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/w/{code}?lang=es"


def test_an_empty_code_is_asked_for_again(client: FlaskClient) -> None:
    response = client.get("/w?code=+-+&lang=en")
    assert response.status_code == 200
    assert "Please type your code." in response.get_data(as_text=True)


def test_worker_pages_are_never_stored_framed_or_named_in_a_referer(
    client: FlaskClient, season: Season
) -> None:
    for path in ("/w", f"/w/{season.codes['1001']}", "/w/NOPE", "/w/X/thanks"):
        headers = client.get(path).headers
        assert headers["Cache-Control"] == "no-store"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "script-src" not in headers["Content-Security-Policy"]


def test_an_unknown_code_gets_the_same_generic_answer_whatever_it_looks_like(
    client: FlaskClient, season: Season
) -> None:
    well_formed = client.get("/w/ABCDEFGHJK?lang=en")
    malformed = client.get("/w/0000?lang=en")
    assert well_formed.status_code == malformed.status_code == 404
    pages = [r.get_data(as_text=True) for r in (well_formed, malformed)]
    for page in pages:
        assert "We could not find lines for this code" in page
        assert page.count("<h1") == 1 and 'name="code"' in page
    assert abs(len(pages[0]) - len(pages[1])) < 50


def test_lookups_past_the_limit_wait_with_a_page_in_their_language(
    web_engine: Engine, season: Season
) -> None:
    client = client_of(make_app(web_engine, lookup_limit=3))
    statuses = [client.get(f"/w/{season.codes['1001']}?lang=es").status_code for _ in range(3)]
    refused = client.get("/w/ABCDEFGHJK?lang=es")
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    page = refused.get_data(as_text=True)
    assert '<html lang="es">' in page and "Demasiados intentos" in page
    assert "espere 10 minutos" in page


def test_the_limit_counts_each_client_address_apart(web_engine: Engine, season: Season) -> None:
    app = make_app(web_engine, lookup_limit=1)
    first, second = client_of(app), client_of(app)
    assert first.get("/w/ABCDEFGHJK").status_code == 404
    assert first.get("/w/ABCDEFGHJK").status_code == 429
    assert second.get("/w/ABCDEFGHJK").status_code == 404


def test_the_form_page_needs_no_lookup_and_is_never_limited(web_engine: Engine) -> None:
    client = client_of(make_app(web_engine, lookup_limit=1))
    assert [client.get("/w").status_code for _ in range(3)] == [200, 200, 200]


def test_lines_of_a_superseded_payroll_are_no_longer_shown(
    client: FlaskClient, season: Season, web_engine: Engine
) -> None:
    corrected = b"worker_id,worker_name,period_start,period_end,pay_date,hours,premium\n"
    corrected += f"1001,Ana {season.program},2026-08-03,2026-08-09,2026-08-14,40,12.34\n".encode()
    with make_sessionmaker(web_engine).begin() as session:
        batch = session.scalar(
            select(ImportBatch.id)
            .join(Program, Program.id == ImportBatch.program_id)
            .where(Program.code == season.program, ImportBatch.kind == "payroll")
        )
        upload = Upload(season.program, "S-1", "fix.csv", corrected, supersedes=batch)
        import_upload(session, upload, KINDS["payroll"])
    page = text_of(client.get(f"/w/{season.codes['1001']}?lang=en").get_data(as_text=True))
    assert "Premium $12.34" in page and "Total premium $12.34" in page
    assert "$19.00" not in page and "Pay periods 1" in page
