"""Timing a whole process: wall-clock seconds, CPU seconds and peak resident memory (its own)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple


class Timed(NamedTuple):
    """One process's run."""

    seconds: float  # wall clock
    peak: float  # peak resident memory, MB
    code: int  # exit code
    cpu: float  # user + system CPU seconds (all its threads)


def timed(
    cmd: Sequence[str],
    *,
    stdout: Path | None = None,
    stderr: Path | None = None,
    env: dict[str, str] | None = None,
) -> Timed:
    """Run `cmd` to completion and say what it took."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    err = open(stderr, "wb") if stderr else None  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
        if err:
            err.close()
    return Timed(elapsed, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime)


def run(
    cmd: Sequence[str],
    *,
    stdout: Path | None = None,
    stderr: Path | None = None,
    env: dict[str, str] | None = None,
) -> tuple[float, float, int]:
    """Run `cmd` to completion: (seconds, peak RSS in MB, exit code)."""
    seconds, peak, code, _ = timed(cmd, stdout=stdout, stderr=stderr, env=env)
    return seconds, peak, code
