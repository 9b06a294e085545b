"""Hostile inputs (issue #13): the cases of tests/hostile, timed.

    pip install -e '.[test]' && python -m benchmarks.hostile [--group sizes] [--repeat 3]

tests/hostile asserts what each hostile input must do (its exit code, its message,
its peak memory) and kills a run only as a hang guard; how long each takes is
measured here. The cases are the tests' own (the CASES of tests/hostile/test_sizes.py,
test_figures.py and test_messages.py, hence the test extra): each is built in a
temporary folder and run as the tests run it (tests/hostile/probe.py in a fresh
process, the same environment and address-space limit), `repeat` times. A row
gives the median wall time, the median CPU time (user + system, from wait4: less
moved by other work on a shared machine than the wall clock) and the largest peak
memory (the probe's own high-water mark, VmHWM), beside the tests' memory bound and
the `measured` note their hang guard is set from. A run that does not keep the
case's promise (exit code and fragment) is marked `BROKEN` and the script exits 1.

Floors, each a fresh process: `python -c pass` (the interpreter) and `hrkpi
--version` through the probe (hrkpi's own start-up, which every case pays). Peer,
for a case whose input files hold 1 MB or more: a fresh process parsing the same
files with the format's usual library and checking nothing: polars.read_csv with
every column as text (as hrkpi reads), PyYAML's C loader for YAML. A peer that
refuses a file shows its time and the exception's name.

Results are recorded in docs/hostile.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.hostile import bounded, harness, test_figures, test_messages, test_sizes

GROUPS: dict[str, list[harness.Case]] = {
    "sizes": test_sizes.CASES,
    "figures": test_figures.CASES,
    "messages": test_messages.CASES,
}
PEER_FROM_BYTES = 1_000_000  # below this, start-up is all a peer would show
# The interpreter starting and stopping, importing nothing, saying its peak memory.
FLOOR = """
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print('{"rss_mb": %.1f}' % (peak / 1024))
"""
# Parse every input file with its format's usual library; check nothing.
PEER = """
import json, sys
refused = None
try:
    for path in sys.argv[1:]:
        if path.endswith(".csv"):
            import polars as pl
            pl.read_csv(path, infer_schema=False)
        else:
            import yaml
            with open(path, "rb") as fh:
                yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
except Exception as exc:
    refused = type(exc).__name__
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"rss_mb": peak / 1024, "refused": refused}))
"""


@dataclass(frozen=True)
class Timed:
    """One or more runs of a command: median times, largest peak."""

    wall: float
    cpu: float
    peak_mb: float
    exit: int
    output: str = ""
    hung: bool = False
    refused: str | None = None


def _once(
    cmd: Sequence[str], cwd: Path, env: dict[str, str], guard: float
) -> tuple[float, float, int, str, bool]:
    """(wall s, CPU s, exit code, output, killed by the guard) of one run of `cmd`."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=harness.limit_address_space,
        )
        _, usage, killed = bounded.wait_guarded(proc, guard)
        wall = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode, text, killed


def timed(
    cmd: Sequence[str], cwd: Path, env: dict[str, str], repeat: int, guard: float, peak: Path | None
) -> Timed:
    """`cmd` run `repeat` times. The peak is read from the JSON file `peak` the command
    writes (the probe's), else from the last line of its output (a snippet's)."""
    walls, cpus, peaks = [], [], []
    code, text, hung, refused = 0, "", False, None
    for _ in range(repeat):
        wall, cpu, code, text, hung = _once(cmd, cwd, env, guard)
        if hung:
            break
        walls.append(wall)
        cpus.append(cpu)
        if peak is not None:
            peaks.append(json.loads(peak.read_text(encoding="utf-8"))["rss_mb"])
        else:
            last = json.loads(text.strip().splitlines()[-1])
            peaks.append(last["rss_mb"])
            refused = last.get("refused")
    if hung:
        return Timed(guard, guard, float("nan"), code, text, hung=True)
    return Timed(
        statistics.median(walls),
        statistics.median(cpus),
        max(peaks),
        code,
        text,
        refused=refused,
    )


def inputs(folder: Path) -> list[Path]:
    """The CSV and YAML files a built case reads (regular files only: a FIFO is not
    read by anyone), largest last."""
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix in (".csv", ".yaml") and p.is_file() and not p.is_symlink()
    ]
    return sorted(found, key=lambda p: (p.stat().st_size, str(p)))


