"""What a caller may see: their program, and for buyers and suppliers their own party.

Admins without a program see every program; everyone else sees only theirs. A buyer
or supplier sees only its own party's records; any other record answers 404, exactly
as if it did not exist, so that a party cannot even learn what others have.
Accounts belong to a party by the code in their name (DESIGN.md §4): a buyer owns
`buyers:B:*` and `payable:B:*`; a supplier `suppliers:S:*`, `workers:S:*` and
`payable:*:S`; the payable account of a pair is the record of both.
"""

from collections.abc import Sequence
from typing import Any

from marshmallow import ValidationError

from api.problems import FORBIDDEN, NOT_FOUND, ApiError
from ledger.accounts import SEPARATOR
from ledger.program_setup import code_key
from ledger.users import PARTY_ROLES, Principal


def check_program(who: Principal, program: str) -> None:
    """Refuse, as not found, a program outside the caller's scope."""
    if who.program_code is not None and who.program_code != program.strip():
        raise ApiError(NOT_FOUND, f"no program {program!r}")


def is_party(who: Principal) -> bool:
    """Whether the caller acts for one buyer or supplier."""
    return who.role in PARTY_ROLES


def sees_party(who: Principal, role: str, code: str | None) -> bool:
    """Whether the caller may see a record of this party."""
    if not is_party(who):
        return True
    return who.role == role and code is not None and _same(code, who.party_code)


def require_party(who: Principal, role: str, code: str, what: str) -> None:
    """Refuse, as not found, a record of another party."""
    if not sees_party(who, role, code):
        raise ApiError(NOT_FOUND, f"no {what}")


def sees_account(who: Principal, name: str) -> bool:
    """Whether the account is one of the caller's party (everyone else sees every one)."""
    if not is_party(who):
        return True
    parts = name.split(SEPARATOR)
    if who.role == "buyer":
        return (
            parts[0] in ("buyers", "payable") and len(parts) > 1 and _same(parts[1], who.party_code)
        )
    if parts[0] in ("suppliers", "workers"):
        return len(parts) > 1 and _same(parts[1], who.party_code)
    return parts[0] == "payable" and len(parts) > 2 and _same(parts[2], who.party_code)


def sees_volumes(who: Principal, buyer: str) -> bool:
    """Purchase volumes are the buyer's own, and the monitors' (DESIGN.md issue 6)."""
    return not is_party(who) or (who.role == "buyer" and _same(buyer, who.party_code))


def acting_party(who: Principal, role: str, requested: str | None) -> str:
    """The party an upload is for: a buyer's or supplier's own, or the one an admin names."""
    if who.role == "admin":
        if not requested or not requested.strip():
            raise ValidationError({"party": [f"an admin names the {role} to upload for"]})
        return requested.strip()
    if who.role != role or who.party_code is None:
        raise ApiError(FORBIDDEN, f"only a {role} uploads this kind of file")
    if requested and not _same(requested, who.party_code):
        raise ApiError(NOT_FOUND, f"no {role} {requested!r}")
    return who.party_code


def _same(code: str, other: str | None) -> bool:
    return other is not None and code_key(code) == code_key(other)


def party_prefixes(who: Principal, buyers: Sequence[str]) -> list[str] | None:
    """Account prefixes that hold every account of the caller's party (None: all accounts).

    A supplier's payables sit under each buyer's code, so each is named: reading all of
    `payable` would sum every buyer's purchases to show one supplier a few lines.
    """
    if not is_party(who) or who.party_code is None:
        return None
    code = who.party_code
    if who.role == "buyer":
        return [f"buyers:{code}", f"payable:{code}"]
    return [f"suppliers:{code}", f"workers:{code}", *(f"payable:{b}:{code}" for b in buyers)]


def visible_result(who: Principal, result: dict[str, Any]) -> dict[str, Any]:
    """A month's contract JSON cut down to the caller's own rows and findings."""
    if not is_party(who):
        return result
    role = who.role
    buyers = [
        row if sees_volumes(who, row["buyer"]) else {k: v for k, v in row.items() if k != "volume"}
        for row in result["buyers"]
        if sees_party(who, role, row[role])
    ]
    suppliers = [row for row in result["suppliers"] if sees_party(who, role, row.get(role))]
    findings = [f for f in result["findings"] if visible_finding(who, f["buyer"], f["supplier"])]
    return {**result, "buyers": buyers, "suppliers": suppliers, "findings": findings}


def visible_finding(who: Principal, buyer: str | None, supplier: str | None) -> bool:
    """A finding is a record of each party it names."""
    return sees_party(who, who.role, buyer if who.role == "buyer" else supplier)
