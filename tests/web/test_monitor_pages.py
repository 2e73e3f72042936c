"""The monitor's pages: months and their status, reviewing findings, signing off, charts."""

import io
import re
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import Engine, update

from ledger.batches import ImportBatch
from ledger.database import make_sessionmaker
from ledger.participants import program_by_code
from ledger.reconciliation_runs import ReconciliationRun
from tests.api.world import World, purchase_row, purchases_csv
from tests.web.conftest import client_of
from tests.web.pages import sign_in_as, text, token


def _overdue_purchase(client: FlaskClient, world: World) -> None:
    """A purchase of 2026-08-03 never paid: BUYER_UNDERPAID (25.00) by the end of October."""
    answer = client.post(
        f"/api/v1/programs/{world.program}/uploads/purchases",
        data={"file": (io.BytesIO(purchases_csv(purchase_row())), "purchases.csv")},
        headers=world.auth("buyer"),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 201


def _run(client: FlaskClient, world: World, month: str, form_token: str) -> str:
    answer = client.post(
        f"/staff/{world.program}/reconciliations",
        data={"csrf_token": form_token, "month": month},
        follow_redirects=True,
    )
    return text(answer)


def _review(client: FlaskClient, world: World, page: str, status: str, comment: str = "") -> str:
    form = re.search(r'<form method="post" action="([^"]+/findings/1)".*?</form>', page, re.S)
    assert form is not None, page
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[0]))
    answer = client.post(
        form[1], data={**hidden, "status": status, "comment": comment}, follow_redirects=True
    )
    return text(answer)


