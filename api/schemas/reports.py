"""Schemas of monthly reports: which format, and which run version."""

from marshmallow import Schema, fields, validate

from reports.month_report import ReportFormat


class ReportQuery(Schema):
    """The report's format, and a run version (default: the month's latest)."""

    format = fields.String(required=True, validate=validate.OneOf([f.value for f in ReportFormat]))
    version = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "A run version; the latest when left out."},
    )
