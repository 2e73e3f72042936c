"""The allocation helper as a form: the page prints the retention, the workbook downloads."""

import io
import re
from decimal import Decimal

from flask.testing import FlaskClient
from openpyxl import load_workbook

from tests.api.world import World
from tests.web.pages import payroll_csv, payroll_row, sign_in_as, text


def _allocate(client: FlaskClient, world: World, form_token: str, **fields: str) -> str:
    payroll = payroll_csv(payroll_row(hours="30", premium=""), payroll_row(hours="10", premium=""))
    answer = client.post(
        f"/staff/{world.program}/allocation",
        data={"csrf_token": form_token, "file": (io.BytesIO(payroll), "payroll.csv"), **fields},
        content_type="multipart/form-data",
    )
    return text(answer)


def test_a_supplier_shares_a_pool_and_downloads_the_filled_payroll(
    client: FlaskClient, world: World
) -> None:
    form_token = sign_in_as(client, world, "supplier")
    page = _allocate(client, world, form_token, pool="$100.00")
    assert "<dt>Retention</dt><dd>7.65 USD" in page  # 5.74 + 1.91, rounded per line
    assert "<dd>107.65 USD</dd>" in page
    link = re.search(r'href="([^"]+\.xlsx)"', page)
    assert link is not None
    download = client.get(link[1])
    assert download.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(download.data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    premium = rows[0].index("premium")
    assert [Decimal(str(row[premium])) for row in rows[1:]] == [Decimal("75"), Decimal("25")]


def test_a_pool_that_cannot_be_shared_shows_why(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "supplier")
    page = _allocate(client, world, form_token, pool="0")
    assert "the pool must be more than 0" in page
    assert "not a valid" in _allocate(client, world, form_token, pool="lots").lower()


def test_the_download_is_its_owners_only(
    client: FlaskClient, world: World, app_client_pair: tuple[FlaskClient, FlaskClient]
) -> None:
    form_token = sign_in_as(client, world, "supplier")
    link = re.search(r'href="([^"]+\.xlsx)"', _allocate(client, world, form_token, pool="10"))
    assert link is not None
    admin, _ = app_client_pair
    sign_in_as(admin, world, "admin")
    assert admin.get(link[1]).status_code == 404


def test_a_buyer_has_no_allocation_helper(client: FlaskClient, world: World) -> None:
    sign_in_as(client, world, "buyer")
    assert client.get(f"/staff/{world.program}/allocation").status_code == 403
