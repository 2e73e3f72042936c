"""Account ids by name: accounts are created on first use, within the poster's lock."""

from collections.abc import Iterable

from sqlalchemy import insert, select
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
            self._load(missing)
            new = [name for name in missing if name not in self.known]
            if new:
                rows = [{"program_id": self.program_id, "name": name} for name in new]
                self.session.execute(insert(Account), rows)
                self._load(new)
        return self.known

    def _load(self, names: list[str]) -> None:
        query = select(Account.name, Account.id).where(
            Account.program_id == self.program_id, Account.name.in_(names)
        )
        self.known.update({name: account_id for name, account_id in self.session.execute(query)})


def account_id(session: Session, program_id: int, name: str) -> int | None:
    """The id of an existing account, or None."""
    return session.scalar(
        select(Account.id).where(Account.program_id == program_id, Account.name == name)
    )
