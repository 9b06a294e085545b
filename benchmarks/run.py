"""The benchmark: hrkpi against a hand-written pandas script and the I/O floor, as
whole processes, in one run.

    pip install -e '.[bench]' && python -m benchmarks.run [--sizes 1000000,10000000]

For each size (default 100,000 and 1,000,000 observations) it generates the
synthetic province with the realistic mix (benchmarks/workload.py: rates over
their ceiling, completion and growth typos, approximate counts, absolute and
point changes; kept in benchmarks/.data/), then times

  hrkpi   `hrkpi check --problems-only` (every relation; the problems listed),
          `hrkpi check` as a user runs it (every finding listed, consistent ones too,
          written to a file; `--no-listing` skips it) and `hrkpi compute --series`
          (the series table as CSV), each its own process, with --verbose saying how
          many rows the exact engine re-decided;
  pandas  benchmarks/baseline_pandas.py, one process doing the same: the checks alone
          (the peer of both `hrkpi check` rows) and the checks with the series table
          written (the peer of `hrkpi compute --series`);
  floor   polars and DuckDB reading every column as text and writing it back
          (what any tool must at least do with the file);

checks that both find exactly the injected problems, compares the series tables
cell by cell (pandas rounds binary floats, so it differs at rounding ties and where a
completion lies exactly one point from pace: each difference is shown to be a float
artefact, a pace status by recomputing its row in Fractions), and prints seconds,
peak memory and their ratios to pandas and to the floor. Last, start-up: `hrkpi --help`,
`hrkpi compute` and `hrkpi check` on the bundled report against
`python -c "import typer, pydantic, yaml, rich.console"`.
"""

from __future__ import annotations

import argparse
import calendar
import compileall
import csv
import datetime as dt
import functools
import multiprocessing
import re
import shutil
import statistics
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import hrkpi
from benchmarks.generate import generate
from benchmarks.measure import Timed, timed
from hrkpi.checks.findings import CheckKind
from hrkpi.engine.series import SERIES_COLUMNS
from hrkpi.output.findwords import kind_label
from hrkpi.output.words import Lang

HERE = Path(__file__).resolve().parent
HRKPI = [sys.executable, "-m", "hrkpi"]


def _project(n: int) -> Path:
    folder = HERE / ".data" / f"mix{n}"
    if not (folder / "expected_errors.csv").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {n:,} observations in {folder} ...", flush=True)
        # In a process of its own: generating ten million figures here held 5.9 GB,
        # which every contender started afterwards reported as its own peak (a child's
        # ru_maxrss counts its time before exec, in a copy of this process).
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as pool:
            pool.submit(generate, folder, n, mixed=True).result()
    return folder


def _expected(folder: Path) -> set[tuple[int, str]]:
    with open(folder / "expected_errors.csv", encoding="utf-8") as f:
        return {(int(r["line"]), r["kind"]) for r in csv.DictReader(f)}


# A problem's line in English: `FILE:LINE: FAIL <the rule's name>: ...`, the name read
# back as the rule's key (expected_errors.csv's kind).
_FINDING = re.compile(r"^.*:(\d+): FAIL ([^:]+): ")
_KINDS = {kind_label(k, Lang.EN): k.value for k in CheckKind}


def _problem(m: re.Match[str] | None) -> tuple[int, str] | None:
    return None if m is None else (int(m[1]), _KINDS.get(m[2], m[2]))


def _hrkpi_problems(text: str) -> set[tuple[int, str]]:
    return {p for p in map(_problem, map(_FINDING.match, text.splitlines())) if p}


def _listed_problems(path: Path) -> set[tuple[int, str]]:
    # Line by line: the listing is hundreds of MB, and a runner grown to hold it would
    # pass its size on to every process it starts next (a child's peak memory, as
    # wait4 reports it, starts from its parent's resident size at the fork).
    with open(path, encoding="utf-8") as f:
        return {p for p in map(_problem, map(_FINDING.match, f)) if p}


def _pandas_problems(text: str) -> set[tuple[int, str]]:
    return {(int(a), b) for a, b in (line.split() for line in text.splitlines() if line)}


def _kind(x: str, y: str) -> str:
    """Why two cells differ: pandas' "-0.00", a last digit rounded the other way, or other."""
    if y.startswith("-") and y.strip("-0.") == "" and x.strip("0.") == "":
        return "negative zero"
    try:
        a, b = Decimal(x), Decimal(y)
    except InvalidOperation:
        return "other"
    exponent = a.as_tuple().exponent
    assert isinstance(exponent, int)
    return "rounding tie" if abs(a - b) == Decimal(1).scaleb(exponent) else "other"


