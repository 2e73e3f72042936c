"""Schemas of a program's setup: the program, its parties and its rates."""

from marshmallow import Schema, fields, validate

from api.schemas.common import FileField, exact


class CommoditySchema(Schema):
    code = fields.String(required=True)
    base_unit = fields.String(required=True)
    units = fields.Dict(
        keys=fields.String(),
        values=exact(),
        metadata={"description": "Base units per unit; the base unit is a unit of factor 1."},
    )


class SettingsSchema(Schema):
    payment_terms_days = fields.Integer(required=True)
    distribution_deadline_days = fields.Integer(required=True)
    confirmation_days = fields.Integer(required=True)
    retention_rate = exact(required=True)
    allocation_basis = fields.String(required=True)
    allocation_tolerance = exact(required=True)
    amount_tolerance = exact(required=True)


class ProgramSchema(Schema):
    """A program and its settings (DESIGN.md §3)."""

    code = fields.String(required=True)
    name = fields.String(required=True)
    currency = fields.String(required=True)
    settings = fields.Nested(SettingsSchema, required=True)
    commodities = fields.List(fields.Nested(CommoditySchema), required=True)


class ProgramLoadedSchema(Schema):
    """What loading a program file did: the program, and each change (none: unchanged)."""

    program = fields.String(required=True)
    changes = fields.List(fields.String(), required=True)


class ProgramFileForm(Schema):
    """A program file (TOML) uploaded as a multipart file part."""

    file = FileField(required=True)


class PartyQuery(Schema):
    role = fields.String(validate=validate.OneOf(("buyer", "supplier")))


class PartySchema(Schema):
    """A buyer or supplier: public, as participation in the program is (DESIGN.md §1)."""

    role = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    location = fields.String(required=True)
    standing = fields.String(allow_none=True, metadata={"description": "Suppliers: today's."})


class RateSchema(Schema):
    """Premium per base unit of a commodity from a date, program-wide or one buyer's."""

    commodity = fields.String(required=True)
    buyer = fields.String(allow_none=True)
    amount = exact(required=True)
    effective_from = fields.Date(required=True)
    effective_to = fields.Date(allow_none=True)
