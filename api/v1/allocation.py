"""The allocation helper over HTTP: a payroll and a pool in, the filled payroll (XLSX) out."""

import io
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response

from api.auth import ADMIN
from api.routing import endpoint
from api.schemas.reconciliation import AllocationForm, SupplierPath
from api.scopes import check_program, require_party
from api.unit_of_work import unit_of_work
from imports.allocation_sheet import share_payroll_pool
from ledger.money import format_amount
from ledger.users import Principal

blueprint = Blueprint("allocation", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@endpoint(
    blueprint,
    "/programs/<program>/suppliers/<supplier>/allocation",
    method="POST",
    summary="Share a premium pool over a payroll; answers the filled payroll (XLSX)",
    tag="standing",
    roles=ADMIN | {"supplier"},
    path=SupplierPath,
    form=AllocationForm,
    produces=XLSX,
)
def allocate(who: Principal, program: str, supplier: str, form: dict[str, Any]) -> Response:
    check_program(who, program)
    require_party(who, "supplier", supplier, f"supplier {supplier!r}")
    upload, out = form["file"], io.BytesIO()
    with unit_of_work() as session:
        shared = share_payroll_pool(
            session,
            program.strip(),
            supplier,
            form["pool"],
            upload.read(),
            upload.filename or "payroll",
            out,
            sheet=form.get("sheet"),
        )
    response = Response(out.getvalue(), mimetype=XLSX)
    response.headers["Content-Disposition"] = 'attachment; filename="payroll-allocated.xlsx"'
    response.headers["Allocation-Retention"] = _money(shared.retention, shared.currency)
    response.headers["Allocation-Lines"] = str(shared.lines)
    return response


def _money(amount: Decimal, currency: str) -> str:
    return f"{format_amount(amount, currency)} {currency}"
