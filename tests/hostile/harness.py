"""Running a hostile case: the command line in a subprocess, its exit code, words,
time and peak memory.

Each case states the promise: the exit code (0 ok, 1 a check failed, 2 bad input;
never 3, never a traceback), a fragment of what it says, and bounds on its wall
time and peak memory. The bounds guard against hangs and blow-ups (a quadratic
reader, a file read whole); they are not benchmarks (benchmarks/ measures speed).
Each was set from two measured runs (the `measured` note beside it: the faster
run's seconds and the larger peak MB, Python start-up included, on the shared
2-core development machine with a load average of about 5, so some two to
three times an idle machine's time) with room to spare: time at least ten
seconds and five times the measurement, memory at least 400 MB and twice the
measurement, never more than 1 GB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROBE = Path(__file__).with_name("probe.py")
# A regression that eats memory must not take the machine with it.
ADDRESS_SPACE = 4 << 30


@dataclass(frozen=True)
class Case:
    """A hostile input, what hrkpi must do with it, and within what."""

    name: str
    build: Callable[[Path], list[str]]  # writes the inputs under a folder; returns the arguments
    exit: int
    says: str  # a fragment of the output (stdout and stderr)
    measured: str  # "0.6 s, 95 MB": what the bounds were set from
    seconds: float = 10.0
    mb: float = 400.0

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Result:
    """What the command did."""

    exit: int
    output: str
    seconds: float
    rss_mb: float


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run(args: list[str], cwd: Path, timeout: float, lang: str | None = None) -> Result:
    """`hrkpi ARGS` in a subprocess at `cwd` (in `lang`, default Chinese), killed after
    `timeout` seconds."""
    out = cwd / ".probe.json"
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    env.pop("HRKPI_LANG", None)
    if lang is not None:
        env["HRKPI_LANG"] = lang
    done = subprocess.run(
        [sys.executable, str(PROBE), str(out), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
        preexec_fn=_limit,
        stdin=subprocess.DEVNULL,
    )
    measured = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return Result(
        done.returncode,
        done.stdout + done.stderr,
        measured.get("seconds", float("inf")),
        measured.get("rss_mb", float("inf")),
    )


def check(case: Case, folder: Path) -> Result:
    """Build and run a case; assert its promise."""
    args = case.build(folder)
    # Bad input's fragments are English messages (their msgids), asserted with
    # HRKPI_LANG=en, as is any fragment without Chinese (validate's "ok: ..."); an
    # output with Chinese in it is asserted in the default language.
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in case.says)
    lang = "en" if case.exit == 2 or not chinese else None
    result = run(args, folder, timeout=case.seconds * 3, lang=lang)
    shown = result.output[-3000:]
    assert "Traceback" not in result.output, shown
    assert result.exit == case.exit, (result.exit, shown)
    assert case.says in result.output, shown
    assert result.seconds <= case.seconds, (result.seconds, case.measured)
    assert result.rss_mb <= case.mb, (result.rss_mb, case.measured)
    return result


def write(path: Path, text: str) -> Path:
    """Write dedented text (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


INDICATORS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 万人
    measure: flow
    target: "4"
  - id: rate
    name: 失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - word: 以内
        value: "4"
  - id: persons
    name: 就业困难人员
    unit: 人
    measure: stock
"""


def project(folder: Path, data: str, name: str = "d.yaml") -> list[str]:
    """The small project with one data file; the arguments naming both."""
    write(folder / "ind" / "a.yaml", INDICATORS)
    write(folder / "data" / name, data)
    return ["-i", "ind", "-d", "data"]


def yaml_data(figures: str, head: str = "as_of: 2020-06-30") -> str:
    """A data file: the header lines, then `figures` (indented under figures:)."""
    body = textwrap.indent(textwrap.dedent(figures).strip("\n"), "  ")
    return f"source: 测试报告\nregion: 测试市\n{head}\nfigures:\n{body}\n"
