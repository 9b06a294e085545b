"""The progress bar: only on a terminal, only once a run has taken its delay."""

from __future__ import annotations

import io
import time

from rich.console import Console

from hrkpi.output.terminal import ProgressBar


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=80), out


def test_a_quick_run_leaves_no_trace() -> None:
    console, out = _console(True)
    with ProgressBar(delay=3600, console=console) as bar:
        bar("reading data", 0, 3)
    assert out.getvalue() == ""


def test_a_long_run_shows_its_stage() -> None:
    console, out = _console(True)
    with ProgressBar(delay=0, console=console) as bar:
        deadline = time.monotonic() + 5
        while bar._progress is None and time.monotonic() < deadline:  # the timer's thread
            time.sleep(0.01)
        bar("checking", 1, 3)
    assert "checking" in out.getvalue()


def test_no_bar_off_a_terminal() -> None:
    console, out = _console(False)
    with ProgressBar(delay=0, console=console) as bar:
        bar("checking", 1, 3)
        time.sleep(0.05)
    assert out.getvalue() == ""
