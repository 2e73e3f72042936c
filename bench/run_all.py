"""Every benchmark at its default size, each in its own process, as one Markdown table.

Benchmarks are the modules `bench/*_bench.py`; each exposes `measure()` and, run as a
script with `--rows-json`, prints its rows (operation, sqlite, postgresql, target,
floor) as one JSON line, last on standard output. Each runs in a process of its own so
that its memory figures are its own; what else it prints goes to standard error.

    .venv/bin/python bench/run_all.py                       # everything (takes long)
    .venv/bin/python bench/run_all.py --only ledger -- --entries 2000 --postings-for-queries 5000

Arguments after `--` go to every benchmark run (use them with --only: sizes differ).
PostgreSQL: BENCH_DATABASE_URL (default: the `bench` database); its schema `public` is
dropped and rebuilt, so never point it at real books or at a database tests share.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROW_KEYS = ("operation", "sqlite", "postgresql", "target", "floor")
HEADINGS = ("operation", "SQLite", "PostgreSQL", "target", "floor")
DEFAULT_BENCH_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"


def benchmarks(only: list[str] | None = None) -> dict[str, Path]:
    """The benchmark scripts by short name (`ledger` for ledger_bench.py), sorted."""
    found = {path.name.removesuffix("_bench.py"): path for path in sorted(HERE.glob("*_bench.py"))}
    if not only:
        return found
    wanted = [name.removesuffix(".py").removesuffix("_bench") for name in only]
    unknown = [name for name in wanted if name not in found]
    if unknown:
        raise SystemExit(f"no benchmark {', '.join(unknown)}; there are: {', '.join(found)}")
    return {name: found[name] for name in wanted}


def run_one(path: Path, extra: list[str]) -> list[dict[str, str]]:
    """Run one benchmark in its own process; its rows, or one row saying it failed."""
    command = [sys.executable, str(path), "--rows-json", *extra]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=_environment())
    assert child.stdout is not None
    last = ""
    for line in child.stdout:
        if last:
            print(last, end="", file=sys.stderr, flush=True)
        last = line
    code = child.wait()
    name = path.name.removesuffix("_bench.py")
    print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if code != 0:
        print(last, end="", file=sys.stderr)
        return [_failed(name, f"exit {code}")]
    try:
        rows = json.loads(last)
    except json.JSONDecodeError:
        return [_failed(name, "no rows printed")]
    return [{key: str(row.get(key, "")) for key in ROW_KEYS} for row in rows]


def _failed(name: str, why: str) -> dict[str, str]:
    return dict(zip(ROW_KEYS, (f"{name}: FAILED ({why})", "–", "–", "", ""), strict=True))


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("BENCH_DATABASE_URL", DEFAULT_BENCH_URL)
    return environment


def markdown(rows: list[dict[str, str]]) -> str:
    """The rows as a Markdown table under HEADINGS."""

    def cells(values: tuple[str, ...] | list[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    lines = [cells(HEADINGS), "|" + "---|" * len(HEADINGS)]
    lines += [cells([row[key] for key in ROW_KEYS]) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    extra: list[str] = []
    if "--" in arguments:
        at = arguments.index("--")
        arguments, extra = arguments[:at], arguments[at + 1 :]
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run this benchmark only (repeatable)"
    )
    options = parser.parse_args(arguments)
    rows: list[dict[str, str]] = []
    for path in benchmarks(options.only).values():
        rows.extend(run_one(path, extra))
    print(markdown(rows))
    return 1 if any("FAILED" in row["operation"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