def test_the_dashboard_lists_months_from_the_books_with_their_status(
    client: FlaskClient, world: World
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    before = text(client.get(f"/staff/{world.program}/dashboard"))
    assert '<th scope="row">2026-08</th>' in before
    assert "not reconciled" in before
    month = _run(client, world, "2026-10", form_token)
    assert "2026-10 reconciled: version 1" in month
    after = text(client.get(f"/staff/{world.program}/dashboard"))
    row = re.search(r'<th scope="row">2026-10</th>(.*?)</tr>', after, re.S)
    assert row is not None
    assert "reconciled</span> version 1" in row[1]
    assert re.findall(r'<td class="num">(\d+)</td>', row[1]) == ["1", "0", "0", "1"]


def test_a_monitor_acknowledges_then_resolves_a_finding_with_a_comment_and_signs_off(
    client: FlaskClient, world: World
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    page = _run(client, world, "2026-10", form_token)
    assert "BUYER_UNDERPAID" in page and "25.00 USD" in page
    page = _review(client, world, page, "acknowledged")
    assert "Finding 1 is now acknowledged." in page
    refused = _review(client, world, page, "resolved")
    assert "a finding is resolved with a comment saying why" in refused
    page = _review(client, world, refused, "resolved", "Paid by cheque on 2026-11-02")
    assert "<q>Paid by cheque on 2026-11-02</q>" in page
    assert '<span class="status resolved">resolved</span>' in page
    signed = client.post(
        f"/staff/{world.program}/months/2026-10/sign-off",
        data={"csrf_token": token(page)},
        follow_redirects=True,
    )
    page = text(signed)
    assert "2026-10 version 1 signed off by monitor." in page
    assert "review-form" not in page and "Sign off 2026-10" not in page


def test_a_review_never_lands_on_a_finding_the_page_did_not_show(
    client: FlaskClient, world: World
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    page = _run(client, world, "2026-10", form_token)
    moved = page.replace('name="code" value="BUYER_UNDERPAID"', 'name="code" value="OTHER"')
    answer = _review(client, world, moved, "acknowledged")
    assert "reconciled again since the page was shown" in answer
    assert '<span class="status open">open</span>' in answer


def test_findings_are_filtered_by_severity_code_supplier_and_status(
    client: FlaskClient, world: World
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    _run(client, world, "2026-10", form_token)
    url = f"/staff/{world.program}/months/2026-10"
    assert "1 of 1 findings shown." in text(client.get(url + "?severity=critical&supplier=S-1"))
    assert "0 of 1 findings shown." in text(client.get(url + "?severity=info"))
    assert "0 of 1 findings shown." in text(client.get(url + "?status=resolved"))
    assert "1 of 1 findings shown." in text(client.get(url + "?code=BUYER_UNDERPAID"))


def test_a_month_of_another_program_or_no_month_is_not_found(
    client: FlaskClient, world: World
) -> None:
    sign_in_as(client, world, "monitor")
    assert client.get(f"/staff/{world.other_program}/dashboard").status_code == 404
    assert client.get(f"/staff/{world.program}/months/october").status_code == 404


def test_buyers_and_suppliers_may_not_open_the_dashboard(client: FlaskClient, world: World) -> None:
    sign_in_as(client, world, "supplier")
    answer = client.get(f"/staff/{world.program}/dashboard")
    assert answer.status_code == 403
    assert "The supplier role may not open this page." in text(answer)


def test_the_pass_through_page_draws_received_against_passed_on(
    client: FlaskClient, world: World
) -> None:
    form_token = sign_in_as(client, world, "monitor")
    _run(client, world, "2026-08", form_token)
    _run(client, world, "2026-09", form_token)
    page = text(client.get(f"/staff/{world.program}/suppliers/S-1"))
    assert '<svg class="chart"' in page and 'role="img"' in page
    assert page.count('<rect class="received"') == 3  # two months and the legend
    assert '<th scope="row">2026-09</th>' in page


def test_a_supplier_sees_its_own_pass_through_only(client: FlaskClient, world: World) -> None:
    sign_in_as(client, world, "supplier")
    assert client.get(f"/staff/{world.program}/suppliers/S-1").status_code == 200
    assert client.get(f"/staff/{world.program}/suppliers/S-2").status_code == 404


def test_a_monitor_downloads_the_month_report_and_the_signed_snapshot(
    client: FlaskClient, world: World
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    page = _run(client, world, "2026-10", form_token)
    base = f"/staff/{world.program}/months/2026-10"
    assert f'href="{base}/report.xlsx">XLSX</a>' in page
    workbook = client.get(f"{base}/report.xlsx")
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"
    assert "attachment; filename=" in workbook.headers["Content-Disposition"]
    html = client.get(f"{base}/report.html").get_data(as_text=True)
    assert "BUYER_UNDERPAID" in html and "25.00" in html
    assert client.get(f"{base}/report.pdf").status_code == 404
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', page)
    assert sha is not None
    signed = client.post(
        f"{base}/sign-off", data={"csrf_token": form_token, "sha256": sha[1]}, follow_redirects=True
    )
    assert "signed report snapshot" in text(signed)
    snapshot = client.get(f"{base}/versions/1/snapshot.json")
    assert snapshot.status_code == 200
    assert snapshot.get_json()["run"]["signed_off_by"].startswith("monitor.")
    report = client.get(f"{base}/report.json")
    assert report.data == snapshot.data  # the signed version reads as it was signed
    assert client.get(f"{base}/versions/2/snapshot.json").status_code == 404
    buyer = client_of(client.application)
    sign_in_as(buyer, world, "buyer")
    assert buyer.get(f"{base}/report.xlsx").status_code == 403


def test_a_month_warns_of_files_uploaded_after_its_run(
    client: FlaskClient, world: World, web_engine: Engine
) -> None:
    _overdue_purchase(client, world)
    form_token = sign_in_as(client, world, "monitor")
    assert "uploaded after this run" not in _run(client, world, "2026-10", form_token)
    # SQLite stamps uploads to the second: let the upload be two minutes old, the run one.
    now = datetime.now(UTC)
    with make_sessionmaker(web_engine).begin() as session:
        program = program_by_code(session, world.program)
        session.execute(
            update(ImportBatch)
            .where(ImportBatch.program_id == program.id)
            .values(created_at=now - timedelta(minutes=2))
        )
        session.execute(
            update(ReconciliationRun)
            .where(ReconciliationRun.program_id == program.id)
            .values(run_at=now - timedelta(minutes=1))
        )
    _overdue_purchase(client, world)
    page = text(client.get(f"/staff/{world.program}/months/2026-10"))
    assert "1 file was uploaded after this run." in page
