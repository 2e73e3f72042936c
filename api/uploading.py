"""Uploads over HTTP go through the very pipeline the CLI uses, for the caller's party.

A JSON row list is written out as a CSV file in memory, with the contract column
names as its header, and imported like any uploaded CSV: every rule, limit,
duplicate check and idempotency key is the same as for a file. Row problems then
name the row's position in the list (1 = first), not the CSV line.
"""

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import replace

from api.problems import NOT_FOUND, ApiError
from api.reads.batches import batch_view
from api.scopes import acting_party, check_program, is_party, sees_party
from api.unit_of_work import unit_of_work
from imports.errors import UploadRejected
from imports.kinds import KINDS
from imports.pipeline import ImportResult, Upload, import_upload
from ledger.participants import program_by_code
from ledger.users import Principal

# The header is row 1 of the CSV written for a JSON list, so item i is CSV row i + 1.
_HEADER_ROWS = 1


def receive_upload(
    who: Principal,
    program: str,
    kind_name: str,
    filename: str,
    data: bytes,
    options: Mapping[str, object],
    *,
    channel: str = "api",
) -> ImportResult:
    """Import one file of `kind_name` for the caller's party (an admin names the party).

    `channel` says where it came from (`api`, `web`) in the batch's `created_by`.
    """
    check_program(who, program)
    kind = KINDS.get(kind_name)
    if kind is None:
        raise ApiError(NOT_FOUND, f"no upload kind {kind_name!r}; one of {', '.join(KINDS)}")
    party = acting_party(who, kind.role, _text(options.get("party")))
    supersedes = options.get("supersedes")
    upload = Upload(
        program.strip(),
        party,
        filename,
        data,
        dry_run=bool(options.get("dry_run", False)),
        supersedes=supersedes if isinstance(supersedes, int) else None,
        sheet=_text(options.get("sheet")),
        uploaded_by=f"{who.email} ({channel})",
    )
    with unit_of_work() as session:
        if upload.supersedes is not None and is_party(who):
            batch = batch_view(session, program_by_code(session, program), upload.supersedes)
            if not sees_party(who, batch.role, batch.party):
                raise ApiError(NOT_FOUND, f"no batch {upload.supersedes}")
        return import_upload(session, upload, kind)


def receive_rows(
    who: Principal,
    program: str,
    kind_name: str,
    rows: Sequence[Mapping[str, str | None]],
    options: Mapping[str, object],
) -> ImportResult:
    """Import a JSON list of rows as the CSV file it stands for."""
    data = rows_as_csv(rows)
    try:
        return receive_upload(who, program, kind_name, f"api-{kind_name}.csv", data, options)
    except UploadRejected as rejected:
        raise UploadRejected(
            replace(problem, row=problem.row - _HEADER_ROWS if problem.row else problem.row)
            for problem in rejected.problems
        ) from None


def rows_as_csv(rows: Sequence[Mapping[str, str | None]]) -> bytes:
    """The rows as CSV bytes: a header of every column any row has, then one line a row."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column) or "" for column in columns] for row in rows)
    return out.getvalue().encode()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
