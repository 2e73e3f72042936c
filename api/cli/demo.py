"""`premium-ledger demo`: the embedded database with a realistic program in it, served."""

import click

from api.cli.context import AppContext, pass_app
from api.cli.group import main
from api.cli.serve import serve
from api.demo import PASSWORD, PROGRAM, DemoBooks, build_demo
from ledger.database import upgrade


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Build the demo books and stop.")
@click.pass_context
@pass_app
def demo(app: AppContext, ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Build the demo program through the real importers, reconcile it, and serve it.

    Running it again changes nothing in the books: identical files are no-ops.
    """
    upgrade(app.engine)
    with app.sessions.begin() as session:
        books = build_demo(session, app.user, lambda line: click.echo(line, err=True))
    _introduce(host, port, books)
    if not no_serve:
        ctx.invoke(serve, host=host, port=port, workers=2)


def _introduce(host: str, port: int, books: DemoBooks) -> None:
    base = f"http://{host}:{port}"
    click.echo(f"\nPremium Ledger demo: program {PROGRAM}, August–October 2026")
    click.echo(f"  API      {base}/api/v1  (OpenAPI: {base}/api/v1/openapi.json)")
    click.echo(f"  health   {base}/api/v1/health")
    click.echo(f"  public   {base}/w (worker page)  {base}/participants")
    click.echo(f"  sign in  password for every demo user: {PASSWORD}")
    for user in books.users:
        click.echo(f"  {user.role:<8} {user.email:<24} token {user.token}")
    if books.worker_codes:
        supplier, worker, code = books.worker_codes[0]
        click.echo(
            f"  worker   {worker} of {supplier} has lookup code {code}"
            f" ({len(books.worker_codes)} codes issued on first import): {base}/w/{code}"
        )
    for line in _web_pages(base, books):
        click.echo(line)


def _web_pages(base: str, books: DemoBooks) -> list[str]:
    """Where each person starts in a browser, and how they sign in."""
    staff = f"{base}/staff"
    starts = {
        "admin": f"{staff}/{PROGRAM}/dashboard",
        "monitor": f"{staff}/{PROGRAM}/dashboard",
        "buyer": f"{staff}/{PROGRAM}/uploads",
        "supplier": f"{staff}/{PROGRAM}/uploads",
    }
    lines = [
        "",
        "Web pages",
        f"  sign in       {staff}/sign-in  (password {PASSWORD} for every user below)",
    ]
    lines += [
        f"  {user.role:<13} {user.email:<24} then {starts[user.role]}" for user in books.users
    ]
    lines += [
        f"  allocation    {staff}/{PROGRAM}/allocation  (supplier or admin)",
        f"  pass-through  {staff}/{PROGRAM}/suppliers/S-201",
        f"  participants  {base}/participants  (public)",
    ]
    if books.worker_codes:
        _, worker, code = books.worker_codes[0]
        lines.append(f"  worker page   {base}/w/{code}  (public; worker {worker})")
    return lines
