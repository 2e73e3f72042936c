"""`premium-ledger users create` and `tokens create`, and signing in for a token over HTTP."""

from click.testing import CliRunner
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from api.cli import main
from ledger.database import make_sessionmaker
from ledger.users import ApiToken, User, token_digest
from tests.api.world import World


def _run(engine: Engine, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, list(args), env={"DATABASE_URL": url}, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_supplier_user_is_created_with_a_hashed_password_and_gets_a_token_once(
    api_engine: Engine, world: World
) -> None:
    email = f"grower.{world.program.lower()}@example.org"
    args = ["users", "create", "--email", email, "--role", "supplier"]
    args += ["--program", world.program, "--party", "s-1", "--password", "long enough"]
    code, out, err = _run(api_engine, *args)
    assert code == 0, err
    assert f"user {email} created: supplier {world.program} S-1" in out
    code, token, err = _run(api_engine, "tokens", "create", "--email", email)
    assert code == 0 and token.startswith("plt_") and "cannot be shown again" in err
    with make_sessionmaker(api_engine)() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        assert user.password_hash.startswith("scrypt$") and "long enough" not in user.password_hash
        stored = session.scalars(select(ApiToken.token_sha256).where(ApiToken.user_id == user.id))
        assert list(stored) == [token_digest(token.strip())]


def test_the_password_is_asked_for_when_not_given(api_engine: Engine, world: World) -> None:
    email = f"monitor2.{world.program.lower()}@example.org"
    args = ["users", "create", "--email", email, "--role", "monitor", "--program", world.program]
    code, _, err = _run(api_engine, *args, stdin="s3cret-words\ns3cret-words\n")
    assert code == 0, err


def test_a_scope_that_does_not_fit_the_role_is_refused_with_exit_1(
    api_engine: Engine, world: World
) -> None:
    base = ["users", "create", "--password", "long enough", "--program", world.program]
    code, _, err = _run(api_engine, *base, "--email", "b@example.org", "--role", "buyer")
    assert code == 1 and "needs a program and the buyer's code" in err
    wrong = ["--email", "c@example.org", "--role", "buyer", "--party", "S-1"]
    assert _run(api_engine, *base, *wrong)[0] == 1  # S-1 is a supplier, not a buyer
    assert _run(api_engine, "tokens", "create", "--email", "nobody@example.org")[0] == 1
    assert _run(api_engine, *base, "--email", "d@example.org", "--role", "chief")[0] == 2


def test_an_email_and_password_are_exchanged_for_a_token(
    api_engine: Engine, client: FlaskClient, world: World
) -> None:
    email = world.emails["supplier"]
    wrong = client.post("/api/v1/tokens", json={"email": email, "password": "guess"})
    assert wrong.status_code == 401
    response = client.post(
        "/api/v1/tokens", json={"email": email, "password": "correct horse battery"}
    )
    assert response.status_code == 201 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert (body["role"], body["party"]) == ("supplier", "S-1")
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert client.get(f"/api/v1/programs/{world.program}", headers=headers).status_code == 200
