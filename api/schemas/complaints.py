"""Schemas of workers' complaints about their premium lines, as monitors see and handle them."""

from marshmallow import Schema, fields, validate

from ledger.complaints import COMPLAINT_KINDS, COMPLAINT_STATUSES


class ComplaintPath(Schema):
    program = fields.String(required=True)
    complaint = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


class ComplaintQuery(Schema):
    status = fields.String(validate=validate.OneOf(COMPLAINT_STATUSES))


class ComplaintSchema(Schema):
    """A complaint, the payroll line it is about, and where its handling stands."""

    id = fields.Integer(required=True)
    supplier = fields.String(required=True)
    worker = fields.String(required=True, metadata={"description": "The payroll worker id."})
    payroll_line_id = fields.Integer(required=True)
    period = fields.String(required=True, metadata={"example": "2026-08-03/2026-08-09"})
    pay_date = fields.Date(required=True)
    premium = fields.String(required=True, metadata={"description": "The line's premium."})
    kind = fields.String(required=True, validate=validate.OneOf(COMPLAINT_KINDS))
    text = fields.String(required=True)
    language = fields.String(required=True, metadata={"description": "What it was written in."})
    status = fields.String(required=True, validate=validate.OneOf(COMPLAINT_STATUSES))
    status_note = fields.String(required=True)
    status_by = fields.String(allow_none=True, required=True)
    status_at = fields.DateTime(allow_none=True, required=True)
    filed_at = fields.DateTime(required=True)


class ComplaintStatusSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(COMPLAINT_STATUSES))
    note = fields.String(load_default="", validate=validate.Length(max=2000))
