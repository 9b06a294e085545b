"""Targets files (CSV, GBK CSV, YAML, xlsx): every row located, every mistake named."""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from pydantic import ValidationError
from tests.conftest import write

from hrkpi.core.errors import InputError, display_path
from hrkpi.core.numbers import parse_figure
from hrkpi.core.regions import RegionHierarchy
from hrkpi.core.targets import AssignedTarget
from hrkpi.sources.loader import load_catalog
from hrkpi.sources.targetfile import TargetRow, _plain, check_targets, load_targets


@pytest.fixture
def catalog(tmp_path: Path):  # type: ignore[no-untyped-def]
    write(
        tmp_path / "indicators" / "a.yaml",
        """
        indicators:
          - id: jobs
            name: 城镇新增就业
            unit: 万人
            measure: flow
          - id: rate
            name: 城镇登记失业率
            unit: "%"
            measure: rate
            direction: lower
        """,
    )
    return load_catalog(tmp_path / "indicators")


HIERARCHY = RegionHierarchy.from_pairs([("海湾市", ""), ("临江区", "海湾市"), ("云山区", "海湾市")])


def test_csv_with_names_and_units(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = write(
        tmp_path / "t.csv",
        """
        指标,地区,年度,目标,目标名称,单位
        jobs,临江区,2021,4000,省下达,人
        jobs,临江区,2021,0.42,力争,
        """,
    )
    book = load_targets([f], catalog, HIERARCHY)
    got = [(t.region, t.name, t.value.literal, t.where.rsplit(":", 2)[-2]) for t in book]
    assert got == [("临江区", "省下达", "0.4", "2"), ("临江区", "力争", "0.42", "3")]


def test_gbk_csv_is_read(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "t.csv"
    f.write_bytes("indicator,region,year,target\njobs,临江区,2021,1.1\n".encode("gbk"))
    assert [t.region for t in load_targets([f], catalog)] == ["临江区"]


def test_yaml_with_a_default_year(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = write(
        tmp_path / "t.yaml",
        """
        year: 2021
        targets:
          - {indicator: jobs, region: 临江区, target: "1.10"}
          - {indicator: jobs, region: 云山区, target: "0.90", year: 2022}
        """,
    )
    book = load_targets([f], catalog, HIERARCHY)
    assert [(t.region, t.year, t.value.literal) for t in book] == [
        ("临江区", 2021, "1.10"),
        ("云山区", 2022, "0.90"),
    ]


def test_xlsx_keeps_the_decimals_shown(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["indicator", "region", "year", "target"])
    ws.append(["jobs", "临江区", 2021, 1.1])
    ws["D2"].number_format = "0.00"
    wb.save(tmp_path / "t.xlsx")
    [t] = load_targets([tmp_path / "t.xlsx"], catalog, HIERARCHY)
    assert t.value.literal == "1.10"
    assert t.where.endswith("t.xlsx:Sheet!D2")
    # The workbook's path, its sheet and the cell apart (the findings' and JSON's).
    assert (t.file, t.sheet, t.cell, t.line) == ("t.xlsx", "Sheet", "D2", 2)


def test_every_mistake_is_named_at_its_cell(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = write(
        tmp_path / "t.csv",
        """
        indicator,region,year,target
        jbos,临江区,2021,1
        jobs,临江县,2021,1
        jobs,临江区,2021,1
        jobs,临江区,2021,2
        rate,临江区,2021,4
        jobs,云山区,2021,0
        jobs,云山区,,1
        """,
    )
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    text = [str(p).split("t.csv:", 1)[1] for p in err.value.problems]
    assert text == [
        "2:1: indicator: no indicator 'jbos' is defined; did you mean 'jobs'?",
        "3:2: region: region '临江县' is not in the regions file; add it there or fix the name",
        "5:4: target: 临江区 already has a 目标 target for jobs in 2021 (at "
        + str(f).replace(str(Path.cwd()) + "/", "")
        + ":4:4); keep one, or name them apart (name: 力争)",
        "6:1: indicator: rate is lower-is-better: give it a ceiling, not a target",
        "7:4: target: target '0' must be greater than zero",
        "8:3: year: the year is missing; give the year the target is for (2021)",
    ]


def test_a_header_without_the_required_columns(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path / "t.csv", "indicator,region,targte\njobs,临江区,1\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog)
    messages = [str(p.message) for p in err.value.problems]
    assert "unknown column 'targte'; did you mean 'target'?" in messages
    assert "missing column 'year'; add it to the header" in messages


@pytest.mark.parametrize(
    ("header", "said"),
    [
        # Chinese headers are taken (目标 for target): a near miss is pointed at one.
        ("指标,地区,年度,目标值", "unknown column '目标值'; did you mean '目标'?"),
        ("indicator,region,year,valeu", "unknown column 'valeu'; did you mean 'value'?"),
        ("indicator,region,year,targte", "unknown column 'targte'; did you mean 'target'?"),
        # Two headers of one column: a row's last cell used to win without a word.
        (
            "indicator,region,year,target,value",
            "column 'value' is another name for 'target'; keep one",
        ),
        (
            "indicator,地区,year,target,region",
            "column 'region' is another name for '地区'; keep one",
        ),
        ("indicator,region,year,target,target", "column 'target' appears twice; keep one"),
    ],
)
def test_a_header_s_column_problems(  # type: ignore[no-untyped-def]
    header: str, said: str, tmp_path: Path, catalog
) -> None:
    f = write(tmp_path / "t.csv", f"{header}\njobs,临江区,2021,1,2\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog)
    # The problem stands at the header's cell: its last column, the fourth or the fifth,
    # its field the header as written there (value, not the column it names, target).
    written = header.split(",")
    assert [(p.line, p.column, p.field, str(p.message)) for p in err.value.problems][-1] == (
        1,
        len(written),
        written[-1],
        said,
    )


def test_a_header_s_column_is_said_once_and_a_long_one_cut(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    # foo twice: column 5 is unknown, column 6 its repeat (it was also said unknown).
    # The known headers listed are all a targets file takes, the Chinese ones too.
    f = write(tmp_path / "t.csv", "indicator,region,year,target,foo,foo\njobs,临江区,2021,1,2,3\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog)
    assert [(p.line, p.column, p.field, str(p.message)) for p in err.value.problems] == [
        (
            1,
            5,
            "foo",
            "unknown column 'foo'; known: indicator, region, year, target, name, unit, primary, "
            "指标, 地区, 年度, 年份, 目标, value, 目标名称, 单位",
        ),
        (1, 6, "foo", "column 'foo' appears twice; keep one"),
    ]
    # A header of 45 x's is named by its first 40 and "...", in the field and the message.
    long = "x" * 45
    f = write(tmp_path / "t.csv", f"indicator,region,year,target,{long}\njobs,临江区,2021,1,2\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog)
    [bad] = err.value.problems
    cut = "x" * 40 + "..."
    assert (bad.column, bad.field) == (5, cut)
    assert str(bad.message).startswith(f"unknown column '{cut}'; known: indicator, ")


# Cells as a targets CSV holds them: plain figures, years, names, and near misses
# (leading zeros, signs, words, spaces, control characters, years out of range).
_CELL = st.sampled_from(
    ["4", "1.10", "0.5", "0", "012", "-3", "+2", "1e3", "近84", "4.", ".5", "1,200", "", " 7"]
)
_YEAR = st.sampled_from(
    ["2021", "1900", "2999", "1899", "3000", "0202", "21", "2021.0", "二〇二一"]
)
_TEXT = st.sampled_from(["临江区", "力争", "a\x07b", "  ", "x" * 3, "目标"])


@settings(max_examples=300, deadline=None)
@given(_TEXT, _YEAR, _CELL, st.one_of(st.none(), _TEXT), st.booleans())
def test_plain_rows_read_as_the_model_reads_them(
    region: str, year: str, target: str, name: str | None, unit: bool
) -> None:
    """A row read without the model is the row the model reads, field by field; any
    row the model would refuse or change is left to the model."""
    record = {"indicator": "jobs", "region": region, "year": year, "target": target}
    if name is not None:
        record["name"] = name
    if unit:
        record["unit"] = "人"
    plain = _plain(record)
    try:
        row = TargetRow.model_validate(record)
    except ValidationError:
        assert plain is None
        return
    if plain is not None:
        assert plain.indicator == row.indicator and plain.region == row.region
        assert plain.year == row.year and plain.name == row.name
        assert (plain.unit, plain.primary) == (row.unit, row.primary)
        assert plain.target == row.target  # the same Figure: literal, value, decimals


def test_plain_rows_are_read_without_the_model() -> None:
    plain = _plain({"indicator": "jobs", "region": "临江区", "year": "2021", "target": "1.10"})
    assert plain is not None and plain.year == 2021 and plain.target.literal == "1.10"
    assert plain.target.decimals == 2 and plain.target.value == Decimal("1.10")
    assert (
        _plain({"indicator": "jobs", "region": "临江区", "year": "2021", "target": "近1"}) is None
    )


def test_problems_keep_their_lines_and_sort_by_them(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    rows = ["jobs,临江区,2021,1"] * 9
    rows[0] = "jobs,临江区,2021,0"  # line 2
    rows[8] = "jobs,云山区,2021,0"  # line 10
    f = write(tmp_path / "t.csv", "indicator,region,year,target\n" + "\n".join(rows) + "\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    where = [(p.line, p.column, p.field) for p in err.value.problems]
    # Line 2 before line 10 (compared as numbers, not as the text "t.csv:10:4"), and
    # each problem keeps its line for a GitHub annotation.
    assert where[0] == (2, 4, "target") and where[-1] == (10, 4, "target")
    assert {p.file for p in err.value.problems} == {str(f).replace(str(Path.cwd()) + "/", "")}


def test_a_workbook_problem_is_at_its_cell(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["indicator", "region", "year", "target"])
    ws.append(["jobs", "临江区", 2021, 0])
    ws.append(["jbos", "临江区", 2021, 1])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(InputError) as err:
        load_targets([tmp_path / "t.xlsx"], catalog, HIERARCHY)
    # The workbook's path, its sheet and the cell apart; shown together as Excel names it.
    assert {(p.sheet, p.cell, p.line, p.field) for p in err.value.problems} == {
        ("Sheet", "D2", 0, "target"),
        ("Sheet", "A3", 0, "indicator"),
    }
    assert {p.file for p in err.value.problems} == {display_path(tmp_path / "t.xlsx")}
    assert all(p.where.endswith(f"t.xlsx:Sheet!{p.cell}") for p in err.value.problems)


def test_a_chinese_header_is_told_the_chinese_name_of_a_missing_column(
    tmp_path: Path, catalog
) -> None:  # type: ignore[no-untyped-def]
    f = write(tmp_path / "t.csv", "指标,地区,年度,目标值\njobs,临江区,2021,4000\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    said = {p.field: p.message.render("zh") for p in err.value.problems}
    assert said["target"] == "缺少列'目标'（或'target'）；请加到表头中"
    assert said["目标值"] == "无法识别的列'目标值'；是否应为'目标'？"
    # An English header is told the English name alone.
    f = write(tmp_path / "e.csv", "indicator,region,year,targte\njobs,临江区,2021,4000\n")
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    said = {p.field: p.message.render("en") for p in err.value.problems}
    assert said["target"] == "missing column 'target'; add it to the header"


def test_a_row_with_a_cell_beyond_the_header_is_refused_not_cut(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    # 3,200 unquoted is two cells: read as the header has it, the target was 3 and the
    # "200" dropped (a completion of 88000%); the row is refused at its first extra cell.
    f = write(
        tmp_path / "t.csv",
        "indicator,region,year,target,name\njobs,临江区,2021,3,200,省下达\n"
        'jobs,云山区,2021,"3,200",省下达\njobs,海湾市,2021,9000,,\n',
    )
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    [p] = (
        err.value.problems
    )  # a quoted "3,200" is the quotes' business; an empty extra cell is none
    assert (p.line, p.column, p.field) == (2, 6, "")
    assert p.message.render("en").startswith("6 cells where the header has 5")
    assert '（"1,800"）' in p.message.render("zh")


def test_a_workbooks_header_problems_are_at_its_header_cells(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "目标"
    ws.append(["indicator", "region", "year", "targte"])  # D1 misspelt: no target column
    ws.append(["jobs", "临江区", 2021, 1])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(InputError) as err:
        load_targets([tmp_path / "t.xlsx"], catalog, HIERARCHY)
    # As its rows' problems: the sheet and the cell (a missing column at A1), never
    # "t.xlsx:1:4", a line and column a workbook has not.
    assert sorted((p.sheet, p.cell, p.line, p.column, p.field) for p in err.value.problems) == [
        ("目标", "A1", 0, 0, "target"),
        ("目标", "D1", 0, 0, "targte"),
    ]
    assert sorted(p.where.rsplit(":", 1)[-1] for p in err.value.problems) == ["目标!A1", "目标!D1"]
    # An empty sheet is named too.
    Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(InputError) as err:
        load_targets([tmp_path / "empty.xlsx"], catalog, HIERARCHY)
    assert [(p.sheet, p.cell) for p in err.value.problems] == [("Sheet", "A1")]


def test_a_targets_csv_is_read_as_every_csv_is(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    # A quote never closed is a located problem, not the rest of the file in one cell.
    f = write(
        tmp_path / "t.csv",
        'indicator,region,year,target\njobs,"临江区,2021,1\njobs,云山区,2021,1\n',
    )
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    [p] = err.value.problems
    assert (p.line, p.column) == (2, 1)
    assert "a quote opened on this line is never closed" in p.message.render("en")
    # A line past MAX_LINE_CHARS is refused at its number, unread.
    long = write(tmp_path / "long.csv", "indicator,region,year,target\n" + "x" * 200_000 + "\n")
    with pytest.raises(InputError, match="longer than 100,000 characters") as err:
        load_targets([long], catalog, HIERARCHY)
    assert err.value.problems[0].line == 2


def test_a_named_pipe_as_targets_is_refused_not_waited_on(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(tmp_path / "t.csv")
    said: list[str] = []

    def read() -> None:
        with pytest.raises(InputError) as err:
            load_targets([tmp_path / "t.csv"], catalog, HIERARCHY)
        said.append(err.value.problems[0].message.render("en"))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert said and "named pipe (FIFO), not a regular file" in said[0]


def test_an_empty_required_cell_is_named_not_the_whole_row(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    f = write(
        tmp_path / "t.csv",
        """
        indicator,region,year,target
        jobs,临江区,2021,
        jobs,,2021,0.4
        """,
    )
    with pytest.raises(InputError) as err:
        load_targets([f], catalog, HIERARCHY)
    said = [str(p) for p in err.value.problems]
    empty = "the cell is empty; fill it in: every target needs its indicator, region and target"
    assert said == [f"t.csv:2:4: target: {empty}", f"t.csv:3:2: region: {empty}"]


def test_a_target_beside_the_data_is_checked_at_its_file_line_and_cell(catalog) -> None:  # type: ignore[no-untyped-def]
    # A target read beside the figures, with a region the hierarchy does not list (临江县).
    # Outside a workbook its problem was put in a file named "d/x.csv:5:4" (its `where`,
    # text for messages) at line 0: an annotation at no such file, and no line.
    figure = parse_figure("4")
    plain = AssignedTarget(
        "jobs", "临江县", 2021, figure, file="d/x.csv", line=5, where="d/x.csv:5:4"
    )
    with pytest.raises(InputError) as err:
        check_targets([plain], catalog, HIERARCHY)
    assert [(p.file, p.sheet, p.cell, p.line, p.column, p.field) for p in err.value.problems] == [
        ("d/x.csv", "", "", 5, 1, "region")
    ]
    # In a workbook, at its sheet and cell (as before).
    book = AssignedTarget(
        "jobs", "临江县", 2021, figure, file="d/x.xlsx", line=5, where="d/x.xlsx:目标!D5",
        sheet="目标", cell="D5",
    )  # fmt: skip
    with pytest.raises(InputError) as err:
        check_targets([book], catalog, HIERARCHY)
    assert [(p.file, p.sheet, p.cell, p.line, p.column, p.field) for p in err.value.problems] == [
        ("d/x.xlsx", "目标", "D5", 0, 0, "region")
    ]
