"""`premium-ledger users create` and `tokens create`: people and their API tokens."""

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from ledger.users import ROLES, create_user, issue_token


@main.group()
def users() -> None:
    """Users of the HTTP API."""


@users.command("create")
@click.option("--email", required=True, help="The user's email address, used to sign in.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the user may do.")
@click.option("--program", "program_code", help="The program (required except for admins).")
@click.option("--party", "party_code", help="A buyer's or supplier's own code.")
@click.password_option(help="The password (asked for when not given).")
@pass_app
def create(
    app: AppContext,
    email: str,
    role: str,
    program_code: str | None,
    party_code: str | None,
    password: str,
) -> None:
    """Create a user with a role, limited to a program and, for parties, to one party."""
    with app.sessions.begin() as session:
        user = create_user(
            session, email, role, password, program_code=program_code, party_code=party_code
        )
    scope = " ".join(part for part in (user.program_code, user.party_code) if part)
    click.echo(f"user {user.email} created: {user.role} {scope or '(every program)'}".rstrip())


@main.group()
def tokens() -> None:
    """API tokens."""


@tokens.command("create")
@click.option("--email", required=True, help="Whose token.")
@pass_app
def create_token(app: AppContext, email: str) -> None:
    """Print a new API token; it is shown only now, as only its SHA-256 is kept."""
    with app.sessions.begin() as session:
        token = issue_token(session, email)
    click.echo("keep this token now: it cannot be shown again", err=True)
    click.echo(token)
