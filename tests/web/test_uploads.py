"""Uploads from the web: a dry run first, then the very file checked is posted, in scope."""

import io
import re

from flask.testing import FlaskClient

from tests.api.world import World, purchase_row, purchases_csv
from tests.web.pages import payroll_csv, payroll_row, sign_in_as, text, token


def _check(
    client: FlaskClient, world: World, form_token: str, kind: str, data: bytes, **fields: str
) -> str:
    answer = client.post(
        f"/staff/{world.program}/uploads/check",
        data={
            "csrf_token": form_token,
            "kind": kind,
            "file": (io.BytesIO(data), f"{kind}.csv"),
            **fields,
        },
        content_type="multipart/form-data",
    )
    return text(answer)


def _post(client: FlaskClient, world: World, checked: str, form_token: str | None = None) -> str:
    file_id = re.search(r'name="file_id" value="(\d+)"', checked)
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', checked)
    assert file_id is not None and digest is not None, checked
    answer = client.post(
        f"/staff/{world.program}/uploads/post",
        data={
            "csrf_token": form_token or token(checked),
            "file_id": file_id[1],
            "sha256": digest[1],
        },
    )
    return text(answer)


def test_a_dry_run_lists_every_problem_and_posts_nothing(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "supplier")
    bad = payroll_csv(payroll_row(hours="forty"), payroll_row(premium="-3"))
    page = _check(client, world, form_token, "payroll", bad)
    assert "The file was refused: 2 problems" in page
    assert '<td class="num">2</td><td>hours</td><td>forty</td><td>not a number</td>' in page
    assert '<td class="num">3</td><td>premium</td><td>-3</td><td>must not be negative</td>' in page
    assert "No batches yet." in page


def test_a_valid_file_is_checked_then_posted_without_sending_it_again(
    client: FlaskClient, world: World
) -> None:
    form_token = sign_in_as(client, world, "supplier")
    good = payroll_csv(payroll_row(premium="10.00"), payroll_row(premium="5.50"))
    checked = _check(client, world, form_token, "payroll", good)
    assert "Ready to post" in checked
    assert "15.50 USD" in checked
    assert "No batches yet." in text(client.get(f"/staff/{world.program}/uploads"))
    posted = _post(client, world, checked)
    batch = re.search(r"<h1>Batch (\d+) posted</h1>", posted)
    assert batch is not None, posted
    assert "2 rows, 2 entries, premium 15.50 USD" in posted
    assert "Lookup codes of new workers" in posted
    listing = text(client.get(f"/staff/{world.program}/uploads"))
    assert re.search(rf'<td class="num">{batch[1]}</td><td>payroll</td><td>S-1</td>', listing)
    assert "supplier." in listing and "(web)" in listing


def test_an_identical_file_says_which_batch_it_was_imported_as(
    client: FlaskClient, world: World
) -> None:
    form_token = sign_in_as(client, world, "buyer")
    data = purchases_csv(purchase_row())
    posted = _post(client, world, _check(client, world, form_token, "purchases", data))
    batch = re.search(r"<h1>Batch (\d+) posted</h1>", posted)
    assert batch is not None
    again = _check(client, world, form_token, "purchases", data)
    assert f"already imported as batch {batch[1]}" in again


def test_a_checked_file_is_posted_only_by_its_owner_and_with_its_digest(
    client: FlaskClient, world: World, app_client_pair: tuple[FlaskClient, FlaskClient]
) -> None:
    form_token = sign_in_as(client, world, "buyer")
    checked = _check(client, world, form_token, "purchases", purchases_csv(purchase_row()))
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', checked)
    assert digest is not None
    tampered = checked.replace(digest[1], "0" * 64)
    assert "not the one that was checked" in _post(client, world, tampered)
    admin, _ = app_client_pair
    admin_token = sign_in_as(admin, world, "admin")
    assert "no longer kept" in _post(admin, world, checked, admin_token)
    assert "posted</h1>" in _post(client, world, checked)


def test_a_supplier_cannot_upload_for_another_supplier(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "supplier")
    answer = client.post(
        f"/staff/{world.program}/uploads/check",
        data={
            "csrf_token": form_token,
            "kind": "payroll",
            "party": "S-2",
            "file": (io.BytesIO(payroll_csv(payroll_row())), "payroll.csv"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 404
    assert "no supplier &#39;S-2&#39;" in text(answer)


def test_a_buyer_cannot_send_a_suppliers_kind_of_file(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "buyer")
    page = _check(client, world, form_token, "payroll", payroll_csv(payroll_row()))
    assert "kind: choose one of purchases, payments" in page


def test_a_supplier_sees_only_its_own_batches_and_cannot_supersede_others(
    client: FlaskClient, world: World, app_client_pair: tuple[FlaskClient, FlaskClient]
) -> None:
    other, _ = app_client_pair
    other_token = sign_in_as(other, world, "other_supplier")
    posted = _post(
        other, world, _check(other, world, other_token, "payroll", payroll_csv(payroll_row()))
    )
    theirs = re.search(r"<h1>Batch (\d+) posted</h1>", posted)
    assert theirs is not None
    form_token = sign_in_as(client, world, "supplier")
    listing = text(client.get(f"/staff/{world.program}/uploads"))
    assert "No batches yet." in listing
    assert f'value="{theirs[1]}"' not in listing
    answer = _check(
        client, world, form_token, "payroll", payroll_csv(payroll_row()), supersedes=theirs[1]
    )
    assert f"no batch {theirs[1]}" in answer


def test_an_admin_uploads_for_the_party_it_chooses(client: FlaskClient, world: World) -> None:
    form_token = sign_in_as(client, world, "admin")
    page = text(client.get(f"/staff/{world.program}/uploads"))
    assert '<option value="S-2">supplier S-2' in page
    checked = _check(client, world, form_token, "payroll", payroll_csv(payroll_row()), party="S-2")
    assert "<dt>For</dt><dd>S-2</dd>" in checked
    assert "posted</h1>" in _post(client, world, checked)


def test_a_corrected_file_supersedes_the_batch_it_replaces(
    client: FlaskClient, world: World
) -> None:
    form_token = sign_in_as(client, world, "buyer")
    reference = f"INV-{world.program}"
    first = _post(
        client,
        world,
        _check(
            client, world, form_token, "purchases", purchases_csv(purchase_row(reference=reference))
        ),
    )
    batch = re.search(r"<h1>Batch (\d+) posted</h1>", first)
    assert batch is not None
    corrected = purchases_csv(purchase_row(quantity="120", reference=reference))
    checked = _check(client, world, form_token, "purchases", corrected, supersedes=batch[1])
    assert f"batch {batch[1]}, whose entries are reversed" in checked
    posted = _post(client, world, checked)
    assert f"batch {batch[1]} is superseded" in posted
    listing = text(client.get(f"/staff/{world.program}/uploads"))
    assert "superseded by" in listing