@dataclass(frozen=True)
class Row:
    """A case's measurement and its peer's."""

    case: harness.Case
    group: str
    hrkpi: Timed
    kept: bool
    input_mb: float
    peer: Timed | None


def measure(case: harness.Case, group: str, repeat: int, root: Path) -> Row:
    """Build `case` under `root` and time it (and its peer, for large inputs)."""
    folder = root / "case"
    folder.mkdir()
    args = case.build(folder)
    read = inputs(folder)
    size = sum(p.stat().st_size for p in read)
    env = {**harness.environment(harness.language(case)), "HRKPI_CACHE_DIR": str(root / "cache")}
    out = folder / ".probe.json"
    ran = timed(harness.probe_command(args, out), folder, env, repeat, case.guard, out)
    kept = (
        not ran.hung
        and ran.exit == case.exit
        and case.says in ran.output
        and "Traceback" not in ran.output
    )
    peer = None
    if size >= PEER_FROM_BYTES:
        cmd = [sys.executable, "-c", PEER, *(str(p) for p in read)]
        peer = timed(cmd, folder, dict(os.environ), repeat, case.guard, None)
    return Row(case, group, ran, kept, size / 1e6, peer)


def floors(repeat: int) -> dict[str, Timed]:
    """The interpreter's start-up and hrkpi's own (`--version` through the probe)."""
    with tempfile.TemporaryDirectory(prefix="hrkpi-hostile-") as tmp:
        folder = Path(tmp)
        env = {**harness.environment(), "HRKPI_CACHE_DIR": str(folder / "cache")}
        out = folder / ".probe.json"
        return {
            "python start-up": timed([sys.executable, "-c", FLOOR], folder, env, repeat, 60, None),
            "hrkpi --version": timed(
                harness.probe_command(["--version"], out), folder, env, repeat, 60, out
            ),
        }


def _peer_cell(row: Row) -> str:
    if row.peer is None:
        return ""
    if row.peer.hung:
        return "hung"
    cell = f"{row.peer.wall:.2f} s, {row.peer.peak_mb:.0f} MB"
    if row.peer.refused:
        cell += f" (refused: {row.peer.refused})"
    elif row.peer.exit != 0:
        cell += f" (exit {row.peer.exit})"
    return cell


def table(rows: list[Row], floor: dict[str, Timed], repeat: int) -> str:
    """The Markdown table of the run."""
    lines = [
        f"medians of {repeat} runs (peak: the largest), Python {sys.version.split()[0]}",
        "",
        "| case | exit | wall | CPU | peak | bound | noted | input | peer: parse only |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for name, t in floor.items():
        lines.append(
            f"| floor: `{name}` | {t.exit} | {t.wall:.2f} s | {t.cpu:.2f} s | "
            f"{t.peak_mb:.0f} MB | | | | |"
        )
    for row in rows:
        t = row.hrkpi
        name = row.case.name.replace("|", "/")
        mark = "" if row.kept else " BROKEN"
        wall = "hung" if t.hung else f"{t.wall:.2f} s"
        lines.append(
            f"| {row.group}: {name}{mark} | {t.exit} | {wall} | {t.cpu:.2f} s | "
            f"{t.peak_mb:.0f} MB | {row.case.mb:.0f} MB | {row.case.measured} | "
            f"{row.input_mb:.1f} MB | {_peer_cell(row)} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Command line: which groups, how many runs each, which cases."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--group", default=",".join(GROUPS), help=f"comma-separated, of {', '.join(GROUPS)}"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each case")
    parser.add_argument("--match", default="", help="only the cases whose name holds this")
    args = parser.parse_args()
    load_before = os.getloadavg()
    floor = floors(args.repeat)
    rows = []
    for group in args.group.split(","):
        for case in GROUPS[group]:
            if args.match not in case.name:
                continue
            with tempfile.TemporaryDirectory(prefix="hrkpi-hostile-") as tmp:
                rows.append(measure(case, group, args.repeat, Path(tmp)))
            print(f"  {group}: {case.name}: {rows[-1].hrkpi.wall:.2f} s", file=sys.stderr)
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(table(rows, floor, args.repeat))
    if not all(row.kept for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
