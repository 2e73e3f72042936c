"""The allocation helper as a form: a pool and a payroll in, the filled payroll to download.

The pool is shared by the API's own helper (imports.allocation_sheet); the page prints
the retention that goes with it, and the filled workbook is kept server-side for its
owner (ledger.pending_uploads) until downloaded, so one form gives both.
"""

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from flask import Response, render_template
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from api.reads.programs import list_parties
from api.schemas.reconciliation import AllocationForm
from api.scopes import is_party, require_party
from api.unit_of_work import unit_of_work
from api.web.staff import field_errors, form_fields, requires, staff_blueprint
from imports.allocation_sheet import AllocationRefused, SharedPool, share_payroll_pool
from ledger.participants import program_by_code
from ledger.pending_uploads import FileToKeep, PendingFile, keep_file, pending_file
from ledger.users import Principal

blueprint = staff_blueprint("staff_allocation", __name__)
ALLOCATORS = frozenset({"admin", "supplier"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEPT_FOR = timedelta(hours=1)


def _form_page(
    who: Principal, program: str, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    suppliers = []
    if not is_party(who):
        with unit_of_work() as db:
            found = program_by_code(db, program)
            suppliers = list_parties(db, found, "supplier", datetime.now(UTC).date())
    page = render_template("staff/allocation.html", program=program, suppliers=suppliers, **extra)
    return page, status


@blueprint.get("/<program>/allocation")
@requires(ALLOCATORS)
def allocation(who: Principal, program: str) -> ResponseReturnValue:
    return _form_page(who, program)


@blueprint.post("/<program>/allocation")
@requires(ALLOCATORS)
def allocate(who: Principal, program: str) -> ResponseReturnValue:
    fields = form_fields()
    supplier = who.party_code or str(fields.pop("supplier", ""))
    if "pool" in fields:  # "$1,234.56" as people type it; never through a float
        fields["pool"] = str(fields["pool"]).strip().lstrip("$").replace(",", "")
    try:
        form = AllocationForm().load(fields)
        if not supplier:
            raise ValidationError({"supplier": ["choose the supplier"]})
        require_party(who, "supplier", supplier, f"supplier {supplier!r}")
        shared, kept = _share(who, program, supplier, form)
    except ValidationError as invalid:
        return _form_page(who, program, 422, errors=field_errors(invalid))
    except AllocationRefused as refused:
        problems = refused.problems
        return _form_page(who, program, 422, problems=problems[:500], total=len(problems))
    return render_template(
        "staff/allocation_done.html", program=program, shared=shared, kept=kept, supplier=supplier
    )


def _share(
    who: Principal, program: str, supplier: str, form: dict[str, Any]
) -> tuple[SharedPool, PendingFile]:
    upload, out = form["file"], io.BytesIO()
    pool: Decimal = form["pool"]
    with unit_of_work() as db:
        shared = share_payroll_pool(
            db,
            program,
            supplier,
            pool,
            upload.read(),
            upload.filename or "payroll",
            out,
            sheet=form.get("sheet"),
        )
        file = FileToKeep(
            "allocation", program, "payroll", supplier, "payroll-allocated.xlsx", out.getvalue()
        )
        kept = keep_file(db, who.user_id, file, datetime.now(UTC), KEPT_FOR)
    return shared, kept


@blueprint.get("/<program>/allocation/<int:file_id>/<sha256>.xlsx")
@requires(ALLOCATORS)
def download(who: Principal, program: str, file_id: int, sha256: str) -> ResponseReturnValue:
    with unit_of_work() as db:
        kept = pending_file(db, file_id, who.user_id, "allocation", sha256, datetime.now(UTC))
    require_party(who, "supplier", kept.party, "allocated payroll")
    response = Response(kept.data, mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{kept.filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
