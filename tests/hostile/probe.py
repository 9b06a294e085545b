"""Run the hrkpi command line once and report its exit code, time and peak memory.

Used by tests/hostile: `python tests/hostile/probe.py RESULT.json ARG...` runs
`hrkpi ARG...` in this process (so its peak resident memory is hrkpi's own) and
writes {"exit": code, "seconds": wall time, "rss_mb": peak memory} to RESULT.json.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    out, args = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    code: int = 0
    try:
        from hrkpi.cli import app

        app(args=args, prog_name="hrkpi")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        seconds = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"exit": code, "seconds": seconds, "rss_mb": rss_mb}, fh)
    sys.exit(code)


if __name__ == "__main__":
    main()
