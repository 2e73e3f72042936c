"""Schemas and fields every part of the API shares: problems, months, cells, files, decimals."""

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import FileStorage

from reconciliation.months import Month

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class RowProblemSchema(Schema):
    """One thing wrong with an uploaded file: where it is, the raw value and why."""

    sheet = fields.String(allow_none=True)
    row = fields.Integer(allow_none=True)
    column = fields.String(allow_none=True)
    value = fields.String(allow_none=True)
    reason = fields.String(required=True)


class ProblemSchema(Schema):
    """An RFC 9457 problem: a stable `type` URI, title, status and detail."""

    type = fields.String(required=True, metadata={"format": "uri"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    problems = fields.List(fields.Nested(RowProblemSchema))
    errors = fields.Dict(metadata={"description": "Field messages of an invalid request."})


class MonthField(fields.Field[Month]):
    """A `YYYY-MM` month."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {"type": "string", "pattern": MONTH_PATTERN, "example": "2026-10"}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Month:
        if not isinstance(value, str):
            raise ValidationError("a month is text, YYYY-MM")
        try:
            month = Month.parse(value)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        if month.year < 1:  # dates begin in year 1
            raise ValidationError(f"month {value!r} is before year 1")
        return month


class Cell(fields.Field[str | None]):
    """A spreadsheet cell sent as JSON: text or a number, kept exact as text; null is blank.

    JSON numbers arrive as Decimal (the app parses floats so), so `12.5` stays `12.5`.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            allow_none=True,
            metadata={"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": True},
            **kwargs,
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            raise ValidationError("a cell is text or a number")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValidationError("a number must be finite")
        return value if isinstance(value, str) else str(value)


class FileField(fields.Field[FileStorage]):
    """An uploaded file part of a multipart/form-data body."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(metadata={"type": "string", "format": "binary"}, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> FileStorage:
        if not isinstance(value, FileStorage):
            raise ValidationError("send a file part, not a text field")
        return value


def exact(**kwargs: Any) -> fields.Decimal:
    """An exact decimal, written as a string so that no client reads it as a float."""
    metadata = {"type": "string", "format": "decimal", **kwargs.pop("metadata", {})}
    return fields.Decimal(as_string=True, metadata=metadata, **kwargs)
