"""`hrkpi check --junit FILE` when the file cannot be written while the findings are
made: exit 2 with the reason, nothing printed, no file and no temporary file left."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from tests.checkfiles import INDICATORS
from tests.conftest import write
from typer.testing import CliRunner

import hrkpi
from hrkpi.cli import app
from hrkpi.output.checkpass import HeldText

# Enough rows that the JUnit file outgrows a 1 KB file size limit once the findings
# are being written (its head alone is a few hundred bytes).
ROWS = "indicator,region,period,value,completion\n" + "".join(
    f"jobs,甲,2021-01/{m:02d},{100 * m},{100 * m / 40:.2f}\n" for m in range(1, 13)
)
LIMIT = 1024


def _project(tmp_path: Path) -> list[str]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", ROWS)
    return ["check", "-i", str(ind.parent), "-d", str(data.parent), "--lang", "en"]


def _limited() -> None:
    # In the child: files it writes stop at LIMIT bytes (EFBIG, not SIGXFSZ's kill);
    # standard output and error are pipes, which the limit does not touch.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    src = str(Path(hrkpi.__file__).resolve().parents[1])  # absolute: this checkout's
    env = {k: v for k, v in os.environ.items() if k != "HRKPI_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "hrkpi", *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": src, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=_limited,
        check=False,
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_junit_file_too_large_to_write_leaves_nothing_printed(tmp_path: Path, fmt: str) -> None:
    args = [*_project(tmp_path), "--format", fmt]
    alone = _run(args)  # writes no file: the limit does not matter
    assert alone.returncode == 0, alone.stderr  # 12 consistent completion rates
    assert alone.stdout.strip()
    out = tmp_path / "reports" / "check.xml"
    out.parent.mkdir()
    failed = _run([*args, "--junit", str(out)])
    assert failed.returncode == 2, failed.stderr
    # Before: the findings printed up to the failure. With --format github the error
    # itself is an annotation on standard output, as every bad input's.
    printed = failed.stdout.splitlines()
    if fmt == "github":
        assert len(printed) == 1
        assert printed[0].startswith("::error title=hrkpi%3A bad input::cannot write ")
    else:
        assert printed == []
    assert "the file is larger than the file system or the file size limit allows" in (
        failed.stderr
    )
    assert "nothing was written" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert list(out.parent.iterdir()) == []  # no file, no temporary file


def test_the_same_run_with_room_writes_both(tmp_path: Path) -> None:
    # The failure above is the limit's: the same XML is larger than it, and fits without.
    args = _project(tmp_path)
    out = tmp_path / "check.xml"
    result = subprocess.run(
        [sys.executable, "-m", "hrkpi", *args, "--junit", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(hrkpi.__file__).resolve().parents[1])},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > LIMIT
    assert result.stdout == _run(args).stdout


def test_text_that_cannot_be_held_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Past its memory the held text goes to a temporary file; a temporary folder that
    # is gone is bad input with its name, not a traceback.
    monkeypatch.setattr(HeldText, "MEMORY", 10)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    out = tmp_path / "check.xml"
    result = CliRunner().invoke(app, [*_project(tmp_path), "--junit", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "cannot hold the report in a temporary file" in result.stderr
    assert str(tmp_path / "gone") in result.stderr
    assert not out.exists()
