"""Property-based run of the whole API with schemathesis, in process, as an admin.

Every documented operation is called with generated valid and invalid inputs on a
real program (the path's program and supplier are the world's), and every answer
must be documented: no server error, a status the document lists, the content type
it lists and a body that matches its schema. Examples are bounded to keep it quick.
"""

from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from tests.api.world import World

# The document needs no database, only the routes: an app on an unopened in-memory
# engine describes them. (schemathesis' fixture loader fails on pytest 9, hence not used.)
_DOCUMENT = create_app({"DATABASE_URL": "sqlite://"}).test_client().get("/api/v1/openapi.json")
schema = schemathesis.openapi.from_dict(_DOCUMENT.get_json())
# A program file (TOML) is text: send generated ones as plain text is sent.
schemathesis.serializer.alias("application/toml", "text/plain")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_none_is_a_server_error(
    case: Any, app: Flask, world: World
) -> None:
    for name, value in (("program", world.program), ("supplier", "S-1")):
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = value
    case.call_and_validate(app=app, headers=world.auth("admin"), checks=CHECKS)
