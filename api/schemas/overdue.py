"""Schemas of a program's overdue submissions: the latest check and what it found."""

from marshmallow import Schema, fields


class OverdueItemSchema(Schema):
    """A submission a party owes (a buyer or supplier sees only its own)."""

    kind = fields.String(required=True, metadata={"enum": ["payroll", "purchases"]})
    role = fields.String(required=True, metadata={"enum": ["buyer", "supplier"]})
    party = fields.String(required=True)
    period = fields.String(
        required=True,
        metadata={
            "description": "The month of a purchase report (YYYY-MM), or for payroll the"
            " window of the oldest unanswered payment (paid_on/due_on)."
        },
    )
    due_on = fields.String(required=True, metadata={"format": "date"})
    days_overdue = fields.Integer(required=True)
    amount = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Premium received that payroll must show; null for purchases."},
    )
    message = fields.String(required=True)


class OverdueCheckSchema(Schema):
    """The program's latest overdue check: as of when, when it ran, by whom, what it found."""

    program = fields.String(required=True)
    as_of = fields.String(required=True, metadata={"format": "date"})
    checked_at = fields.String(required=True, metadata={"format": "date-time"})
    checked_by = fields.String(required=True)
    job_run = fields.Integer(
        allow_none=True, required=True, metadata={"description": "The scheduler's job run."}
    )
    currency = fields.String(required=True)
    items = fields.List(fields.Nested(OverdueItemSchema), required=True)
