"""Uploads of all five kinds as files, and four kinds as JSON row lists (DESIGN.md §5)."""

from typing import Any

from flask import Blueprint, url_for

from api.auth import UPLOADERS
from api.routing import Reply, endpoint
from api.schemas.uploads import (
    ImportResultSchema,
    PaymentRow,
    PurchaseRow,
    ReceiptRow,
    RowListQuery,
    SaleRow,
    UploadForm,
)
from api.uploading import receive_rows, receive_upload
from imports.kinds import KINDS
from imports.pipeline import ImportResult
from ledger.users import Principal

blueprint = Blueprint("uploads", __name__)
_OUTCOMES = {200: "Already imported (identical file), or a dry run: nothing posted"}


def _reply(program: str, result: ImportResult) -> Reply:
    if result.status != "posted":
        return Reply(result, 200)
    headers = {"Location": url_for("v1.batches.get_batch", program=program, batch_id=result.batch)}
    if result.new_worker_codes:
        headers["Cache-Control"] = "no-store"  # lookup codes: shown this once, never kept
    return Reply(result, 201, headers)


@endpoint(
    blueprint,
    "/programs/<program>/uploads/<any(" + ",".join(KINDS) + "):kind>",
    method="POST",
    summary="Upload a CSV or XLSX file of one kind",
    tag="uploads",
    roles=UPLOADERS,
    form=UploadForm,
    response=ImportResultSchema,
    status=201,
    also=_OUTCOMES,
)
def upload_file(who: Principal, program: str, kind: str, form: dict[str, Any]) -> Reply:
    upload = form["file"]
    name = upload.filename or f"upload-{kind}"
    return _reply(program, receive_upload(who, program, kind, name, upload.read(), form))


def _row_list(kind: str, row_schema: type) -> None:
    def post_rows(
        who: Principal, program: str, query: dict[str, Any], body: list[dict[str, Any]]
    ) -> Reply:
        return _reply(program, receive_rows(who, program, kind, body, query))

    post_rows.__name__ = f"post_{kind}"
    endpoint(
        blueprint,
        f"/programs/<program>/{kind}",
        method="POST",
        summary=f"Post {kind} as a JSON list of rows with the contract column names",
        tag="uploads",
        roles=UPLOADERS,
        query=RowListQuery,
        body=row_schema,
        many_body=True,
        response=ImportResultSchema,
        status=201,
        also=_OUTCOMES,
    )(post_rows)


for _kind, _schema in (
    ("purchases", PurchaseRow),
    ("payments", PaymentRow),
    ("receipts", ReceiptRow),
    ("sales", SaleRow),
):
    _row_list(_kind, _schema)
