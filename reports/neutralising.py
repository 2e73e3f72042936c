"""Formula neutralising: text from uploads must never become a formula in a spreadsheet.

A worker's name or id comes from a supplier's payroll file, so it may read
`=HYPERLINK("http://…","pay")` or `@SUM(…)`. OWASP's CSV-injection guidance
names the leading characters a spreadsheet may take for a formula (`=`, `+`,
`-`, `@`, and tab and carriage return) and, for CSV, which has no cell types,
prescribes a leading apostrophe. An XLSX cell has a type: our text is always
written as a string cell, which no spreadsheet evaluates on opening, and a
suspect string also gets Excel's own "quote prefix" style (`quotePrefix="1"`),
which is exactly what Excel records when a person types a leading apostrophe:
the cell stays text even when someone edits it and presses Enter. The value
itself is kept exactly, so an id or name still matches the payroll it came
from; a literal apostrophe would become part of the data in XLSX.
"""

#: Leading characters a spreadsheet may read as the start of a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def needs_neutralising(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return text.startswith(FORMULA_STARTS)