TOLERANCE = Fraction(1)  # percentage points either side of pace: hrkpi's default, as in pandas'


def exact_pace(value: str, target: str, as_of: str) -> tuple[str, bool]:
    """A row's pace status worked out in Fractions, by days, the pandas script's rule
    (completed at 100%, ahead above pace + 1 point, behind below pace - 1, else on
    pace), and whether its completion lies exactly on one of those boundaries.
    """
    completion = Fraction(value) / Fraction(target) * 100
    day = dt.date.fromisoformat(as_of)
    days = 366 if calendar.isleap(day.year) else 365
    pace = Fraction(day.timetuple().tm_yday, days) * 100
    boundary = completion in (Fraction(100), pace + TOLERANCE, pace - TOLERANCE)
    if completion >= 100:
        return "completed", boundary
    if completion > pace + TOLERANCE:
        return "ahead", boundary
    if completion < pace - TOLERANCE:
        return "behind", boundary
    return "on_pace", boundary


def _pace_kind(ours: list[str], theirs: str, targets: dict[tuple[str, str, str], str]) -> str:
    """A pace status that differs: "tolerance boundary" when the row, recomputed
    exactly, lies on a boundary and gives hrkpi's status (in floats the completion
    falls a hair either side of it, so pandas' status is an artefact), else "other".
    """
    row = dict(zip(HEADER, ours, strict=True))
    target = targets.get((row["indicator"], row["region"], row["as_of"][:4]))
    if target is None:
        return "other"
    try:
        status, boundary = exact_pace(row["value"], target, row["as_of"])
    except (ValueError, ZeroDivisionError):  # an approximate figure (近12400) or no target
        return "other"
    return "tolerance boundary" if boundary and status == row["pace_status"] != theirs else "other"


def _targets(path: Path) -> dict[tuple[str, str, str], str]:
    """Each region's own target by (indicator, region, year), as written."""
    with open(path, encoding="utf-8") as f:
        return {(r["indicator"], r["region"], r["year"]): r["target"] for r in csv.DictReader(f)}


def _differences(ours: Path, theirs: Path, targets: Path) -> tuple[int, dict[str, int], list[str]]:
    """(rows compared, differing cells by kind, an example of each); same row order.

    pandas rounds binary floats: at a tie (x.xx5) the float lies a hair off the
    half and half-to-even goes either way, a float just below zero prints as
    "-0.00", and a completion exactly one point from pace comes out a hair above or
    below it. hrkpi's figures are the exact ones (tests/fast/test_agreement.py);
    a differing pace status is recomputed exactly from the row and `targets` (the
    targets CSV, read only when one differs).
    """
    kinds = {"negative zero": 0, "rounding tie": 0, "tolerance boundary": 0, "other": 0}
    examples: dict[str, str] = {}
    book: dict[tuple[str, str, str], str] | None = None
    rows = 0
    with open(ours, encoding="utf-8") as a, open(theirs, encoding="utf-8") as b:
        for ra, rb in zip(csv.reader(a), csv.reader(b), strict=True):
            rows += 1
            for h, x, y in zip(HEADER, ra, rb, strict=False):
                if x != y and rows > 1:
                    if h == "pace_status":
                        book = _targets(targets) if book is None else book
                        kind = _pace_kind(ra, y, book)
                    else:
                        kind = _kind(x, y)
                    kinds[kind] += 1
                    examples.setdefault(kind, f"{ra[0]} {ra[1]} {ra[2]} {h}: hrkpi {x}, pandas {y}")
    return rows - 1, kinds, list(examples.values())


# The series table's columns, as hrkpi writes them (the pandas script keeps its own copy,
# as a user's script would).
HEADER = list(SERIES_COLUMNS)


FLOORS = {
    "polars": "import polars as pl\npl.scan_csv(SRC, infer_schema=False).sink_csv(DST)",
    "duckdb": "import duckdb\n"
    "duckdb.sql(f\"COPY (SELECT * FROM read_csv('{SRC}', all_varchar=true)) TO '{DST}' (HEADER)\")",
}
_EXACT = re.compile(r"(\d+) rows re-decided")


def _floor(name: str, src: Path, dst: Path) -> Timed:
    code = f"SRC, DST = {str(src)!r}, {str(dst)!r}\n" + FLOORS[name]
    return timed([sys.executable, "-c", code])


