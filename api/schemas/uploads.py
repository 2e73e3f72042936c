"""Schemas of uploads: multipart files, JSON row lists, their results and batches."""

from typing import Any

from marshmallow import Schema, fields, validate

from api.schemas.common import Cell, FileField
from ledger.money import format_amount

_BATCH_ID = validate.Range(1, 2**31 - 1)


class UploadForm(Schema):
    """A file of one of the five kinds, and how to take it (DESIGN.md §5, §8)."""

    file = FileField(required=True)
    party = fields.String(
        validate=validate.Length(1, 64),
        metadata={"description": "The buyer or supplier; buyers and suppliers may leave it out."},
    )
    dry_run = fields.Boolean(load_default=False)
    supersedes = fields.Integer(validate=_BATCH_ID)
    sheet = fields.String(validate=validate.Length(1, 200))


class RowListQuery(Schema):
    """Options of a JSON row list, in the query string."""

    party = fields.String(validate=validate.Length(1, 64))
    dry_run = fields.Boolean(load_default=False)
    supersedes = fields.Integer(validate=_BATCH_ID)


def _row_schema(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> type:
    columns: dict[str, Any] = {column: Cell(required=True) for column in required}
    columns.update({column: Cell() for column in optional})
    return Schema.from_dict(columns, name=name)


PurchaseRow = _row_schema(
    "PurchaseRow", ("supplier", "commodity", "quantity", "unit", "purchase_date", "reference")
)
PaymentRow = _row_schema(
    "PaymentRow", ("supplier", "amount", "paid_on", "reference"), ("currency", "fx_rate")
)
ReceiptRow = _row_schema("ReceiptRow", ("buyer", "amount", "received_on", "reference"))
SaleRow = _row_schema(
    "SaleRow", ("buyer", "commodity", "quantity", "unit", "sale_date", "reference")
)


_WORKER_CODES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"worker_id": {"type": "string"}, "lookup_code": {"type": "string"}},
    },
    "description": "Payroll: new workers' lookup codes, shown this once and never stored.",
}


class ImportResultSchema(Schema):
    """What became of an upload (the CLI's `--json` summary, DESIGN.md §8)."""

    batch = fields.Integer(allow_none=True)
    status = fields.String(
        required=True, validate=validate.OneOf(("posted", "duplicate", "dry_run"))
    )
    rows = fields.Integer(required=True)
    entries = fields.Integer(required=True)
    premium = fields.Method("_premium", required=True, metadata={"type": "string"})
    currency = fields.String(required=True)
    sheet = fields.String(allow_none=True)
    supersedes = fields.Integer(allow_none=True)
    new_worker_codes = fields.Method("_codes", metadata=_WORKER_CODES)

    def _premium(self, result: Any) -> str:
        return format_amount(result.premium, result.currency)

    def _codes(self, result: Any) -> list[dict[str, str]]:
        return [{"worker_id": w, "lookup_code": code} for w, code in result.new_worker_codes]


class BatchQuery(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 2**31 - 1))


class BatchPath(Schema):
    program = fields.String(required=True)
    batch_id = fields.Integer(required=True, validate=_BATCH_ID)


class BatchSchema(Schema):
    """An uploaded file as recorded: live until a later batch supersedes it."""

    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    role = fields.String(required=True)
    party = fields.String(required=True)
    filename = fields.String(required=True)
    sheet = fields.String(allow_none=True)
    rows = fields.Integer(required=True)
    entries = fields.Integer(required=True)
    premium = fields.Method("_premium", required=True, metadata={"type": "string"})
    currency = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("live", "superseded")))
    supersedes = fields.Integer(allow_none=True)
    superseded_by = fields.Integer(allow_none=True)
    created_by = fields.String(required=True)
    created_at = fields.DateTime(required=True)

    def _premium(self, batch: Any) -> str:
        return format_amount(batch.premium, batch.currency)
