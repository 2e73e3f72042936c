"""`premium-ledger import KIND` and `premium-ledger batches`: uploads from the command line."""

import csv
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from sqlalchemy import select

from api.cli.context import AppContext, pass_app
from api.cli.group import REJECTED, main
from imports.errors import UploadRejected
from imports.kinds import KINDS
from imports.pipeline import ImportResult, Progress, Upload, import_upload
from ledger.batches import ImportBatch
from ledger.money import format_amount
from ledger.participants import Party, program_by_code


@main.group(name="import")
def import_group() -> None:
    """Import a buyer's or supplier's file (CSV or XLSX)."""


def _import_command(kind_name: str) -> click.Command:
    kind = KINDS[kind_name]
    party_option = f"--{kind.role}"

    @click.command(name=kind_name, help=f"Import a {kind.role}'s {kind_name} file.")
    @click.option("--program", "program_code", required=True, help="Program code.")
    @click.option(party_option, "party", required=True, help=f"The {kind.role}'s code.")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Check every row, post nothing.")
    @click.option("--supersedes", type=int, help="Batch id this corrected file replaces.")
    @click.option("--sheet", help="Read this sheet of a workbook.")
    @click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
    @pass_app
    def command(
        app: AppContext,
        program_code: str,
        party: str,
        path: Path,
        dry_run: bool,
        supersedes: int | None,
        sheet: str | None,
        as_json: bool,
        codes_out: Path | None = None,
    ) -> None:
        if codes_out is not None and codes_out.exists():
            raise click.UsageError(f"{codes_out} exists: lookup codes go to a new file only")
        upload = Upload(
            program_code,
            party,
            path.name,
            path,
            dry_run,
            supersedes,
            sheet,
            uploaded_by=f"{app.user} (cli)",
        )
        try:
            with app.sessions.begin() as session:
                result = import_upload(session, upload, kind, progress=_progress())
                if codes_out is not None and result.status == "posted":
                    # Before the commit: if the codes cannot be kept, nothing is imported.
                    _write_codes(codes_out, result.new_worker_codes)
        except UploadRejected as rejected:
            _report(rejected, as_json)
            raise SystemExit(REJECTED) from None
        click.echo(_json(result) if as_json else _summary(result))
        if codes_out is None:
            _show_codes(result.new_worker_codes)

    if kind.kind == "payroll":  # the only kind that creates workers
        help_text = "Write new workers' lookup codes to this new CSV file (default: stderr)."
        click.option(
            "--codes-out", type=click.Path(dir_okay=False, path_type=Path), help=help_text
        )(command)
    return command


def _write_codes(path: Path, codes: Sequence[tuple[str, str]]) -> None:
    """A new file readable by its owner only: the codes are the workers' keys."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["worker_id", "lookup_code"])
        writer.writerows(codes)
    click.echo(f"{len(codes)} new worker lookup code(s) written to {path}", err=True)


def _show_codes(codes: Sequence[tuple[str, str]]) -> None:
    """Only the digest of a code is stored, so this is the one time anyone sees it."""
    if not codes:
        return
    click.echo(f"{len(codes)} new worker(s); hand each its lookup code (shown only now):", err=True)
    width = max(len(worker_id) for worker_id, _ in codes)
    for worker_id, code in codes:
        click.echo(f"  {worker_id:<{width}}  {code}", err=True)


def _progress() -> Progress | None:
    if not sys.stderr.isatty():
        return None
    counted = [0]

    def show(rows: int) -> None:
        counted[0] += rows
        click.echo(f"\r{counted[0]:,} rows checked", err=True, nl=False)

    return show


def _summary(result: ImportResult) -> str:
    premium = f"{format_amount(result.premium, result.currency)} {result.currency}"
    if result.status == "duplicate":
        return f"batch {result.batch} already imported (identical file)"
    if result.status == "dry_run":
        return f"dry run: {result.rows} rows valid"
    counts = f"{result.rows} rows, {result.entries} entries"
    return f"batch {result.batch} posted: {counts}, premium {premium}"


def _json(result: ImportResult) -> str:
    return json.dumps(
        {
            "batch": result.batch,
            "status": result.status,
            "rows": result.rows,
            "entries": result.entries,
            "premium": format_amount(result.premium, result.currency),
            "currency": result.currency,
            "sheet": result.sheet,
            "supersedes": result.supersedes,
        }
    )


def _report(rejected: UploadRejected, as_json: bool) -> None:
    if as_json:
        problems = [
            {
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column,
                "value": p.value,
                "reason": p.reason,
            }
            for p in rejected.problems
        ]
        click.echo(json.dumps({"status": "rejected", "problems": problems}))
    click.echo(f"upload refused: {len(rejected.problems)} problem(s)", err=True)
    for problem in rejected.problems:
        click.echo(f"  {problem}", err=True)


for _name in KINDS:
    import_group.add_command(_import_command(_name))


@main.command()
@click.option("--program", "program_code", required=True, help="Program code.")
@pass_app
def batches(app: AppContext, program_code: str) -> None:
    """List the program's import batches with their status."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        rows = session.execute(
            select(ImportBatch, Party.code)
            .join(Party, Party.id == ImportBatch.party_id)
            .where(ImportBatch.program_id == program.id)
            .order_by(ImportBatch.id)
        ).all()
        superseded = {b.supersedes_id: b.id for b, _ in rows if b.supersedes_id is not None}
    for batch, party in rows:
        status = f"superseded by {superseded[batch.id]}" if batch.id in superseded else "live"
        premium = format_amount(batch.premium, program.currency)
        click.echo(
            f"{batch.id:>6}  {batch.kind:<9} {party:<10} {batch.rows:>8} rows"
            f"  {premium:>14} {program.currency}  {status:<18} {batch.filename}"
        )
