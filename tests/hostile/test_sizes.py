"""Hostile sizes and shapes (issue #13): every reader and walk ends, in bounded memory,
with a clear message and the right exit code.

The inputs are generated here, at test time, never committed. Each case's limit
(core/limits.py) is named in its message with the place. How long each takes is
measured by `python -m benchmarks.hostile` (docs/hostile.md), not asserted here;
that the work grows no faster than n log n is shown by counting it (GROWTH, below).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import pytest
from tests.hostile.harness import INDICATORS, Case, check, project, write, yaml_data
from typer.testing import CliRunner

from hrkpi.cli import app

Build = Callable[[Path], list[str]]
T = TypeVar("T")
CSV_HEAD = "indicator,region,period,value\n"


def _catalogue(folder: Path, n: int, cycle: bool = False) -> None:
    """n flow indicators (and, with `cycle`, every one a part of the next)."""
    lines = ["indicators:"]
    for i in range(n):
        lines += [
            f"  - id: ind_{i}",
            f"    name: 指标{i}",
            "    unit: 人",
            "    measure: flow",
            '    target: "1000"',
        ]
        if cycle:
            lines.append(f"    parts: [ind_{(i + 1) % n}]")
    write(folder / "ind" / "a.yaml", "\n".join(lines) + "\n")


def _big_catalogue(command: str, n: int = 20_000) -> Build:
    """n indicators and a YAML data file stating each of them."""

    def build(folder: Path) -> list[str]:
        _catalogue(folder, n)
        figures = "".join(f"ind_{i}:\n  value: {i % 900 + 1}\n" for i in range(n))
        write(folder / "data" / "d.yaml", yaml_data(figures))
        out = ["--output", "out.csv"] if command == "export" else ["--format", "csv"]
        return [command, "-i", "ind", "-d", "data", *([] if command == "validate" else out)]

    return build


def _composition_cycle(folder: Path) -> list[str]:
    write(
        folder / "ind" / "a.yaml",
        """
        indicators:
          - {id: a, name: 甲, unit: 人, measure: stock, parts: [b, c]}
          - {id: b, name: 乙, unit: 人, measure: stock, parts: [a, d]}
          - {id: c, name: 丙, unit: 人, measure: stock}
          - {id: d, name: 丁, unit: 人, measure: stock, parts: [c, c]}
        """,
    )
    write(folder / "data" / "d.yaml", yaml_data("c:\n  value: 1"))
    return ["validate", "-i", "ind", "-d", "data"]


def _long_composition_cycle(n: int = 20_000) -> Build:
    def build(folder: Path) -> list[str]:
        _catalogue(folder, n, cycle=True)
        write(folder / "data" / "d.yaml", yaml_data("ind_0:\n  value: 1"))
        return ["validate", "-i", "ind", "-d", "data"]

    return build


def _regions(rows: str) -> Build:
    def build(folder: Path) -> list[str]:
        args = project(folder, CSV_HEAD + "persons,厦门市,2020-06,10\n", "d.csv")
        write(folder / "regions.csv", "region,parent\n" + rows)
        return ["check", *args, "--regions", "regions.csv"]

    return build


def _deep_regions(n: int = 100_000) -> Build:
    def build(folder: Path) -> list[str]:
        rows = "r0,\n" + "".join(f"r{i},r{i - 1}\n" for i in range(1, n))
        return _regions(rows)(folder)

    return build


def _region_loop(n: int = 100_000) -> Build:
    def build(folder: Path) -> list[str]:
        rows = "厦门市,\n" + "".join(f"r{i},r{(i + 1) % n}\n" for i in range(n))
        return _regions(rows)(folder)

    return build


def _csv_file(header: str, body: str, engine: str) -> Build:
    def build(folder: Path) -> list[str]:
        args = project(folder, header + body, "d.csv")
        return ["compute", "--series", "--engine", engine, *args]

    return build


def _long_line(newline: bool, engine: str) -> Build:
    """A data row of 100 MB (a figure's digits), ended by a newline or by nothing."""

    def build(folder: Path) -> list[str]:
        args = project(folder, "", "d.csv")
        with open(folder / "data" / "d.csv", "w", encoding="utf-8") as fh:
            fh.write(CSV_HEAD + "persons,甲,2020-06,")
            chunk = "1234567890" * 100_000
            for _ in range(100):
                fh.write(chunk)
            if newline:
                fh.write("\n")
        return ["compute", "--series", "--engine", engine, *args]

    return build


def _unknown_ids(engine: str, rows: int = 100_000, size: int = 50_000_000) -> Build:
    """`size` bytes (at least `rows` rows) naming indicators no definition has."""

    def build(folder: Path) -> list[str]:
        args = project(folder, "", "d.csv")
        with open(folder / "data" / "d.csv", "w", encoding="utf-8") as fh:
            fh.write(CSV_HEAD)
            block = "".join(f"unknown_{i:07d},甲,2020-06,{i}\n" for i in range(rows))
            fh.write(block)
            while fh.tell() < size:
                fh.write(block)
        return ["compute", "--series", "--engine", engine, *args]

    return build


def _yaml_unknown_ids(n: int = 100_000) -> Build:
    def build(folder: Path) -> list[str]:
        figures = "".join(f"unknown_{i}:\n  value: {i}\n" for i in range(n))
        return ["validate", *project(folder, yaml_data(figures))]

    return build


def _yaml_too_big(folder: Path) -> list[str]:
    args = project(folder, "", "d.yaml")
    with open(folder / "data" / "d.yaml", "w", encoding="utf-8") as fh:
        fh.write(yaml_data("persons:\n  value: 1"))
        fh.write("# padding\n" * 1_100_000)
    return ["validate", *args]


def _yaml_long_figure(folder: Path) -> list[str]:
    return ["validate", *project(folder, yaml_data("persons:\n  value: " + "7" * 9_000_000))]


def _yaml_deep(folder: Path) -> list[str]:
    return ["validate", *project(folder, yaml_data("persons:\n  value: " + "[" * 100_000))]


def _not_regular(what: str) -> Build:
    def build(folder: Path) -> list[str]:
        write(folder / "ind" / "a.yaml", INDICATORS)
        if what == "fifo":
            os.mkfifo(folder / "d.csv")
            return ["validate", "-i", "ind", "-d", "d.csv"]
        if what == "fifo-indicators":
            os.mkfifo(folder / "a.yaml")
            return ["validate", "-i", "a.yaml"]
        return ["validate", "-i", "ind", "-d", "/dev/zero"]

    return build


def _fifo_regions(folder: Path) -> list[str]:
    args = project(folder, CSV_HEAD + "persons,厦门市,2020-06,10\n", "d.csv")
    os.mkfifo(folder / "regions.csv")
    return ["check", *args, "--regions", "regions.csv"]


CASES = [
    Case(
        "20,000 indicators: validate",
        _big_catalogue("validate"),
        0,
        "ok: 20000 indicators",
        measured="9.8 s, 199 MB",
    ),
    Case(
        "20,000 indicators: compute",
        _big_catalogue("compute"),
        0,
        "20000,指标19999,人,1000,200,20.00%",
        measured="20.5 s, 201 MB",
        mb=450,
    ),
    Case(
        "20,000 indicators: export",
        _big_catalogue("export"),
        0,
        "",
        measured="19.1 s, 199 MB",
    ),
    Case(
        "composition cycle",
        _composition_cycle,
        2,
        "ind/a.yaml:3:55: indicators.2.parts.1: the parts go round in a circle (a -> b -> a; "
        "2 indicators)",
        measured="0.3 s, 57 MB",
    ),
    Case(
        "part listed twice",
        _composition_cycle,
        2,
        "ind/a.yaml:5:58: indicators.4.parts.2: part 'c' is listed twice; list it once",
        measured="0.2 s, 57 MB",
    ),
    Case(
        "20,000 totals in a circle",
        _long_composition_cycle(),
        2,
        "(ind_0 -> ind_1 -> ind_2 -> ind_3 -> ind_4 -> ind_5 -> ind_6 -> ind_7 -> ... -> ind_0; "
        "20000 indicators)",
        measured="6.2 s, 235 MB",
        mb=500,
    ),
    Case(
        "region with a misspelt parent",
        _regions("福建省,\n厦门市,福建省\n思明区,厦门\n"),
        2,
        "regions.csv:4:2: parent: parent '厦门' of '思明区' is not listed as a region; "
        "did you mean '厦门市'?",
        measured="0.6 s, 50 MB",
    ),
    Case(
        "regions 100,000 levels deep",
        _deep_regions(),
        2,
        "regions.csv:14:2: parent: region 'r12' lies 13 levels deep; a hierarchy has at "
        "most 12 (limit MAX_REGION_DEPTH)",
        measured="2.1 s, 84 MB",
    ),
    Case(
        "a loop of 100,000 regions",
        _region_loop(),
        2,
        "regions.csv:3:2: parent: region 'r0' is its own ancestor; the parents form a loop "
        "(r0 -> r1 -> r2 -> r3 -> r4 -> r5 -> ... -> r0; 100000 regions)",
        measured="1.5 s, 92 MB",
    ),
    *[
        Case(
            f"49,000 columns ({e})",
            _csv_file(
                ",".join(["indicator", "value", "period"] + ["x"] * 49_000) + "\n",
                "persons,1,2020-06" + "," * 49_000 + "\n",
                e,
            ),
            2,
            "data/d.csv:1:101: the header has 49,003 columns; hrkpi reads at most 100 "
            "(limit MAX_COLUMNS)",
            measured="0.5 s, 64 MB",
        )
        for e in ("exact", "fast")
    ],
    *[
        Case(
            f"a million columns ({e})",
            _csv_file(",".join(["x"] * 1_000_000) + "\n", "1\n", e),
            2,
            "data/d.csv:1:1: this line is longer than 100,000 characters (limit MAX_LINE_CHARS)",
            measured="0.6 s, 67 MB",
        )
        for e in ("exact", "fast")
    ],
    *[
        Case(
            f"a 100 MB line{' ' if nl else ' without a newline '}({e})",
            _long_line(nl, e),
            2,
            "data/d.csv:2:1: this line is longer than 100,000 characters (limit MAX_LINE_CHARS)",
            measured="2.4 s, 111 MB",
        )
        for nl in (True, False)
        for e in ("exact", "fast")
    ],
    *[
        Case(
            f"50 MB naming unknown ids ({e})",
            _unknown_ids(e),
            2,
            "data/d.csv:2:1: indicator: no indicator 'unknown_0000000' is defined",
            measured="17.9 s, 770 MB",
            mb=1000,
        )
        for e in ("exact", "fast")
    ],
    Case(
        "100,000 unknown ids in YAML",
        _yaml_unknown_ids(),
        2,
        "more problems after the first 1,000 of this file (limit MAX_PROBLEMS_PER_FILE)",
        measured="11.8 s, 345 MB",
        mb=700,
    ),
    Case(
        "a YAML file over the limit",
        _yaml_too_big,
        2,
        "data/d.yaml:1:1: the file is larger than 10,000,000 bytes (limit MAX_YAML_BYTES)",
        measured="0.6 s, 53 MB",
    ),
    Case(
        "a figure of 9 MB of digits",
        _yaml_long_figure,
        2,
        "data/d.yaml:6:12: figures.persons.value: this value is 9,000,000 characters long; "
        "hrkpi takes at most 10,000 in one value (limit MAX_TEXT_CHARS)",
        measured="1.1 s, 86 MB",
    ),
    Case("brackets 100,000 deep", _yaml_deep, 2, "nested too deeply", measured="0.5 s, 49 MB"),
    Case(
        "a FIFO as data",
        _not_regular("fifo"),
        2,
        "d.csv: this is a named pipe (FIFO), not a regular file",
        measured="0.6 s, 49 MB",
    ),
    Case(
        "a FIFO as definitions",
        _not_regular("fifo-indicators"),
        2,
        "a.yaml: this is a named pipe (FIFO), not a regular file",
        measured="0.7 s, 49 MB",
    ),
    Case(
        "/dev/zero as data",
        _not_regular("zero"),
        2,
        "/dev/zero: this is a character device, not a regular file",
        measured="0.5 s, 48 MB",
    ),
    Case(
        "a FIFO as regions",
        _fifo_regions,
        2,
        "regions.csv: this is a named pipe (FIFO), not a regular file; save the input to a file "
        "and give its path; check the --regions path",
        measured="0.6 s, 48 MB",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_sizes(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


# Growth, counted rather than timed: the work of a run is the Python lines it runs
# and the C functions it calls, counted by a tracer in this process, which is the
# same on any machine at any load. Run at n/2, n and 2n, linear work grows twice as
# much from n to 2n as from n/2 to n, n log n a little more, quadratic work four
# times: more than 2.5 times fails. The sizes are small, as the tracer is slow; the
# full sizes above end within their hang guard, and benchmarks/hostile.py times them.
GROWTH: list[tuple[str, Callable[[int], Build], int, int]] = [
    ("20,000 indicators: validate", lambda n: _big_catalogue("validate", n), 250, 0),
    ("20,000 indicators: compute", lambda n: _big_catalogue("compute", n), 250, 0),
    ("20,000 indicators: export", lambda n: _big_catalogue("export", n), 250, 0),
    ("20,000 totals in a circle", _long_composition_cycle, 250, 2),
    ("regions 100,000 levels deep", _deep_regions, 1_000, 2),
    ("a loop of 100,000 regions", _region_loop, 1_000, 2),
    ("50 MB naming unknown ids (exact)", lambda n: _unknown_ids("exact", n, 0), 2_000, 2),
    ("100,000 unknown ids in YAML", _yaml_unknown_ids, 1_000, 2),
]


def work(call: Callable[..., T], *args: Any) -> tuple[int, T]:
    """The Python lines run (with calls and returns) and C functions called by
    `call(*args)`, and what it returned."""
    count = 0

    def lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return lines

    def c_calls(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    before = sys.gettrace(), sys.getprofile()  # a debugger's or coverage's, given back
    sys.settrace(lines)
    sys.setprofile(c_calls)
    try:
        done = call(*args)
    finally:
        sys.settrace(before[0])
        sys.setprofile(before[1])
    return count, done


def no_faster_than_n_log_n(half: int, whole: int, double: int) -> bool:
    """The work at n/2, n and 2n: the growth from n to 2n at most 2.5 times that from
    n/2 to n (and 1% of the work at n for what hashing moves)."""
    return double - whole <= 2.5 * (whole - half) + whole // 100


def test_the_count_tells_quadratic_work_from_linear() -> None:
    def linear(n: int) -> None:
        for _ in range(n):
            pass

    def quadratic(n: int) -> None:
        for _ in range(n):
            for _ in range(n):
                pass

    def n_log_n(n: int) -> None:
        for _ in range(n):
            for _ in range(n.bit_length()):
                pass

    for grows, fine in ((linear, True), (n_log_n, True), (quadratic, False)):
        counts = [work(grows, k)[0] for k in (200, 400, 800)]
        assert no_faster_than_n_log_n(*counts) is fine, (grows.__name__, counts)


@pytest.mark.parametrize(("name", "builder", "n", "code"), GROWTH, ids=[g[0] for g in GROWTH])
def test_work_grows_no_faster_than_n_log_n(
    name: str,
    builder: Callable[[int], Build],
    n: int,
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert name in {c.name for c in CASES}
    counts = []
    for size in (n // 4, n // 2, n, 2 * n):  # the first run imports what the others use
        folder = tmp_path / str(size)
        folder.mkdir()
        monkeypatch.chdir(folder)
        count, result = work(CliRunner().invoke, app, builder(size)(folder))
        assert result.exit_code == code, (size, result.output[-2000:])
        counts.append(count)
    assert no_faster_than_n_log_n(*counts[1:]), counts
