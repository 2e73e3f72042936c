"""Schemas of the public register: programs, their buyers and suppliers, never amounts."""

from marshmallow import Schema, fields, validate

STANDINGS = ("good", "probation", "suspended")


class BuyerSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    location = fields.String(required=True)


class SupplierSchema(BuyerSchema):
    standing = fields.String(
        required=True,
        validate=validate.OneOf(STANDINGS),
        metadata={"description": "The standing in force today."},
    )


class ProgramParticipantsSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    buyers = fields.List(fields.Nested(BuyerSchema), required=True)
    suppliers = fields.List(fields.Nested(SupplierSchema), required=True)


class RegisterSchema(Schema):
    """Every program's participating buyers and suppliers, with locations and standing."""

    as_of = fields.Date(required=True, metadata={"description": "The day the standings hold."})
    programs = fields.List(fields.Nested(ProgramParticipantsSchema), required=True)
