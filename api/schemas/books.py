"""Schemas of the books: balances by account and an account's postings, page by page."""

from typing import Any

from marshmallow import Schema, fields, validate

from ledger.money import format_amount


class BalancesQuery(Schema):
    as_of = fields.Date(metadata={"description": "Balances on this date (default: all)."})
    prefix = fields.String(
        validate=validate.Length(1, 300),
        metadata={"description": "Only accounts named so or below, e.g. suppliers:S-201."},
    )


class BalancesSchema(Schema):
    """`{"ACCOUNT": {"CUR": "amount"}}` as `balances --json` prints it (DESIGN.md §8)."""

    balances = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.String()),
        required=True,
    )


class PostingsQuery(Schema):
    account = fields.String(required=True, validate=validate.Length(1, 300))
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 1000))
    offset = fields.Integer(load_default=0, validate=validate.Range(0, 2**31 - 1))


class PostingSchema(Schema):
    """One posting of the account, traceable to its entry, batch and row."""

    posting_id = fields.Integer(required=True)
    entry_id = fields.Integer(required=True)
    effective_date = fields.Date(required=True)
    kind = fields.String(required=True)
    description = fields.String(required=True)
    currency = fields.String(required=True)
    amount = fields.Method("_amount", required=True, metadata={"type": "string"})
    batch_id = fields.Integer(allow_none=True)
    source_sheet = fields.String(allow_none=True)
    source_row = fields.Integer(allow_none=True)

    def _amount(self, line: Any) -> str:
        return format_amount(line.amount, line.currency)


class PostingPageSchema(Schema):
    """A page of postings; `next_offset` is null on the last page."""

    account = fields.String(required=True)
    items = fields.List(fields.Nested(PostingSchema), required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    next_offset = fields.Integer(allow_none=True, required=True)
