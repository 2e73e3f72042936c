"""`premium-ledger program load FILE.toml`: set up a program or update it."""

import getpass
from pathlib import Path

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from imports.program_file import read_program_file
from ledger.program_setup import apply_program


@main.group()
def program() -> None:
    """Set up programs."""


@program.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", "changed_by", default=None, help="Who makes the change (default: you).")
@pass_app
def load(app: AppContext, path: Path, changed_by: str | None) -> None:
    """Create the program a program file describes, or update it."""
    definition = read_program_file(path.read_bytes())
    who = changed_by or f"{getpass.getuser()} (cli)"
    with app.sessions.begin() as session:
        changes = apply_program(session, definition, who)
    for change in changes:
        click.echo(f"  {change}", err=True)
    verdict = f"{len(changes)} change(s)" if changes else "unchanged"
    click.echo(f"program {definition.code} loaded: {verdict}")
