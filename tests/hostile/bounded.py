"""Run hrkpi in a child process: exit code, output and peak memory.

A hostile case must end cleanly *and* in bounded memory, which only a separate
process can show (a hang or a 4 GB allocation would take the test run down with
it). Its peak resident memory comes from the kernel's accounting of that one
process (`os.wait4`), started by a small launcher (tests/hostile/launch.py) so that
the count is its own and not the test process's it would otherwise inherit.

Time is not asserted (speed is measured in benchmarks/, see docs/hostile.md). The
child is killed after `HANG_GUARD` seconds: a hang guard, not a speed assertion. A
run it kills fails as hung (`Hung`), never as slow.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Measured with this module on the development machine, each run alone: bad options
# and output paths 0.8-0.9 s and 36-42 MB (refused before any data is read);
# compute, check and an xlsx export of the bundled report 0.8-1.5 s and 40-44 MB;
# 60,000 long rows on the fast path 2.1-2.3 s and 160-220 MB. The hang guard is ten
# times the slowest plus a minute, rounded up; the memory bound about 5 times the
# largest, and the promise: under 1 GB.
HANG_GUARD = 90.0
MEMORY_LIMIT_MB = 1024
_LAUNCH = Path(__file__).with_name("launch.py")


class Hung(AssertionError):
    """A run the hang guard killed: it would not have ended."""


@dataclass(frozen=True)
class Ran:
    """What a child run of hrkpi did."""

    code: int  # the exit code, or -N when killed by signal N
    stdout: bytes
    stderr: str
    peak_mb: float


def hrkpi_command(args: Sequence[str]) -> list[str]:
    """The command line running hrkpi from the test's interpreter."""
    return [sys.executable, "-m", "hrkpi", *args]


def wait_guarded(
    proc: subprocess.Popen[bytes], guard: float, *, group: bool = False
) -> tuple[int, Any, bool]:
    """Wait for `proc` and kill it (its session with `group`) after `guard` seconds: its
    wait status, its resource usage (wait4's) and whether the guard killed it."""
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        if group:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            os.kill(proc.pid, signal.SIGKILL)

    timer = threading.Timer(guard, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return status, usage, killed.is_set()


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    guard: float = HANG_GUARD,
    stdout_fd: int | None = None,
    command: list[str] | None = None,
) -> Ran:
    """Run `hrkpi args` (or `command`) and wait for it; kill it after `guard` seconds,
    and then raise `Hung`."""
    # Messages in English, as these tests assert them (Chinese is asserted in tests/cli).
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "HRKPI_LANG": "en", **(env or {})}
    full_env.pop("HRKPI_DEBUG", None)
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        result = Path(scratch) / "ran.json"
        proc = subprocess.Popen(
            [sys.executable, str(_LAUNCH), str(result), *(command or hrkpi_command(args))],
            cwd=cwd,
            env=full_env,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=stdout_fd if stdout_fd is not None else out,
            stderr=err,
            start_new_session=True,  # (the guard kills the launcher and the command)
        )
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        _, _, killed = wait_guarded(proc, guard, group=True)
        if killed:
            shown = " ".join(command or hrkpi_command(args))[:200]
            raise Hung(
                f"hung: `{shown}` was killed by the hang guard after {guard:.0f} s "
                "(a hang guard, not a speed limit; benchmarks/ measures the time)"
            )
        ran = json.loads(result.read_text(encoding="utf-8"))
        out.seek(0)
        err.seek(0)
        return Ran(
            code=os.waitstatus_to_exitcode(ran["status"]),  # -N when killed by signal N
            stdout=out.read(),
            stderr=err.read().decode("utf-8", "replace"),
            peak_mb=ran["rss_mb"],
        )


def assert_clean(ran: Ran, code: int, fragment: str) -> None:
    """The promise for bad input: the exit code, the message, no traceback, in bounded
    memory."""
    assert ran.code == code, (ran.code, ran.stderr[-2000:])
    assert fragment in ran.stderr, ran.stderr[-2000:]
    assert "Traceback" not in ran.stderr, ran.stderr[-2000:]
    assert ran.peak_mb < MEMORY_LIMIT_MB, ran.peak_mb
