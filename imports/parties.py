"""The other party a row names: a purchase's supplier, a receipt's buyer."""

from imports.pipeline import Context
from imports.reading import ParsedRow, Problem
from ledger.catalog import PartyRef


def counterparty(
    row: ParsedRow, context: Context, role: str, column: str
) -> PartyRef | list[Problem]:
    """The buyer or supplier a row names, or a problem saying the program has none such."""
    code = row.text(column)
    found = context.catalog.party(role, code)
    if found is None:
        reason = f"not a {role} of program {context.program.code}"
        return [Problem(reason, context.sheet, row.row, column, code)]
    return found
