"""Schemas of sign-off, run versions and the audit trail."""

from marshmallow import Schema, fields, validate

from api.schemas.reconciliation import MonthPath, RunSchema


class SignedRunSchema(RunSchema):
    """A run with the SHA-256 of the report snapshot stored when it was signed off."""

    snapshot_sha256 = fields.String(allow_none=True)


class SignOffRequestSchema(Schema):
    """A sign-off of the month's latest run."""

    expected_sha256 = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^[0-9a-fA-F]{64}$", error="not a SHA-256 in hex"),
        metadata={
            "description": "The result_sha256 of the run you reviewed: refused with 409 if "
            "the month was re-run since."
        },
    )


class VersionPath(MonthPath):
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class AuditQuery(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))
    before = fields.Integer(
        load_default=None, metadata={"description": "Only events older than this id."}
    )


class AuditEventSchema(Schema):
    """One recorded action: who did what to which subject, and when."""

    id = fields.Integer(required=True)
    at = fields.DateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    subject = fields.String(required=True)
    detail = fields.String(required=True)
