"""Scheduler processes for crash and concurrency tests: start, watch the log, signal, count.

Each process is a real `premium-ledger scheduler` run by this interpreter; a thread
collects its log so a test can wait for a line (e.g. the pause after a claim)
without blocking on the pipe.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping

from sqlalchemy import Engine, func, select

from ledger.database import make_sessionmaker
from ledger.job_runs import JobRun
from ledger.overdue import OverdueCheck
from ledger.participants import Program
from ledger.reconciliation_runs import ReconciliationRun

_COMMAND = "from api.cli import main; main()"
WAIT = 60.0
_SCHEDULER_VARIABLES = {
    "MONTH_CLOSE_DAY",
    "MONTH_CLOSE_HOUR",
    "OVERDUE_CHECK_HOUR",
    "SCHEDULER_TIMEZONE",
    "SCHEDULER_PAUSE_AFTER_CLAIM",
    "SCHEDULER_PAUSE_PROGRAM",
}


class SchedulerProcess:
    """A running `premium-ledger scheduler …` and the log lines it wrote so far."""

    def __init__(self, database_url: str, *args: str, env: Mapping[str, str] = {}) -> None:
        inherited = {k: v for k, v in os.environ.items() if k not in _SCHEDULER_VARIABLES}
        environ = {**inherited, "DATABASE_URL": database_url, **env}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _COMMAND, "scheduler", *args],
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = WAIT) -> None:
        """Wait until a log line contains `text`; fail with the log if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.process.poll() is not None:
                self._reader.join(5)
                if any(text in line for line in self.lines):
                    return
                break
            time.sleep(0.05)
        raise AssertionError(f"no log line with {text!r}:\n{self.log}")

    def finish(self, timeout: float = WAIT) -> int:
        """Wait for the process to end by itself; its exit status."""
        status = self.process.wait(timeout)
        self._reader.join(5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        return status

    def kill(self) -> None:
        """End the process if it still runs, and close its pipe."""
        if self.process.poll() is None:
            self.process.kill()
        self.finish()

    def stop(self, signum: signal.Signals, timeout: float = WAIT) -> int:
        """Send a signal and wait for the process to end; its exit status."""
        self.process.send_signal(signum)
        return self.finish(timeout)


def counts(engine: Engine, program: str) -> dict[str, int]:
    """The program's job runs by outcome, overdue checks and reconciliation runs, as committed."""
    with make_sessionmaker(engine)() as session:
        program_id = session.scalar(select(Program.id).where(Program.code == program))

        def count(model: type[JobRun | OverdueCheck | ReconciliationRun], *where: object) -> int:
            query = (
                select(func.count())
                .select_from(model)
                .where(model.program_id == program_id, *where)
            )
            return session.scalar(query) or 0

        return {
            "succeeded": count(JobRun, JobRun.outcome == "succeeded"),
            "failed": count(JobRun, JobRun.outcome == "failed"),
            "checks": count(OverdueCheck),
            "reconciliations": count(ReconciliationRun),
        }


def wait_until(engine: Engine, program: str, succeeded: int, timeout: float = WAIT) -> None:
    """Wait until the program has this many succeeded job runs."""
    deadline = time.monotonic() + timeout
    while counts(engine, program)["succeeded"] < succeeded:
        if time.monotonic() > deadline:
            raise AssertionError(f"{program}: still {counts(engine, program)} after {timeout} s")
        time.sleep(0.2)
