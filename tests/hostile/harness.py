"""Running a hostile case: the command line in a subprocess, its exit code, words and
peak memory.

Each case states the promise: the exit code (0 ok, 1 a check failed, 2 bad input;
never 3, never a traceback), a fragment of what it says, and a bound on its peak
memory (a file read whole, a structure grown with the input). Peak memory is the
child's own high-water mark (probe.py), which no other work on the machine moves.

Time is not asserted: speed is measured in benchmarks/ (`python -m
benchmarks.hostile` runs these same cases and reports their wall time and peak
memory beside a floor and a peer; the numbers are in docs/hostile.md). A run is
killed after `Case.guard` seconds, ten times its `measured` time plus a minute:
a hang guard, not a speed assertion. A run it kills fails as hung (it would
never have ended), never as slow. That the work grows no faster than the input
allows is counted, not timed (test_sizes.py's GROWTH).

Each `measured` note is two measured runs (the faster run's seconds and the
larger peak MB, Python start-up included, on the shared 2-core development
machine with a load average of about 5, so some two to three times an idle
machine's time). The memory bound has room to spare: at least 400 MB and twice
the measurement, never more than 1 GB.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.bounded import Hung  # (one class for both harnesses' hung runs)

PROBE = Path(__file__).with_name("probe.py")
# A regression that eats memory must not take the machine with it.
ADDRESS_SPACE = 4 << 30
MEASURED = re.compile(r"(\d+(?:\.\d+)?) s, (\d+) MB")


@dataclass(frozen=True)
class Case:
    """A hostile input, what hrkpi must do with it, and within what memory."""

    name: str
    build: Callable[[Path], list[str]]  # writes the inputs under a folder; returns the arguments
    exit: int
    says: str  # a fragment of the output (stdout and stderr)
    measured: str  # "0.6 s, 95 MB": what the memory bound and the hang guard were set from
    mb: float = 400.0

    def __post_init__(self) -> None:
        if not MEASURED.fullmatch(self.measured):
            raise ValueError(f"{self.name}: measured {self.measured!r} is not 'S s, M MB'")

    def __str__(self) -> str:
        return self.name

    @property
    def seconds(self) -> float:
        """The measured wall time (the `measured` note's seconds)."""
        found = MEASURED.fullmatch(self.measured)
        assert found is not None
        return float(found.group(1))

    @property
    def guard(self) -> float:
        """Seconds after which the run is killed as hung: ten times the measured time
        plus a minute. A hang guard, not a speed assertion."""
        return 10 * self.seconds + 60


@dataclass(frozen=True)
class Result:
    """What the command did."""

    exit: int
    output: str
    rss_mb: float


def limit_address_space() -> None:
    """In the child: at most ADDRESS_SPACE bytes of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def environment(lang: str | None = None) -> dict[str, str]:
    """The child's environment: plain output 160 columns wide, in `lang` (default Chinese)."""
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    env.pop("HRKPI_LANG", None)
    if lang is not None:
        env["HRKPI_LANG"] = lang
    return env


def language(case: Case) -> str | None:
    """The language a case's fragment is in. Bad input's fragments are English
    messages (their msgids), asserted with HRKPI_LANG=en, as is any fragment without
    Chinese (validate's "ok: ..."); an output with Chinese in it is asserted in the
    default language."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in case.says)
    return "en" if case.exit == 2 or not chinese else None


def probe_command(args: list[str], out: Path) -> list[str]:
    """`hrkpi ARGS` run by the probe, which writes its exit code and peak memory to `out`."""
    return [sys.executable, str(PROBE), str(out), *args]


def run(args: list[str], cwd: Path, guard: float, lang: str | None = None) -> Result:
    """`hrkpi ARGS` in a subprocess at `cwd` (in `lang`, default Chinese); killed after
    `guard` seconds, and then `Hung` is raised."""
    out = cwd / ".probe.json"
    try:
        done = subprocess.run(
            probe_command(args, out),
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=guard,
            env=environment(lang),
            preexec_fn=limit_address_space,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise Hung(
            f"hung: `hrkpi {' '.join(args)[:200]}` was killed by the hang guard after "
            f"{guard:.0f} s (a hang guard, not a speed limit; benchmarks/hostile.py "
            "measures the time)"
        ) from None
    measured = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return Result(done.returncode, done.stdout + done.stderr, measured.get("rss_mb", float("inf")))


def check(case: Case, folder: Path) -> Result:
    """Build and run a case; assert its promise: exit code, words, peak memory."""
    args = case.build(folder)
    result = run(args, folder, guard=case.guard, lang=language(case))
    shown = result.output[-3000:]
    assert "Traceback" not in result.output, shown
    assert result.exit == case.exit, (result.exit, shown)
    assert case.says in result.output, shown
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
