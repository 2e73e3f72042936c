"""References must not repeat a live batch's lines unless the upload supersedes that batch."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from imports.pipeline import Context, StagedLine
from imports.reading import Problem
from ledger.batches import superseded_batch_ids

_QUERY_CHUNK = 500


def repeated_references(
    context: Context,
    lines: Sequence[StagedLine],
    party_column: InstrumentedAttribute[int],
    reference: InstrumentedAttribute[str],
    batch: InstrumentedAttribute[int],
    row: InstrumentedAttribute[int],
) -> list[Problem]:
    """A problem for each line whose reference a live line of this party already has."""
    by_reference = {line.key: line for line in lines}
    found: list[Problem] = []
    keys = list(by_reference)
    for start in range(0, len(keys), _QUERY_CHUNK):
        query = select(reference, batch, row).where(
            party_column == context.party.id,
            reference.in_(keys[start : start + _QUERY_CHUNK]),
            batch.not_in(superseded_batch_ids()),
        )
        for mine in (context.batch_id, context.superseded):
            if mine is not None:  # this upload's own batch, and the one it replaces
                query = query.where(batch != mine)
        for ref, earlier_batch, earlier_row in context.session.execute(query):
            found.append(_repeat(context, by_reference[ref], ref, earlier_batch, earlier_row))
    return found


def _repeat(context: Context, line: StagedLine, ref: Any, batch: int, row: int) -> Problem:
    reason = (
        f"reference already imported in batch {batch} (row {row});"
        f" upload the corrected file with --supersedes {batch}"
    )
    return Problem(reason, context.sheet, line.row, "reference", str(ref))
