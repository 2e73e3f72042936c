"""What a re-run keeps of the monitor's review: each finding's status while it is unchanged.

A finding is the same across runs while its identity (code, buyer, supplier,
worker, period) is; it keeps its review status, comment and reviewer while its
amount stays the same too. When a late or corrected upload changed its amount,
a reviewed finding is reopened with a note of what changed and how it had
been reviewed. Some codes can find one party pair twice in a month (two
unconfirmed payments): findings of one identity are paired first by equal
amount, then the rest in report order.
"""

from collections.abc import Sequence
from dataclasses import replace

from ledger.reconciliation_runs import FindingIdentity, FindingRecord
from reconciliation.books import group_by
from reconciliation.figures import format_amount

OPEN = "open"


def carry_reviews(
    previous: Sequence[FindingRecord], current: Sequence[FindingRecord], exponent: int
) -> list[FindingRecord]:
    """The current findings, in their order, with what they keep of the previous run's review."""
    earlier = group_by(previous, lambda finding: finding.identity)
    matched = _pair_findings(earlier, current)
    return [_carried(finding, matched.get(i), exponent) for i, finding in enumerate(current)]


def _pair_findings(
    earlier: dict[FindingIdentity, list[FindingRecord]], current: Sequence[FindingRecord]
) -> dict[int, FindingRecord]:
    """Current finding index → the previous finding it continues."""
    unpaired = {identity: list(found) for identity, found in earlier.items()}
    pairs: dict[int, FindingRecord] = {}
    for i, finding in enumerate(current):
        candidates = unpaired.get(finding.identity, [])
        same = next((c for c in candidates if c.amount == finding.amount), None)
        if same is not None:
            candidates.remove(same)
            pairs[i] = same
    for i, finding in enumerate(current):
        candidates = unpaired.get(finding.identity, [])
        if i not in pairs and candidates:
            pairs[i] = candidates.pop(0)
    return pairs


def _carried(finding: FindingRecord, before: FindingRecord | None, exponent: int) -> FindingRecord:
    if before is None:
        return finding
    if before.amount == finding.amount:
        return replace(
            finding,
            status=before.status,
            status_comment=before.status_comment,
            reviewed_by=before.reviewed_by,
            reviewed_at=before.reviewed_at,
        )
    if before.status == OPEN:
        # Nobody decided anything on it yet: nothing to reopen, the comment stands.
        return replace(finding, status_comment=before.status_comment)
    return replace(finding, status=OPEN, status_comment=_reopen_note(finding, before, exponent))


def _reopen_note(finding: FindingRecord, before: FindingRecord, exponent: int) -> str:
    old, new = format_amount(before.amount, exponent), format_amount(finding.amount, exponent)
    note = f"reopened: amount changed from {old} to {new}; was {before.status}"
    if before.reviewed_by:
        note += f" by {before.reviewed_by}"
    return note + (f": {before.status_comment}" if before.status_comment else "")
