"""A supplier's pass-through, month by month: premium received against premium passed on.

Monitors and admins see every supplier; a supplier sees only its own (api.scopes).
The chart is inline SVG (api.web.charts) beside a table of the same figures.
"""

from datetime import UTC, datetime

from flask import render_template
from flask.typing import ResponseReturnValue

from api.problems import NOT_FOUND, ApiError
from api.reads.pass_through import supplier_pass_through
from api.reads.programs import list_parties
from api.scopes import require_party
from api.unit_of_work import unit_of_work
from api.web.charts import Series, bar_chart
from api.web.staff import EVERYONE, requires, staff_blueprint
from ledger.participants import program_by_code
from ledger.program_setup import code_key
from ledger.users import Principal

blueprint = staff_blueprint("staff_pass_through", __name__)


@blueprint.get("/<program>/suppliers/<supplier>")
@requires(EVERYONE)
def supplier(who: Principal, program: str, supplier: str) -> ResponseReturnValue:
    require_party(who, "supplier", supplier, f"supplier {supplier!r}")
    with unit_of_work() as db:
        found = program_by_code(db, program)
        parties = list_parties(db, found, "supplier", datetime.now(UTC).date())
        party = next((p for p in parties if code_key(p.code) == code_key(supplier)), None)
        if party is None:
            raise ApiError(NOT_FOUND, f"no supplier {supplier!r}")
        months = supplier_pass_through(db, found, party.code)
    chart = bar_chart(
        f"Premium received and passed on to workers by {party.code}, month by month",
        [m.month for m in months],
        [
            Series("Received", [m.received for m in months], "received"),
            Series("Passed on to workers", [m.distributed for m in months], "passed"),
        ],
        found.currency,
    )
    return render_template(
        "staff/supplier.html",
        program=program,
        party=party,
        months=months,
        chart=chart,
        currency=found.currency,
    )
