"""The rows every benchmark hands to `bench/run_all.py`, and how it hands them over.

A benchmark module exposes `measure() -> list[dict[str, str]]` (its default size), each
row with the keys of ROW_KEYS; run as a script with `--rows-json` it prints those rows
as one JSON line, last on standard output, instead of its own table.
"""

import json

ROW_KEYS = ("operation", "sqlite", "postgresql", "target", "floor")
ROWS_FLAG = "--rows-json"


def row(
    operation: str, sqlite: str = "–", postgresql: str = "–", target: str = "", floor: str = ""
) -> dict[str, str]:
    """One figure on both engines ("–" where an engine was not measured)."""
    return dict(zip(ROW_KEYS, (operation, sqlite, postgresql, target, floor), strict=True))


def emit(rows: list[dict[str, str]]) -> None:
    """Print the rows for run_all: one JSON line, flushed, last on standard output."""
    print(json.dumps(rows, ensure_ascii=False), flush=True)
