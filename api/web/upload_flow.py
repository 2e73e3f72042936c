"""An upload from a web page in two steps: check the file (a dry run), then post it.

The check runs the API's own upload (api.uploading) as a dry run and keeps the file
server-side (ledger.pending_uploads), so that posting needs no second upload and posts
exactly the bytes that were checked: the post names the kept file and its SHA-256, and
is refused unless both match and the file is the poster's own. Everything else — the
party rules, the supersede check, identical files — is the API's.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from marshmallow import ValidationError

from api.problems import NOT_FOUND, ApiError
from api.reads.batches import BatchView, list_batches
from api.reads.programs import PartyView, list_parties
from api.scopes import acting_party, is_party
from api.unit_of_work import unit_of_work
from api.uploading import receive_upload
from imports.kinds import KINDS
from imports.pipeline import ImportResult
from ledger.participants import program_by_code
from ledger.pending_uploads import FileToKeep, PendingFile, drop_file, keep_file, pending_file
from ledger.users import Principal

PENDING_LIFETIME = timedelta(hours=1)
BATCHES_PER_PAGE = 50
KIND_LABELS = {
    "purchases": "Purchases (volumes bought)",
    "payments": "Premium payments",
    "receipts": "Receipt confirmations",
    "sales": "Sales report",
    "payroll": "Payroll",
}
_KINDS_BY_ROLE = {
    "buyer": ("purchases", "payments"),
    "supplier": ("receipts", "sales", "payroll"),
    "admin": tuple(KINDS),
}


@dataclass(frozen=True, slots=True)
class FileChoice:
    """What the uploader chose on the form."""

    kind: str
    filename: str
    data: bytes
    party: str | None = None
    supersedes: int | None = None
    sheet: str | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    """A dry run's result, and the file kept for posting (None: nothing to post)."""

    result: ImportResult
    party: str
    pending: PendingFile | None


@dataclass(frozen=True, slots=True)
class UploadPage:
    """What the uploads page offers and lists."""

    kinds: tuple[str, ...]
    parties: list[PartyView]  # an admin's choice of party; empty for buyers and suppliers
    live_batches: list[BatchView]  # what a new file may supersede
    batches: list[BatchView]
    page: int
    more: bool


def offered_kinds(who: Principal) -> tuple[str, ...]:
    """The kinds of file this person uploads."""
    return _KINDS_BY_ROLE.get(who.role, ())


def upload_page(who: Principal, program: str, page: int) -> UploadPage:
    """The kinds, parties and batches the person may see, newest batches first."""
    party = (who.role, who.party_code or "") if is_party(who) else None
    page = max(page, 1)
    with unit_of_work() as db:
        found = program_by_code(db, program)
        listed = list_batches(db, found, party, BATCHES_PER_PAGE + 1, (page - 1) * BATCHES_PER_PAGE)
        live = [b for b in list_batches(db, found, party, 500, 0) if b.status == "live"]
        parties = [] if is_party(who) else list_parties(db, found, None, datetime.now(UTC).date())
    return UploadPage(
        offered_kinds(who),
        parties,
        live,
        listed[:BATCHES_PER_PAGE],
        page,
        len(listed) > BATCHES_PER_PAGE,
    )


def check_upload(who: Principal, program: str, choice: FileChoice) -> Checked:
    """Dry-run the file; keep it for posting if it would post (UploadRejected otherwise)."""
    if choice.kind not in offered_kinds(who):
        raise ValidationError({"kind": [f"choose one of {', '.join(offered_kinds(who))}"]})
    party = acting_party(who, KINDS[choice.kind].role, choice.party)
    options = {"party": party, "dry_run": True, "supersedes": choice.supersedes}
    result = receive_upload(
        who,
        program,
        choice.kind,
        choice.filename,
        choice.data,
        {**options, "sheet": choice.sheet},
        channel="web",
    )
    if result.status != "dry_run":
        return Checked(result, party, None)
    kept = FileToKeep(
        "upload",
        program,
        choice.kind,
        party,
        choice.filename,
        choice.data,
        result.sheet,
        choice.supersedes,
    )
    with unit_of_work() as db:
        pending = keep_file(db, who.user_id, kept, datetime.now(UTC), PENDING_LIFETIME)
    return Checked(result, party, pending)


def post_checked(who: Principal, program: str, file_id: int, sha256: str) -> ImportResult:
    """Post the person's checked file, the very bytes that were checked."""
    with unit_of_work() as db:
        pending = pending_file(db, file_id, who.user_id, "upload", sha256, datetime.now(UTC))
    if pending.program != program:
        raise ApiError(NOT_FOUND, "the checked file belongs to another program")
    options: dict[str, object] = {"party": pending.party, "supersedes": pending.supersedes}
    result = receive_upload(
        who,
        program,
        pending.kind,
        pending.filename,
        pending.data,
        {**options, "sheet": pending.sheet},
        channel="web",
    )
    with unit_of_work() as db:
        drop_file(db, pending.id)
    return result
