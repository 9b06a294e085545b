"""The benchmark: hrkpi against a hand-written pandas script, as whole processes.

    pip install -e '.[bench]' && python -m benchmarks.run

For each size (default 100,000 and 1,000,000 observations) it generates the
synthetic province once (kept in benchmarks/.data/), then times

  hrkpi   `hrkpi compute --series` (the series table as CSV) and `hrkpi check`
          (every relation, problems listed), two processes, times added;
  pandas  benchmarks/baseline_pandas.py, one process doing the same;

checks that both find exactly the injected errors, compares their series tables
cell by cell (pandas rounds binary floats, so it differs at rounding ties: each
difference is shown to be a float artefact), and prints seconds, the ratio and
peak memory. Last, start-up: `hrkpi --help` and `hrkpi compute` on the bundled
report against `python -c "import typer, pydantic, yaml, rich.console"`.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import statistics
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from benchmarks.generate import generate
from benchmarks.measure import run
from hrkpi.engine.series import SERIES_COLUMNS

HERE = Path(__file__).resolve().parent
HRKPI = [sys.executable, "-m", "hrkpi"]


def _project(n: int) -> Path:
    folder = HERE / ".data" / f"n{n}"
    if not (folder / "expected_errors.csv").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {n:,} observations in {folder} ...", flush=True)
        generate(folder, n)
    return folder


def _expected(folder: Path) -> set[tuple[int, str]]:
    with open(folder / "expected_errors.csv", encoding="utf-8") as f:
        return {(int(r["line"]), r["kind"]) for r in csv.DictReader(f)}


_FINDING = re.compile(r"^.*:(\d+): FAIL (\w+): ")


def _hrkpi_problems(text: str) -> set[tuple[int, str]]:
    return {(int(m[1]), m[2]) for m in map(_FINDING.match, text.splitlines()) if m}


def _pandas_problems(text: str) -> set[tuple[int, str]]:
    return {(int(a), b) for a, b in (line.split() for line in text.splitlines() if line)}


def _kind(x: str, y: str) -> str:
    if y.startswith("-") and y.strip("-0.") == "" and x.strip("0.") == "":
        return "negative zero"
    try:
        a, b = Decimal(x), Decimal(y)
    except InvalidOperation:
        return "other"
    last = Decimal(1).scaleb(a.as_tuple().exponent)  # type: ignore[arg-type]
    return "rounding tie" if abs(a - b) == last else "other"


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


def _differences(ours: Path, theirs: Path) -> tuple[int, dict[str, int], list[str]]:
    """(rows compared, differing cells by kind, an example of each); same row order.

    pandas rounds binary floats: at a tie (x.xx5) the float lies a hair off the
    half and half-to-even goes either way, and a float just below zero prints as
    "-0.00". hrkpi's figures are the exact ones (tests/fast/test_agreement.py).
    """
    kinds = {"negative zero": 0, "rounding tie": 0, "other": 0}
    examples: dict[str, str] = {}
    rows = 0
    with open(ours, encoding="utf-8") as a, open(theirs, encoding="utf-8") as b:
        for ra, rb in zip(csv.reader(a), csv.reader(b), strict=True):
            rows += 1
            for h, x, y in zip(HEADER, ra, rb, strict=False):
                if x != y and rows > 1:
                    kind = _kind(x, y)
                    kinds[kind] += 1
                    examples.setdefault(kind, f"{ra[0]} {ra[1]} {ra[2]} {h}: hrkpi {x}, pandas {y}")
    return rows - 1, kinds, list(examples.values())


# The series table's columns, as hrkpi writes them (the pandas script keeps its own copy,
# as a user's script would).
HEADER = list(SERIES_COLUMNS)


def bench(n: int, work: Path) -> dict[str, float]:
    """Time both at one size; return the measurements."""
    project = _project(n)
    args = [
        "-i",
        str(project / "indicators"),
        "-d",
        str(project / "data"),
        "--regions",
        str(project / "regions.csv"),
    ]
    series = work / f"hrkpi_{n}.csv"
    t1, m1, c1 = run([*HRKPI, "compute", "--series", *args], stdout=series)
    checked = work / f"hrkpi_check_{n}.txt"
    t2, m2, c2 = run([*HRKPI, "check", "--problems-only", *args], stdout=checked)
    assert c1 == 0 and c2 == 1, (c1, c2)
    pandas_out = work / f"pandas_{n}.csv"
    problems = work / f"pandas_problems_{n}.txt"
    t3, m3, c3 = run(
        [sys.executable, str(HERE / "baseline_pandas.py"), str(project), str(pandas_out)],
        stdout=problems,
    )
    assert c3 == 0
    expected = _expected(project)
    ours = _hrkpi_problems(checked.read_text(encoding="utf-8"))
    theirs = _pandas_problems(problems.read_text(encoding="utf-8"))
    rows, kinds, examples = _differences(series, pandas_out)
    print(f"\n{n:>9,} observations ({rows:,} rows in the series table)")
    print(
        f"  hrkpi   compute --series {t1:6.2f} s {m1:6.0f} MB | check {t2:6.2f} s {m2:6.0f} MB"
        f" | total {t1 + t2:6.2f} s"
    )
    print(f"  pandas  baseline         {t3:6.2f} s {m3:6.0f} MB")
    print(f"  ratio   pandas / hrkpi   {t3 / (t1 + t2):6.2f}x")
    print(
        f"  errors  injected {len(expected)}, found by hrkpi {len(ours & expected)} "
        f"(+{len(ours - expected)} other), by pandas {len(theirs & expected)} "
        f"(+{len(theirs - expected)} other)"
    )
    print(
        f"  tables  cells that differ: {kinds['negative zero']} negative zeros, "
        f"{kinds['rounding tie']} last digits rounded the other way at a tie (float "
        f"artefacts of pandas'), {kinds['other']} other"
    )
    for example in examples:
        print(f"          {example}")
    return {"hrkpi": t1 + t2, "pandas": t3, "memory": max(m1, m2), "pandas_memory": m3}


def startup(repeat: int = 7) -> None:
    """Start-up times, medians of `repeat` runs."""
    base = [sys.executable, "-c", "import typer, pydantic, yaml, rich.console"]
    timings = {}
    for name, cmd in (
        ("imports", base),
        ("hrkpi --help", [*HRKPI, "--help"]),
        ("hrkpi compute", [*HRKPI, "compute"]),
    ):
        timings[name] = statistics.median(run(cmd)[0] for _ in range(repeat))
    ref = timings["imports"]
    print("\nstart-up (median of 7)")
    for name, t in timings.items():
        print(f"  {name:14} {t:6.3f} s  {t / ref:5.2f}x the imports")


def main() -> None:
    """Run every size, then the start-up times."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="observation counts")
    args = parser.parse_args()
    work = HERE / ".data" / "out"
    work.mkdir(parents=True, exist_ok=True)
    results = {int(n): bench(int(n), work) for n in args.sizes.split(",")}
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        growth = Fraction(large, small)
        print(
            f"\nscaling {small:,} -> {large:,} ({float(growth):.0f}x rows): hrkpi "
            f"{results[large]['hrkpi'] / results[small]['hrkpi']:.1f}x the time, pandas "
            f"{results[large]['pandas'] / results[small]['pandas']:.1f}x"
        )
    startup()


if __name__ == "__main__":
    main()
