"""hrkpi's own process: the console script's entry point, signals that unwind, and
standard output watched so a failed write is reported as stdout's."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from hrkpi.cli.boundary import Run, say_error, stdout_failed
from hrkpi.core.collector import own_process, settle


class Interrupted(SystemExit):
    """Ctrl-C, SIGTERM or SIGHUP: unwinds like an exit, so every `finally` (a
    temporary file's removal) runs, and no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _unraisable(info: Any) -> None:
    """Errors in clean-up that Python cannot raise (a library's half-written file
    closing itself when collected) are not the user's: shown with --debug only."""
    if Run.debug:
        sys.__unraisablehook__(info)


class _Watched:
    """Standard output as it was, noting the first error a write or flush meets, so
    that the error, however a library re-wraps it, is reported as stdout's. On a
    terminal, control characters other than colours are shown, not obeyed."""

    failure: OSError | None = None

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        isatty = getattr(stream, "isatty", None)
        self._terminal = bool(isatty and isatty())

    def write(self, data: Any) -> int:
        if self._terminal and isinstance(data, str):
            from hrkpi.output.controls import terminal_safe

            data = terminal_safe(data)  # no escape sequence from data reaches a terminal
        try:
            return int(self._stream.write(data))
        except OSError as exc:
            Run.stdout_failure = Run.stdout_failure or exc
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            Run.stdout_failure = Run.stdout_failure or exc
            raise

    @property
    def buffer(self) -> _Watched:
        return _Watched(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _watch_stdout() -> None:
    """Watch standard output; started with it closed (`>&-`), first hold descriptor 1
    with a file that refuses writes, so nothing else opens there and a write fails."""
    if sys.stdout is None:
        fd = os.open(os.devnull, os.O_RDONLY)
        if fd != 1:
            os.dup2(fd, 1)
            os.close(fd)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = _Watched(sys.stdout)


def main() -> None:
    """Entry point of the `hrkpi` console script.

    Signals become exits that unwind (temporary files are removed): Ctrl-C exits
    130, SIGTERM 143, SIGHUP 129. Output that cannot be written ends with a message
    (exit 2), or quietly when the reader of a pipe went away (exit 141).
    """
    _watch_stdout()
    own_process()
    settle()
    sys.unraisablehook = _unraisable
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        from hrkpi.cli import run_app

        try:
            run_app()
        except Interrupted as stop:
            from hrkpi.core.messages import Msg, language, use_language

            with use_language(Run.language or language()):
                said = Msg("interrupted") if stop.signum == signal.SIGINT else Msg("terminated")
                say_error(said, "note")
            code: Any = stop.code
        except SystemExit as done:
            code = done.code
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except OSError as exc:
            code = stdout_failed(exc) if code in (0, None) else code
    except Interrupted as stop:  # a second signal while finishing
        code = stop.code
    sys.exit(code)
