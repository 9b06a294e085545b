"""Run a command as this small process's child; write its wait status and peak memory.

Used by tests/hostile/bounded.py: `python tests/hostile/launch.py RESULT.json CMD...`.
On Linux a process's peak resident memory (ru_maxrss) keeps the larger of its own
and that of the process it was forked from, across the exec: a command started
straight from a pytest process of 425 MB "used" 425 MB. Forked from this launcher
(about 10 MB), the command's peak is its own. Its standard streams are this
process's, and its exit status is passed on (a signal as 128 + N, the shell's way).
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    out, command = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:  # the child: become the command
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)  # (not found: as a shell says)
    _, status, usage = os.wait4(pid, 0)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"status": status, "rss_mb": usage.ru_maxrss / 1024}, fh)
    code = os.waitstatus_to_exitcode(status)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
