"""Run the hrkpi command line once and report its exit code and peak memory.

Used by tests/hostile and benchmarks/hostile.py: `python tests/hostile/probe.py
RESULT.json ARG...` runs `hrkpi ARG...` in this process (so its peak resident
memory is hrkpi's own) and writes {"exit": code, "rss_mb": peak memory} to
RESULT.json. Time is the benchmark's to measure, from outside the process.
"""

from __future__ import annotations

import json
import resource
import sys


def _peak_mb() -> float:
    """This process's own peak resident memory. On Linux ru_maxrss keeps the larger of
    the forking parent's size and this program's across the exec: a probe forked from a
    pytest process of 425 MB reported 425 MB for a 37 MB run. VmHWM is the high-water
    mark of this program's own memory alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    code: int = 0
    try:
        from hrkpi.cli import app

        app(args=args, prog_name="hrkpi")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        rss_mb = _peak_mb()
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"exit": code, "rss_mb": rss_mb}, fh)
    sys.exit(code)


if __name__ == "__main__":
    main()
