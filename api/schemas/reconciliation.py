"""Schemas of reconciliation runs, their contract JSON, findings and supplier standing."""

from marshmallow import Schema, fields, validate

from api.schemas.common import FileField, MonthField

STANDINGS = ("good", "probation", "suspended")


class RunRequestSchema(Schema):
    month = MonthField(required=True)


class MonthPath(Schema):
    program = fields.String(required=True)
    month = MonthField(required=True)


class RunSchema(Schema):
    """A stored run: one version of a month, with the SHA-256 of its JSON."""

    id = fields.Integer(required=True)
    month = fields.String(required=True)
    version = fields.Integer(required=True)
    run_at = fields.DateTime(required=True)
    run_by = fields.String(required=True)
    result_sha256 = fields.String(required=True)
    signed_off_at = fields.DateTime(allow_none=True)
    signed_off_by = fields.String(allow_none=True)
    new_version = fields.Boolean(
        metadata={"description": "False when a month not signed off was re-run in place."}
    )


class BuyerRowSchema(Schema):
    buyer = fields.String(required=True)
    supplier = fields.String(required=True)
    volume = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Left out for anyone but the buyer and monitors."},
    )
    premium_owed = fields.String(required=True)
    premium_paid = fields.String(required=True)
    unpaid_to_date = fields.String(required=True)
    overdue = fields.String(required=True)


class SupplierRowSchema(Schema):
    supplier = fields.String(required=True)
    standing = fields.String(required=True)
    premium_received = fields.String(required=True)
    premium_distributed = fields.String(required=True)
    premium_retained = fields.String(required=True)
    held_to_date = fields.String(required=True)
    held_overdue = fields.String(required=True)
    workers_paid = fields.Integer(required=True)
    payroll_lines = fields.Integer(required=True)


class ContractFindingSchema(Schema):
    code = fields.String(required=True)
    severity = fields.String(required=True)
    buyer = fields.String(allow_none=True, required=True)
    supplier = fields.String(allow_none=True, required=True)
    worker = fields.String(allow_none=True, required=True)
    period = fields.String(allow_none=True, required=True)
    amount = fields.String(required=True)
    message = fields.String(required=True)


class MonthResultSchema(Schema):
    """The contract JSON of DESIGN.md §6; buyers and suppliers see their own rows only."""

    program = fields.String(required=True)
    month = fields.String(required=True)
    as_of = fields.String(required=True)
    currency = fields.String(required=True)
    buyers = fields.List(fields.Nested(BuyerRowSchema), required=True)
    suppliers = fields.List(fields.Nested(SupplierRowSchema), required=True)
    findings = fields.List(fields.Nested(ContractFindingSchema), required=True)


class SupplierPath(Schema):
    program = fields.String(required=True)
    supplier = fields.String(required=True, validate=validate.Length(1, 64))


class StandingEntrySchema(Schema):
    standing = fields.String(required=True)
    since = fields.Date(required=True)
    reason = fields.String(required=True)
    recorded_by = fields.String(required=True)
    recorded_at = fields.DateTime(allow_none=True)


class StandingHistorySchema(Schema):
    """A supplier's standing changes by date; none means good all along."""

    supplier = fields.String(required=True)
    changes = fields.List(fields.Nested(StandingEntrySchema), required=True)


class StandingChangeSchema(Schema):
    """A person's decision: the supplier has this standing from `since` on, and why."""

    standing = fields.String(required=True, validate=validate.OneOf(STANDINGS))
    since = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(1, 2000))


class StandingUpdateSchema(Schema):
    supplier = fields.String(required=True)
    change = fields.String(allow_none=True, metadata={"description": "null: unchanged"})


class AllocationForm(Schema):
    """A payroll file and the premium pool to share over it."""

    file = FileField(required=True)
    pool = fields.Decimal(
        required=True,
        metadata={"type": "string", "example": "1234.56", "description": "More than 0."},
    )
    sheet = fields.String(validate=validate.Length(1, 200))


class FindingSchema(Schema):
    """A finding of the month's latest run and how it stands in review."""

    number = fields.Integer(required=True, metadata={"description": "Its place in the report."})
    code = fields.String(required=True)
    severity = fields.String(required=True)
    buyer = fields.String(allow_none=True, required=True)
    supplier = fields.String(allow_none=True, required=True)
    worker = fields.String(allow_none=True, required=True)
    period = fields.String(allow_none=True, required=True)
    amount = fields.String(required=True)
    message = fields.String(required=True)
    status = fields.String(required=True)
    status_comment = fields.String(required=True)
    reviewed_by = fields.String(allow_none=True)
    reviewed_at = fields.DateTime(allow_none=True)


class FindingPath(MonthPath):
    number = fields.Integer(required=True, validate=validate.Range(min=1))


class ReviewRequestSchema(Schema):
    """A monitor's review of one finding."""

    status = fields.String(
        required=True, validate=validate.OneOf(["open", "acknowledged", "resolved", "disputed"])
    )
    comment = fields.String(load_default="", validate=validate.Length(max=4000))
