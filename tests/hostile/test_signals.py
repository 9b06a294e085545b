"""Signals during an export: Ctrl-C exits 130 and SIGTERM 143, without a traceback
and without a temporary file; after SIGKILL nothing stays behind for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The real CLI, with the workbook's writing slowed down once its bytes are in the
# temporary file, so a signal can arrive at the worst moment.
SLOW_EXPORT = """
import sys, time
from pathlib import Path
import hrkpi.output.atomic as atomic

marker, named = Path(sys.argv[1]), sys.argv[2] == "named"
atomic.USE_TMPFILE = atomic.USE_TMPFILE and not named
real_write = atomic._write_file

def slow(target, write):
    def slow_write(handle):
        write(handle)
        handle.flush()
        marker.write_text("written")
        time.sleep(60)
    real_write(target, slow_write)

atomic._write_file = slow
sys.argv = ["hrkpi", "export", "-o", "t.xlsx"]
from hrkpi.cli import main
main()
"""


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _start(folder: Path, temp: str) -> tuple[subprocess.Popen[str], Path]:
    marker = folder.parent / f"{folder.name}.marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, str(marker), temp],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "HRKPI_LANG": "en"},
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "hung: the export never started writing (hang guard)"
        time.sleep(0.05)
    return proc, marker


@pytest.mark.parametrize("temp", ["unnamed", "named"])
@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGINT, 130, "note: interrupted"), (signal.SIGTERM, 143, "note: terminated")],
)
def test_a_signal_mid_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, temp: str, signum: int, code: int, said: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "t.xlsx").write_bytes(b"the old table")
    proc, _ = _start(folder, temp)
    if temp == "named":
        assert len(_listing(folder)) == 2  # the named temporary file exists now
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert said in err and "Traceback" not in err and "Aborted" not in err
    assert _listing(folder) == ["t.xlsx"]
    assert (folder / "t.xlsx").read_bytes() == b"the old table"


def test_sigkill_leaves_nothing_with_an_unnamed_temp(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "t.xlsx").write_bytes(b"the old table")
    proc, _ = _start(folder, "unnamed")
    proc.kill()
    proc.communicate(timeout=60)
    assert _listing(folder) == ["t.xlsx"]  # O_TMPFILE: the unfinished file had no name
    assert (folder / "t.xlsx").read_bytes() == b"the old table"


def test_sigkill_with_a_named_temp_is_swept_by_the_next_write(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "t.xlsx").write_bytes(b"the old table")
    proc, _ = _start(folder, "named")
    proc.kill()
    proc.communicate(timeout=60)
    left = [n for n in _listing(folder) if n != "t.xlsx"]
    assert len(left) == 1 and left[0].startswith(".t.xlsx.hrkpi-"), left
    done = subprocess.run(
        [sys.executable, "-m", "hrkpi", "export", "-f", "csv", "-o", "other.csv"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert _listing(folder) == ["other.csv", "t.xlsx"]  # the dead writer's file is gone
    assert (folder / "t.xlsx").read_bytes() == b"the old table"
