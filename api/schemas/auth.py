"""Schemas of signing in: a token for an email and password."""

from marshmallow import Schema, fields, validate


class TokenRequestSchema(Schema):
    """An email and password to exchange for a new API token."""

    email = fields.String(required=True, validate=validate.Length(1, 254))
    password = fields.String(required=True, validate=validate.Length(1, 1000))


class TokenSchema(Schema):
    """A new token, shown this once; only its digest is kept."""

    token = fields.String(required=True)
    email = fields.String(required=True)
    role = fields.String(required=True)
    program = fields.String(attribute="program_code", allow_none=True)
    party = fields.String(attribute="party_code", allow_none=True)
