"""`premium-ledger export journal`: the books in another tool's format, to check them there."""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from ledger.participants import program_by_code
from reports.journal_export import FORMATS, write_hledger


@main.group(name="export")
def export_group() -> None:
    """Export the books (journal) for other tools."""


@export_group.command(name="journal")
@click.option("--program", "program_code", required=True, help="Program code.")
@click.option(
    "--format", "format_name", type=click.Choice(FORMATS), default="hledger", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@pass_app
def journal(app: AppContext, program_code: str, format_name: str, output: Path | None) -> None:
    """Every entry of the program, in the order posted (`hledger -f FILE check` passes)."""
    with app.sessions.begin() as session:
        program = program_by_code(session, program_code)
        if output is None:
            written = write_hledger(session, program, sys.stdout)
        else:
            written = _write_file(output, lambda out: write_hledger(session, program, out))
    where = f" to {output}" if output is not None else ""
    click.echo(f"{written} entries exported{where} ({format_name})", err=True)


def _write_file(path: Path, write: Callable[[TextIO], int]) -> int:
    """Write beside the target and move it into place: a failed export leaves no half file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            written = write(out)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return written