def _exact_rows(notes: Path) -> int:
    found = _EXACT.search(notes.read_text(encoding="utf-8"))
    return int(found[1]) if found else -1


class Runs:
    """Every run of one contender: medians of its wall and CPU seconds and its peak."""

    def __init__(self) -> None:
        self.runs: list[Timed] = []

    def add(self, run: Timed, code: int, name: str) -> None:
        assert run.code == code, (name, run.code)
        self.runs.append(run)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak(self) -> float:
        return statistics.median(r.peak for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def spread(self) -> str:
        low, high = min(r.seconds for r in self.runs), max(r.seconds for r in self.runs)
        return f"{low:.2f}-{high:.2f}" if len(self.runs) > 1 else ""


def bench(n: int, work: Path, *, listing: bool = True, repeat: int = 1) -> dict[str, float]:
    """Time every contender at one size, `repeat` rounds, each round in another order
    (so that no contender always runs first, or just after the heaviest); return the
    medians."""
    project = _project(n)
    args = [
        "-i",
        str(project / "indicators"),
        "-d",
        str(project / "data"),
        "--regions",
        str(project / "regions.csv"),
    ]

    def hrkpi(*command: str) -> list[str]:
        return [*HRKPI, *command, *args, "--verbose", "--lang", "en"]

    checked = work / f"hrkpi_check_{n}.txt"
    listed = work / f"hrkpi_listing_{n}.txt"
    series = work / f"hrkpi_{n}.csv"
    pandas_out = work / f"pandas_{n}.csv"
    problems = work / f"pandas_problems_{n}.txt"
    # The checks alone: what `hrkpi check` is compared with (the issue's "pandas script
    # doing the same checks"; the table's formatting would flatter the check's ratio).
    alone = work / f"pandas_checks_{n}.txt"
    data = project / "data" / "observations.csv"
    baseline = [sys.executable, str(HERE / "baseline_pandas.py"), str(project)]
    # name: (the run, its exit code)
    contenders: dict[str, tuple[Callable[[], Timed], int]] = {
        "hrkpi check": (
            lambda: timed(
                hrkpi("check", "--problems-only"),
                stdout=checked,
                stderr=work / "c.err",
            ),
            1,
        ),
        "hrkpi check (listing)": (
            lambda: timed(hrkpi("check"), stdout=listed, stderr=work / "l.err"),
            1,
        ),
        "hrkpi compute --series": (
            lambda: timed(
                hrkpi("compute", "--series"),
                stdout=series,
                stderr=work / "s.err",
            ),
            0,
        ),
        "pandas checks": (lambda: timed(baseline, stdout=alone), 0),
        "pandas checks + table": (lambda: timed([*baseline, str(pandas_out)], stdout=problems), 0),
        **{
            f"floor: {name}": (
                functools.partial(_floor, name, data, work / f"floor_{name}.csv"),
                0,
            )
            for name in FLOORS
        },
    }
    if not listing:
        del contenders["hrkpi check (listing)"]
    runs = {name: Runs() for name in contenders}
    names = list(contenders)
    for r in range(repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            go, code = contenders[name]
            runs[name].add(go(), code, name)
    x_c, x_s = _exact_rows(work / "c.err"), _exact_rows(work / "s.err")
    assert alone.read_text(encoding="utf-8") == problems.read_text(encoding="utf-8")
    expected = _expected(project)
    ours = _hrkpi_problems(checked.read_text(encoding="utf-8"))
    # The full listing names the same problems among its consistent findings.
    if listing:
        assert _listed_problems(listed) == ours
    theirs = _pandas_problems(problems.read_text(encoding="utf-8"))
    rows, kinds, examples = _differences(series, pandas_out, project / "data" / "targets.csv")
    rounds = f", median of {repeat} rounds" if repeat > 1 else ""
    print(f"\n{n:>11,} observations ({data.stat().st_size / 1e6:,.0f} MB of CSV{rounds})")
    print(
        "                         seconds  (range)      CPU s  peak MB"
        "   vs its pandas peer (time, memory)  vs floor"
    )
    floor = runs["floor: polars"]
    peers = {
        "hrkpi check": "pandas checks",
        "hrkpi check (listing)": "pandas checks",
        "pandas checks": "pandas checks",
    }
    for name, mine in runs.items():
        peer = runs[peers.get(name, "pandas checks + table")]
        print(
            f"  {name:23} {mine.seconds:7.2f} {mine.spread:>12} {mine.cpu:7.2f} {mine.peak:8.0f}"
            f"   {peer.seconds / mine.seconds:5.2f}x faster, {mine.peak / peer.peak:4.2f}x memory"
            f"   {mine.seconds / floor.seconds:5.2f}x time, {mine.peak / floor.peak:4.2f}x memory"
        )
    print(f"  rows re-decided by the exact engine: check {x_c:,}, series {x_s:,}")
    print(
        f"  problems: injected {len(expected)}, found by hrkpi {len(ours & expected)} "
        f"(+{len(ours - expected)} other), by pandas {len(theirs & expected)} "
        f"(+{len(theirs - expected)} other)"
    )
    print(
        f"  tables: {rows:,} rows; cells that differ: {kinds['negative zero']} negative zeros, "
        f"{kinds['rounding tie']} last digits rounded the other way at a tie (float "
        f"artefacts of pandas'), {kinds['tolerance boundary']} pace statuses exactly one "
        f"point from pace (pandas' floats fall either side), {kinds['other']} other"
    )
    for example in examples:
        print(f"          {example}")
    keys = {
        "check": "hrkpi check",
        "listing": "hrkpi check (listing)",
        "series": "hrkpi compute --series",
        "pandas": "pandas checks + table",
        "pandas_checks": "pandas checks",
        "floor": "floor: polars",
    }
    # Problems not found or found beside the injected ones, and cells that differ for
    # another reason than pandas' floats (`--strict` fails the run on any).
    found: dict[str, float] = {
        "disagreements": len(ours ^ expected) + len(theirs ^ expected) + kinds["other"]
    }
    for key, name in keys.items():
        got = runs.get(name)
        found[key] = got.seconds if got else 0.0
        found[key + "_memory"] = got.peak if got else 0.0
    return found


# What any program on these libraries pays before doing anything of its own: the first
# pydantic model loads pydantic's schema machinery (which `import pydantic` defers), and
# this typer builds a pydantic adapter for each option when it parses a command line.
ONE_MODEL = (
    "import typer, pydantic, yaml, rich.console\n"
    "from pydantic import BaseModel\n"
    "class M(BaseModel):\n    x: int\n"
    "M(x=1)"
)
TYPER_APP = (
    "import typer, pydantic, yaml, rich.console\n"
    "from pathlib import Path\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def main(i: Path | None = None, d: Path | None = None, f: str = 'table', v: bool = False,\n"
    "         t: str = '1', r: Path | None = None, c: str | None = None) -> None:\n"
    "    pass\n"
    "app(['--f', 'table'])"
)


def startup(repeat: int = 21) -> None:
    """Start-up times (benchmarks/startup.py): medians of `repeat` interleaved runs."""
    from benchmarks.startup import startup as startup_table

    startup_table(repeat)


def main() -> None:
    """Run every size, then the start-up times."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="observation counts")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up times")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 unless hrkpi and pandas find exactly the injected problems and their "
        "tables differ only by pandas' float artefacts (CI runs it small, on the bench "
        "extra's lowest releases)",
    )
    parser.add_argument(
        "--no-listing", action="store_true", help="skip `hrkpi check` listing every finding"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of every contender at each size, in turn (medians are shown)",
    )
    args = parser.parse_args()
    # hrkpi as installed: its modules byte-compiled first (pip compiles a wheel's; a
    # source checkout under PYTHONDONTWRITEBYTECODE=1 compiled about a hundred modules
    # again in every hrkpi process, 0.1-0.3 s of each run's time).
    compileall.compile_dir(Path(hrkpi.__file__).parent, quiet=1)
    work = HERE / ".data" / "out"
    work.mkdir(parents=True, exist_ok=True)
    results = {
        int(n): bench(int(n), work, listing=not args.no_listing, repeat=args.repeat)
        for n in args.sizes.split(",")
    }
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        growth = large / small
        a, b = results[small], results[large]
        print(f"\nscaling {small:,} -> {large:,} ({growth:.0f}x rows):")
        keys = ("check", "series", "pandas_checks", "pandas", "floor")
        for key in keys if args.no_listing else ("check", "listing", *keys[1:]):
            print(
                f"  {key:13} {b[key] / a[key]:5.1f}x the time, "
                f"{b[key + '_memory'] / a[key + '_memory']:5.2f}x the peak memory"
            )
    if not args.no_startup:
        startup()
    if args.strict and any(r["disagreements"] for r in results.values()):
        sys.exit("the benchmark's contenders disagree with the injected problems (above)")


if __name__ == "__main__":
    main()
