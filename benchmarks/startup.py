"""Start-up: `hrkpi compute` and `hrkpi check` on the bundled report against the
imports every such program pays, each a fresh process, interleaved, many times.

    python -m benchmarks.startup [--repeat 21] [--instructions]

The reference is `python -c "import typer, pydantic, yaml, rich"` (issue 12's
target: within 1.6 times it). Beside it, what a program on these libraries pays
before doing anything of its own: `rich.console` (what printing with rich takes),
one pydantic model (pydantic's schema machinery, which `import pydantic` defers),
and a bare typer app with seven options (this typer coerces every option through
a pydantic adapter).

hrkpi is measured as installed: its modules byte-compiled first (pip compiles a
wheel's modules; a source checkout under PYTHONDONTWRITEBYTECODE=1 would compile
them again in every run), and the bundled report's load cached by a first run
(sources/loadcache.py); `(no cache)` is the same command with HRKPI_NO_CACHE=1, as
the first run after an upgrade or an edit of the bundled report; `check -i DIR -d DIR`
is that run with the folders given as paths, as a user's own report is checked.

Each row: the median wall-clock time, the median CPU time (user + system, from
wait4: less moved by other work on a shared machine than the wall clock), and
their ratios to the imports. The load average is printed before and after.
`--instructions` adds each command's instruction count under valgrind (callgrind),
which other work does not move at all.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import hrkpi
from benchmarks.run import ONE_MODEL, TYPER_APP
from hrkpi.sources.inputfiles import bundled_path
from hrkpi.sources.loadcache import ENV_DIR

PY = sys.executable
HRKPI = [PY, "-m", "hrkpi"]
NO_CACHE = {"HRKPI_NO_CACHE": "1"}
IMPORTS = "import typer, pydantic, yaml, rich"

# (name, command, extra environment)
COMMANDS: list[tuple[str, list[str], dict[str, str]]] = [
    ("imports", [PY, "-c", IMPORTS], {}),
    ("+ rich.console", [PY, "-c", IMPORTS + ".console"], {}),
    ("+ one model", [PY, "-c", ONE_MODEL], {}),
    ("+ a typer app", [PY, "-c", TYPER_APP], {}),
    ("hrkpi --help", [*HRKPI, "--help"], {}),
    ("hrkpi compute", [*HRKPI, "compute"], {}),
    ("hrkpi check", [*HRKPI, "check"], {}),
    ("compute (no cache)", [*HRKPI, "compute"], NO_CACHE),
    ("check (no cache)", [*HRKPI, "check"], NO_CACHE),
    # A user's own report: its folders given as paths (never cached), here the bundled
    # report's, so that the work is the row above's and the difference the paths'.
    (
        "check -i DIR -d DIR",
        [*HRKPI, "check", "-i", str(bundled_path("indicators")), "-d", str(bundled_path("data"))],
        NO_CACHE,
    ),
]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; the output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 1), (cmd, code)  # check exits 1 when a figure fails
    return wall, usage.ru_utime + usage.ru_stime


def _instructions(cmd: list[str], env: dict[str, str]) -> float:
    """Millions of instructions the command executes (valgrind's callgrind)."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0", **env},
        check=False,
    )
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split()[-1]) / 1e6
    raise RuntimeError(out.stderr[-2000:])


def prepare() -> None:
    """hrkpi as installed: modules byte-compiled, the bundled report's load cached."""
    compileall.compile_dir(Path(hrkpi.__file__).parent, quiet=1)
    for args in (["compute"], ["check"]):
        _run([*HRKPI, *args], {})


def startup(repeat: int = 21, instructions: bool = False) -> dict[str, float]:
    """Print the start-up table (medians of `repeat` interleaved rounds); return the
    median wall times by name.

    The bundled report's load is cached in a folder of the benchmark's own: the user's
    cache keeps one bundled report, so another checkout's hrkpi run meanwhile would
    replace it and turn measured runs into loads."""
    previous = os.environ.get(ENV_DIR)
    with tempfile.TemporaryDirectory(prefix="hrkpi-startup-") as cache:
        os.environ[ENV_DIR] = cache
        try:
            return _startup(repeat, instructions)
        finally:
            if previous is None:
                del os.environ[ENV_DIR]
            else:
                os.environ[ENV_DIR] = previous


def _startup(repeat: int, instructions: bool) -> dict[str, float]:
    prepare()
    load_before = os.getloadavg()
    wall: dict[str, list[float]] = {name: [] for name, _, _ in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in COMMANDS}
    for _ in range(repeat):
        for name, cmd, env in COMMANDS:  # interleaved: a burst of other work hits all alike
            w, c = _run(cmd, env)
            wall[name].append(w)
            cpu[name].append(c)
    load_after = os.getloadavg()
    walls = {name: statistics.median(v) for name, v in wall.items()}
    cpus = {name: statistics.median(v) for name, v in cpu.items()}
    counts = {}
    if instructions and shutil.which("valgrind"):
        counts = {name: _instructions(cmd, env) for name, cmd, env in COMMANDS}
    w0, c0 = walls["imports"], cpus["imports"]
    print(f"\nstart-up, medians of {repeat} interleaved runs (Python {sys.version.split()[0]})")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    head = f"  {'':20} {'wall':>8} {'ratio':>6}  {'CPU':>8} {'ratio':>6}"
    print(head + (f"  {'instructions':>13} {'ratio':>6}" if counts else ""))
    for name, _, _ in COMMANDS:
        row = (
            f"  {name:20} {walls[name]:7.3f}s {walls[name] / w0:5.2f}x"
            f"  {cpus[name]:7.3f}s {cpus[name] / c0:5.2f}x"
        )
        if counts:
            row += f"  {counts[name]:11,.0f} M {counts[name] / counts['imports']:5.2f}x"
        print(row)
    return walls


def main() -> None:
    """Command line: the number of rounds, and whether to count instructions."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=21, help="interleaved rounds")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    args = parser.parse_args()
    startup(args.repeat, args.instructions)


if __name__ == "__main__":
    main()
