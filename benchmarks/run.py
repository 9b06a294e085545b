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
import re
import shutil
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import hrkpi
from benchmarks.generate import generate
from benchmarks.measure import run
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
        generate(folder, n, mixed=True)
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


def _floor(name: str, src: Path, dst: Path) -> tuple[float, float]:
    code = f"SRC, DST = {str(src)!r}, {str(dst)!r}\n" + FLOORS[name]
    seconds, peak, code_ = run([sys.executable, "-c", code])
    assert code_ == 0, name
    return seconds, peak


def _hrkpi(args: list[str], out: Path, notes: Path) -> tuple[float, float, int, int]:
    seconds, peak, code = run(
        [*HRKPI, *args, "--verbose", "--lang", "en"], stdout=out, stderr=notes
    )
    found = _EXACT.search(notes.read_text(encoding="utf-8"))
    return seconds, peak, code, int(found[1]) if found else -1


def bench(n: int, work: Path, *, listing: bool = True) -> dict[str, float]:
    """Time every contender at one size; return the measurements."""
    project = _project(n)
    args = [
        "-i",
        str(project / "indicators"),
        "-d",
        str(project / "data"),
        "--regions",
        str(project / "regions.csv"),
    ]
    checked = work / f"hrkpi_check_{n}.txt"
    t_c, m_c, code_c, x_c = _hrkpi(["check", "--problems-only", *args], checked, work / "c.err")
    listed = work / f"hrkpi_listing_{n}.txt"
    t_l, m_l, code_l = (
        _hrkpi(["check", *args], listed, work / "l.err")[:3] if listing else (0.0, 0.0, 1)
    )
    series = work / f"hrkpi_{n}.csv"
    t_s, m_s, code_s, x_s = _hrkpi(["compute", "--series", *args], series, work / "s.err")
    assert code_s == 0 and code_c == 1 and code_l == 1, (code_s, code_c, code_l)
    pandas_out = work / f"pandas_{n}.csv"
    problems = work / f"pandas_problems_{n}.txt"
    t_p, m_p, code_p = run(
        [sys.executable, str(HERE / "baseline_pandas.py"), str(project), str(pandas_out)],
        stdout=problems,
    )
    assert code_p == 0
    # The checks alone: what `hrkpi check` is compared with (the issue's "pandas script
    # doing the same checks"; the table's formatting would flatter the check's ratio).
    alone = work / f"pandas_checks_{n}.txt"
    t_pc, m_pc, code_pc = run(
        [sys.executable, str(HERE / "baseline_pandas.py"), str(project)], stdout=alone
    )
    assert code_pc == 0 and alone.read_text(encoding="utf-8") == problems.read_text(
        encoding="utf-8"
    )
    data = project / "data" / "observations.csv"
    floors = {name: _floor(name, data, work / f"floor_{name}.csv") for name in FLOORS}
    t_f, m_f = floors["polars"]
    expected = _expected(project)
    ours = _hrkpi_problems(checked.read_text(encoding="utf-8"))
    # The full listing names the same problems among its consistent findings.
    if listing:
        assert _listed_problems(listed) == ours
    theirs = _pandas_problems(problems.read_text(encoding="utf-8"))
    rows, kinds, examples = _differences(series, pandas_out, project / "data" / "targets.csv")
    print(f"\n{n:>11,} observations ({data.stat().st_size / 1e6:,.0f} MB of CSV)")
    print("                         seconds  peak MB   vs its pandas peer (time, memory)  vs floor")
    for name, t, m, peer in (
        ("hrkpi check", t_c, m_c, (t_pc, m_pc)),
        *((("hrkpi check (listing)", t_l, m_l, (t_pc, m_pc)),) if listing else ()),
        ("hrkpi compute --series", t_s, m_s, (t_p, m_p)),
        ("pandas checks", t_pc, m_pc, (t_pc, m_pc)),
        ("pandas checks + table", t_p, m_p, (t_p, m_p)),
        ("floor: polars", t_f, m_f, (t_p, m_p)),
        ("floor: duckdb", *floors["duckdb"], (t_p, m_p)),
    ):
        print(
            f"  {name:23} {t:7.2f} {m:8.0f}   {peer[0] / t:5.2f}x faster, "
            f"{m / peer[1]:4.2f}x memory   {t / t_f:5.2f}x time, {m / m_f:4.2f}x memory"
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
    return {
        "check": t_c,
        "listing": t_l,
        "series": t_s,
        "pandas": t_p,
        "pandas_checks": t_pc,
        "floor": t_f,
        "check_memory": m_c,
        "listing_memory": m_l,
        "series_memory": m_s,
        "pandas_memory": m_p,
        "pandas_checks_memory": m_pc,
        "floor_memory": m_f,
    }


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
        "--no-listing", action="store_true", help="skip `hrkpi check` listing every finding"
    )
    args = parser.parse_args()
    # hrkpi as installed: its modules byte-compiled first (pip compiles a wheel's; a
    # source checkout under PYTHONDONTWRITEBYTECODE=1 compiled about a hundred modules
    # again in every hrkpi process, 0.1-0.3 s of each run's time).
    compileall.compile_dir(Path(hrkpi.__file__).parent, quiet=1)
    work = HERE / ".data" / "out"
    work.mkdir(parents=True, exist_ok=True)
    results = {
        int(n): bench(int(n), work, listing=not args.no_listing) for n in args.sizes.split(",")
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


if __name__ == "__main__":
    main()
