"""Run hrkpi in a child on a pseudo-terminal, as a user's terminal runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios


def on_a_terminal(
    args: list[str],
    env: dict[str, str],
    *,
    size: tuple[int, int] | None = None,
    tty_stdin: bool = True,
    timeout: float = 120,
) -> tuple[int, str]:
    """`hrkpi ARGS` with its output on a pseudo-terminal of `size` (columns, rows):
    the exit code and all it printed, line ends as "\\n"."""
    leader, follower = pty.openpty()
    if size is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "hrkpi", *args],
        stdin=follower if tty_stdin else subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = proc.wait(timeout)
    os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
