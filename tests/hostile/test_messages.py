"""Messages an analyst can act on (issue #14): YAML slips, jargon, swapped files,
CSV quotes on both engines, and the Chinese forms an analyst types.

Each case runs the command line in a subprocess (see harness.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import DATA, INDICATORS
from tests.hostile.harness import Case, check, project, write, yaml_data

Build = Callable[[Path], list[str]]
CSV_HEAD = "indicator,region,period,as_of,value,completion\n"


def _data(text: str, command: str = "validate") -> Build:
    """A data file written as is (a YAML slip is in its layout)."""

    def build(folder: Path) -> list[str]:
        return [*command.split(), *project(folder, text)]

    return build


def _figures(figures: str, head: str = "as_of: 2020-06-30", command: str = "validate") -> Build:
    return _data(yaml_data(figures, head), command)


def _indicators(extra: str) -> Build:
    """The small project with `extra` lines added to the first indicator."""

    def build(folder: Path) -> list[str]:
        args = project(folder, yaml_data("persons:\n  value: 1"))
        text = (folder / "ind" / "a.yaml").read_text(encoding="utf-8")
        (folder / "ind" / "a.yaml").write_text(
            text.replace('    target: "4"\n', f'    target: "4"\n{extra}', 1), encoding="utf-8"
        )
        return ["validate", *args]

    return build


def _swapped(folder: Path) -> list[str]:
    shutil.copytree(INDICATORS, folder / "indicators")
    shutil.copytree(DATA, folder / "data")
    return ["validate", "-i", "data", "-d", "indicators"]


def _csv(rows: str, engine: str, head: str = CSV_HEAD) -> Build:
    def build(folder: Path) -> list[str]:
        args = project(folder, head + rows, "d.csv")
        return ["compute", "--series", "--engine", engine, *args]

    return build


HEAD = "source: 测试报告\nregion: 测试市\nas_of: 2020-06-30\nfigures:\n"
UNTERMINATED = 'persons,甲,2020-06,,"1,\n' + "persons,甲,2020-06,,1,\n" * 9

CASES = [
    # YAML slips, in plain words, at the line to change.
    Case(
        "unquoted %",
        _indicators("  - id: share\n    name: 占比\n    unit: %\n    measure: rate\n"),
        2,
        "ind/a.yaml:9:11: malformed YAML: a value cannot start with '%' (a YAML directive) "
        'unless it is quoted: write it in quotes, such as unit: "%"',
        measured="0.7 s, 39 MB",
    ),
    Case(
        "a tab",
        _data(HEAD + "  persons:\n\tvalue: 1\n"),
        2,
        "data/d.yaml:6:1: malformed YAML: a tab character; YAML indents with spaces only",
        measured="0.7 s, 39 MB",
    ),
    Case(
        "a key indented one space too far",
        _data(HEAD + "  persons:\n     value: 1\n    quote: 就业困难人员1人\n"),
        2,
        "data/d.yaml:6:6: malformed YAML: this line is indented 5 spaces, the next one "
        "(line 7) 4: keys of one mapping line up; indent this line by 4 spaces",
        measured="0.7 s, 39 MB",
    ),
    Case(
        "a key indented one space short",
        _data(HEAD + "  persons:\n    value: 1\n   quote: 就业困难人员1人\n"),
        2,
        "data/d.yaml:7:4: malformed YAML: this line is indented 3 spaces, between the 4 of "
        "line 6 and the 2 of line 5",
        measured="0.6 s, 39 MB",
    ),
    Case(
        "a key without its colon",
        _data(HEAD + "  persons:\n    value 1\n    quote: 就业困难人员1人\n"),
        2,
        "data/d.yaml:6:5: malformed YAML: this line has no ': ' between its key and its value",
        measured="0.6 s, 39 MB",
    ),
    Case(
        "a change's key outside its item",
        _data(
            HEAD + "  jobs:\n    value: 1\n    changes:\n      - base: 2020-02-10\n      abs: 1\n"
        ),
        2,
        "data/d.yaml:9:7: malformed YAML: this line lines up with the list items ('- ') of "
        "line 8 but is not one: to belong to the item above, indent it by 8 spaces",
        measured="0.6 s, 39 MB",
    ),
    Case(
        "a quote left open",
        _data(
            HEAD + '  persons:\n    value: 1\n    quote: "就业困难人员1人\n  rate:\n    value: 3\n'
        ),
        2,
        "data/d.yaml:7:12: malformed YAML: the quote opened here is never closed",
        measured="0.5 s, 39 MB",
    ),
    # No library jargon.
    Case(
        "a figure that is a number",
        _figures("persons: 3"),
        2,
        "data/d.yaml:5:12: figures.persons: expected keys here (such as value: 4.22, on the "
        "next line and indented), not the single value '3'",
        measured="0.5 s, 39 MB",
    ),
    Case(
        "an enum misspelt",
        _figures("persons:\n  value: 1\n  status: provisonal"),
        2,
        "figures.persons.status: 'provisonal' is not one of normal, provisional or estimated; "
        "did you mean 'provisional'?",
        measured="0.5 s, 39 MB",
    ),
    Case(
        "a key of another entry",
        _indicators("    quote: 再就业4万人\n"),
        2,
        "ind/a.yaml:7:5: indicators.1.quote: 'quote' is not a key in an indicator "
        "(indicators:): it belongs in a stated figure (figures: <id>:)",
        measured="0.5 s, 39 MB",
    ),
    Case(
        "indicators and data swapped",
        _swapped,
        2,
        "every file in indicators (9 files) holds indicator definitions: pass the folder with "
        "--indicators (not --data)",
        measured="0.5 s, 39 MB",
    ),
    # CSV quotes and shapes, named alike by both engines.
    *[
        Case(
            f"an unterminated quote ({engine})",
            _csv(UNTERMINATED, engine),
            2,
            "data/d.csv:2:1: a quote opened on this line is never closed",
            measured="0.8 s, 86 MB",
        )
        for engine in ("exact", "fast")
    ],
    *[
        Case(
            f"a ragged row ({engine})",
            _csv("persons,甲,2020-06,,1,\npersons,甲,2020-06,1\n", engine),
            2,
            "data/d.csv:3:1: 4 cells where the header has 6",
            measured="0.9 s, 86 MB",
        )
        for engine in ("exact", "fast")
    ],
    *[
        Case(
            f"a duplicate column ({engine})",
            _csv("persons,甲,2020-06,,1,2\n", engine, head=CSV_HEAD.replace("completion", "value")),
            2,
            "data/d.csv:1:6: value: column 'value' appears twice; keep one",
            measured="0.9 s, 63 MB",
        )
        for engine in ("exact", "fast")
    ],
    # The Chinese forms an analyst types: taken where unambiguous...
    Case(
        "Chinese forms taken",
        _figures(
            "jobs:\n  value: 2.268万人\n  completion: 56.7%\nrate:\n  value: 3.56%\n"
            "  meets_threshold: 是",
            head="as_of: 2023年6月30日",
            command="check",
        ),
        0,
        "",
        measured="0.4 s, 39 MB",
    ),
    *[
        Case(
            f"Chinese date in CSV ({engine})",
            _csv("persons,甲,2023-01/06,2023年6月30日,1,\n", engine),
            0,
            "甲,persons,2023-01/06,2023-06-30,人,1,",
            measured="1.2 s, 111 MB",
        )
        for engine in ("exact", "fast")
    ],
    # ... and refused with the exact fix where not.
    Case(
        "a unit that is not the indicator's",
        _figures("persons:\n  value: 0.68万人"),
        2,
        "figures.persons.value: 0.68万人 is in 万人, but the indicator's unit is 人: write the "
        "number in 人, or write 0.68 and add unit: 万人 to the figure",
        measured="0.5 s, 39 MB",
    ),
    Case(
        "a completion in another unit",
        _figures("jobs:\n  value: 2.268\n  completion: 56.7万人"),
        2,
        "figures.jobs.completion: a percentage is in %, not 万人: write 56.7 "
        "(the unit is already %)",
        measured="0.9 s, 39 MB",
    ),
    Case(
        "a yes that is not one",
        _figures("rate:\n  value: 3.56\n  meets_threshold: 对"),
        2,
        "figures.rate.meets_threshold: write true or false (是 or 否), not '对'",
        measured="0.7 s, 39 MB",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_messages(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


def test_swapped_folders_are_said_once_each(tmp_path: Path) -> None:
    result = check(
        Case("swapped", _swapped, 2, "2 problems found", measured="0.6 s, 40 MB"), tmp_path
    )
    assert "this is a data file (it has figures:), not indicator definitions" in result.output
    assert "unknown key" not in result.output


def test_no_jargon_in_any_message(tmp_path: Path) -> None:
    """A file with a wrong value in every field: every message in plain words."""
    write(
        tmp_path / "ind" / "a.yaml",
        """
        sections:
          - id: S-1
            code: [一]
            title: {a: 1}
        indicators:
          - id: jobs
            name: 再就业
            unit: 3
            measure: flw
            decimals: two
            integer: maybe
            parts: a
            thresholds: x
          - id: rate
            name: 失业率
            unit: "%"
            measure: rate
            decimals: "99"
            thresholds:
              - {word: 以内, value: "4", inclusive: sometimes, level: fatal, method: x}
        """,
    )
    write(
        tmp_path / "data" / "d.yaml",
        """
        source: [a]
        region: {b: 1}
        as_of: 2020-06-30T10:00:00
        published: 2020-13-01
        rounding: up
        figures:
          jobs: 1
          rate:
            value: {a: 1}
            changes: x
            pace_status: fast
          insured:
            changes:
              - base: yesterday
                pct: 1万人
        """,
    )
    result = check(
        Case(
            "jargon",
            lambda f: ["validate", "-i", "ind", "-d", "data"],
            2,
            "",
            measured="0.4 s, 37 MB",
        ),
        tmp_path,
    )
    jargon = ("Input should", "instance of", "Datetimes", "dictionary", "String should", "pydantic")
    found = [word for word in jargon if word in result.output]
    assert not found, result.output
    assert result.output.count("error:") >= 20, result.output
