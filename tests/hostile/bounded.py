"""Run hrkpi in a child process and measure it: exit code, output, wall time and peak memory.

A hostile case must end cleanly *and* in bounded time and memory, which only a
separate process can show (a hang or a 4 GB allocation would take the test run
down with it). The child is killed at the time limit; its peak resident memory
comes from the kernel's accounting of that one child (`os.wait4`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Generous for a loaded 2-core CI machine. Measured with this module on the
# development machine, each run alone: bad options and output paths 0.8-0.9 s and
# 36-42 MB (refused before any data is read); compute, check and an xlsx export of
# the bundled report 0.8-1.5 s and 40-44 MB; 60,000 long rows on the fast path
# 2.1-2.3 s and 160-220 MB. The limits are about 30 times the slowest and 5 times
# the largest, and the promise: seconds, and under 1 GB.
TIME_LIMIT = 60.0
MEMORY_LIMIT_MB = 1024


@dataclass(frozen=True)
class Ran:
    """What a child run of hrkpi did."""

    code: int  # the exit code, or -N when killed by signal N
    stdout: bytes
    stderr: str
    seconds: float
    peak_mb: float

    def within(self, seconds: float = TIME_LIMIT, memory_mb: float = MEMORY_LIMIT_MB) -> bool:
        """True when the run stayed inside both bounds."""
        return self.seconds < seconds and self.peak_mb < memory_mb


def hrkpi_command(args: Sequence[str]) -> list[str]:
    """The command line running hrkpi from the test's interpreter."""
    return [sys.executable, "-m", "hrkpi", *args]


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = TIME_LIMIT,
    stdout_fd: int | None = None,
    command: list[str] | None = None,
) -> Ran:
    """Run `hrkpi args` (or `command`) and wait for it; kill it after `timeout` seconds."""
    # Messages in English, as these tests assert them (Chinese is asserted in tests/cli).
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "HRKPI_LANG": "en", **(env or {})}
    full_env.pop("HRKPI_DEBUG", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            command or hrkpi_command(args),
            cwd=cwd,
            env=full_env,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=stdout_fd if stdout_fd is not None else out,
            stderr=err,
        )
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Ran(
            code=proc.returncode,
            stdout=out.read(),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        )


def assert_clean(ran: Ran, code: int, fragment: str) -> None:
    """The promise for bad input: the exit code, the message, no traceback, in bounds."""
    assert ran.code == code, (ran.code, ran.stderr[-2000:])
    assert fragment in ran.stderr, ran.stderr[-2000:]
    assert "Traceback" not in ran.stderr, ran.stderr[-2000:]
    assert ran.within(), (ran.seconds, ran.peak_mb)
