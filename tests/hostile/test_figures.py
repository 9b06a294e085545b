"""Hostile figures, dates and text (issue #13): never a wrong figure accepted silently.

Each case runs the command line in a subprocess (see harness.py): its exit code,
a fragment of its message, and a bound on its peak memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from tests.hostile.harness import Case, check, project, yaml_data

Build = Callable[[Path], list[str]]

CSV_HEAD = "indicator,region,period,as_of,value,completion\n"


def _yaml(figures: str, head: str = "as_of: 2020-06-30", command: str = "validate") -> Build:
    def build(folder: Path) -> list[str]:
        return [*command.split(), *project(folder, yaml_data(figures, head))]

    return build


def _csv(rows: str, engine: str) -> Build:
    def build(folder: Path) -> list[str]:
        args = project(folder, CSV_HEAD + rows, "d.csv")
        return ["compute", "--series", "--engine", engine, *args]

    return build


def _both(name: str, rows: str, says: str, measured: str, mb: float = 400) -> list[Case]:
    """The same CSV on the exact and the fast engine: the same refusal, the same words."""
    return [
        Case(f"{name}-{engine}", _csv(rows, engine), 2, says, measured, mb)
        for engine in ("exact", "fast")
    ]


CASES = [
    # 1. Digits: exact whatever the length up to the limit; refused past it.
    Case(
        "29-digit figure kept exactly",
        _yaml("persons:\n  value: 12345678901234567890123456789", command="compute --format csv"),
        0,
        "12345678901234567890123456789",
        measured="0.3 s, 37 MB",
    ),
    Case(
        "41-digit figure",
        _yaml("persons:\n  value: 12345678901234567890123456789012345678901"),
        2,
        "has 41 digits; a stated figure has at most 40 (limit MAX_FIGURE_DIGITS)",
        measured="0.3 s, 37 MB",
    ),
    Case(
        "exponent figure",
        _yaml("persons:\n  value: 1e999999999"),
        2,
        "data/d.yaml:6:12: figures.persons.value: '1e999999999' is in exponent notation",
        measured="0.6 s, 37 MB",
    ),
    # 2. Dates only as dates, the same on every reader.
    Case(
        "as_of 0",
        _yaml("persons:\n  value: 1", head="as_of: 0"),
        2,
        "data/d.yaml:3:8: as_of: '0' is a number, not a date",
        measured="0.6 s, 37 MB",
    ),
    Case(
        "as_of Unix time",
        _yaml("persons:\n  value: 1", head="as_of: 1593475200"),
        2,
        "as_of: '1593475200' is a number, not a date",
        measured="0.4 s, 37 MB",
    ),
    Case(
        "as_of with a time",
        _yaml("persons:\n  value: 1", head="as_of: 2020-06-30T10:00:00"),
        2,
        "as_of: '2020-06-30T10:00:00' has a time of day; write the date alone: 2020-06-30",
        measured="0.5 s, 37 MB",
    ),
    *_both(
        "as_of 20200630",
        "persons,甲,2020-06,20200630,1,\n",
        "d.csv:2:4: as_of: '20200630' is not written as a date; write 2020-06-30",
        measured="0.7 s, 95 MB",
    ),
    *_both(
        "as_of week date",
        "persons,甲,2020-06,2020-W22-7,1,\n",
        "d.csv:2:4: as_of: '2020-W22-7' is not a date",
        measured="1.3 s, 95 MB",
    ),
    # 3. Thousands separators only in groups of three before the point.
    Case(
        "comma after the point",
        _yaml('persons:\n  value: "17.123,456"'),
        2,
        "'17.123,456' has a comma that is not a thousands separator",
        measured="0.5 s, 37 MB",
    ),
    *_both(
        "two points of grouping",
        'persons,甲,2020-06,,"2,503.1,234",\n',
        "d.csv:2:5: value: '2,503.1,234' has a comma that is not a thousands separator",
        measured="0.8 s, 94 MB",
    ),
    # 4. Signs only where the indicator allows them.
    Case(
        "negative count",
        _yaml("jobs:\n  value: -4.22"),
        2,
        "figures.jobs.value: -4.22 is below zero, and 再就业 (万人) never is",
        measured="0.3 s, 37 MB",
    ),
    Case(
        "negative rate",
        _yaml("rate:\n  value: -3.56"),
        2,
        "figures.rate.value: -3.56 is below zero",
        measured="0.3 s, 37 MB",
    ),
    Case(
        "nearly minus",
        _yaml("persons:\n  value: 近-3.13"),
        2,
        "figures.persons.value: 近-3.13 is below zero",
        measured="0.2 s, 37 MB",
    ),
    Case(
        "more than zero",
        _yaml("persons:\n  value: 超0"),
        2,
        "'超0': an approximation word needs a number other than zero",
        measured="0.4 s, 37 MB",
    ),
    *_both(
        "negative completion",
        "jobs,甲,2020-01/06,,1,-25.00\n",
        "d.csv:2:6: completion: -25.00 is below zero",
        measured="1.0 s, 95 MB",
    ),
    # 5. A figure of another year is not this year's progress.
    Case(
        "figure of another year",
        _yaml(
            "jobs:\n  as_of: 2019-06-30\n  value: 4.22\nrate:\n  value: 3.56",
            command="compute --format csv",
        ),
        0,
        "1,再就业（截至2019年6月30日，不计本年进度）,万人,4,4.22,,,,",
        measured="1.4 s, 37 MB",
    ),
    # 9. A period and an as_of that contradict each other.
    *_both(
        "as_of outside its period",
        "jobs,甲,2020-01/06,2019-03-31,1,\n",
        "d.csv:2:4: as_of: 2019-03-31 lies outside the period 2020-01/06",
        measured="0.9 s, 94 MB",
    ),
    # 8. Year 0000.
    *_both(
        "period in year 0000",
        "jobs,甲,0000-06,,1,\n",
        "d.csv:2:3: period: '0000-06': the year 0000 is outside 1900-2999",
        measured="0.4 s, 94 MB",
    ),
    # 10. Control characters and terminal escapes, in every text field.
    Case(
        "escape in a source",
        _yaml("persons:\n  value: 1", head='as_of: 2020-06-30\npublisher: "\\e]0;title\\a\\e[2J"'),
        2,
        "data/d.yaml:4:12: publisher: the text holds a terminal escape (ESC) at character 1",
        measured="0.3 s, 37 MB",
    ),
    Case(
        "carriage return in a quote",
        _yaml('persons:\n  value: 1\n  quote: "a\\rb"'),
        2,
        "figures.persons.quote: the text holds a line break (CARRIAGE RETURN)",
        measured="0.4 s, 37 MB",
    ),
    *_both(
        "escape in a region",
        'persons,"甲\x1b[2J",2020-06,,1,\n',
        "d.csv:2:2: region: the text holds a terminal escape (ESC) at character 2",
        measured="0.5 s, 95 MB",
    ),
]


def _named_escape(folder: Path) -> list[str]:
    args = project(folder, yaml_data("persons:\n  value: 1"))
    text = (folder / "ind" / "a.yaml").read_text(encoding="utf-8")
    (folder / "ind" / "a.yaml").write_text(
        text.replace("name: 再就业", 'name: "再就业\\e]0;title\\a\\e[2J"'), encoding="utf-8"
    )
    return ["validate", *args]


def _parquet_lists(folder: Path) -> list[str]:
    args = project(folder, "", "keep.txt")
    (folder / "data" / "keep.txt").unlink()
    pl.DataFrame(
        {"indicator": ["persons"], "period": ["2020-06"], "value": [["1", "2"]]}
    ).write_parquet(folder / "data" / "d.parquet")
    return ["validate", *args]


def _parquet_year0(folder: Path) -> list[str]:
    args = project(folder, "", "keep.txt")
    (folder / "data" / "keep.txt").unlink()
    pl.DataFrame({"indicator": ["persons"], "period": ["0000-06"], "value": ["1"]}).write_parquet(
        folder / "data" / "d.parquet"
    )
    return ["compute", "--series", *args]


CASES += [
    Case(
        "escape in an indicator name",
        _named_escape,
        2,
        "ind/a.yaml:3:11: indicators.1.name: the text holds a terminal escape (ESC)",
        measured="0.6 s, 37 MB",
    ),
    Case(
        "parquet column of lists",
        _parquet_lists,
        2,
        "data/d.parquet:1:3: value: column 'value' holds lists in each row",
        measured="1.2 s, 74 MB",
    ),
    Case(
        "parquet period in year 0000",
        _parquet_year0,
        2,
        "data/d.parquet:1:2: period: '0000-06': the year 0000 is outside 1900-2999",
        measured="1.9 s, 79 MB",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_figures(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
