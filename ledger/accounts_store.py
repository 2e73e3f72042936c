"""Account ids by name: accounts are created on first use, within the poster's lock."""

from collections.abc import Iterable

from sqlalchemy import Executable, Select, String, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from ledger.books import Account


class AccountIds:
    """A per-post cache of account name → id for one program."""

    def __init__(self, session: Session, program_id: int) -> None:
        self.session = session
        self.program_id = program_id
        self.known: dict[str, int] = {}

    def ids_for(self, names: Iterable[str]) -> dict[str, int]:
        """Ids of these accounts, creating the ones that do not exist yet."""
        missing = [name for name in names if name not in self.known]
        if missing:
            self._remember(self._named(missing))
            new = [name for name in missing if name not in self.known]
            if new:
                rows = [{"program_id": self.program_id, "name": name} for name in new]
                created = insert(Account).returning(Account.name, Account.id)
                self._remember(created, rows)
        return self.known

    def _named(self, names: list[str]) -> Select[str, int]:
        query = select(Account.name, Account.id).where(Account.program_id == self.program_id)
        if self.session.get_bind().dialect.name != "postgresql":
            return query.where(Account.name.in_(names))
        # One array parameter: thousands of IN parameters cost more to send than to look up.
        wanted = func.unnest(bindparam("names", names, type_=ARRAY(String)))
        named = wanted.table_valued("name").render_derived(name="wanted")
        return query.join(named, Account.name == named.c.name)

    def _remember(self, statement: Executable, rows: list[dict[str, object]] | None = None) -> None:
        result = self.session.execute(statement, rows)
        self.known.update({name: account_id for name, account_id in result})


def account_id(session: Session, program_id: int, name: str) -> int | None:
    """The id of an existing account, or None."""
    return session.scalar(
        select(Account.id).where(Account.program_id == program_id, Account.name == name)
    )
