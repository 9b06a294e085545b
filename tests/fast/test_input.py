"""Bad long-format input: every problem at file, line and column, on either engine."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.api import Engine, check, load, series
from hrkpi.cli import app
from hrkpi.core.errors import InputError
from hrkpi.fast import partition


@pytest.fixture(autouse=True, params=["in memory", "partitioned"])
def _plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case on both of the fast path's plans: large data is split by indicator
    (hrkpi.fast.partition), here from the first row, one indicator a group."""
    if request.param == "partitioned":
        monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
        monkeypatch.setattr(partition, "GROUP_ROWS", 1)


INDICATORS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "4000"
"""


def _project(tmp_path: Path, rows: str) -> tuple[Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", rows)
    return ind.parent, data.parent


@pytest.mark.parametrize("engine", [Engine.FAST, Engine.EXACT])
def test_bad_rows_are_located(tmp_path: Path, engine: Engine) -> None:
    ind, data = _project(
        tmp_path,
        """
        indicator,region,period,value,completion
        jobs,甲,2021-01/06,100,2.50
        jobz,甲,2021-01/06,100,
        jobs,甲,2021-13,100,
        jobs,甲,2021-01/06,1O0,
        """,
    )
    with pytest.raises(InputError) as info:
        check(ind, data, engine=engine)
    text = str(info.value)
    file = "d.csv"
    assert f"{file}:3:1: indicator: no indicator 'jobz' is defined; did you mean 'jobs'?" in text
    assert f"{file}:4:3: period: '2021-13' is not a valid period" in text
    assert f"{file}:5:4: value: '1O0' is not a stated figure" in text


def test_cli_exit_2_without_traceback(tmp_path: Path) -> None:
    ind, data = _project(tmp_path, "indicator,region,period,value\njobs,甲,2021-01/06,x\n")
    result = CliRunner().invoke(app, ["check", "-i", str(ind), "-d", str(data), "--engine", "fast"])
    assert result.exit_code == 2
    assert "d.csv:2:4: value:" in result.output
    assert "Traceback" not in result.output


def test_approximate_figures_stay_on_the_fast_path(tmp_path: Path) -> None:
    # An approximate figure is computed on the columns too, and keeps the report's words.
    ind, data = _project(
        tmp_path, "indicator,region,period,value\njobs,甲,2021-01/06,近84\njobs,乙,2021-01/06,84\n"
    )
    exact = series(ind, data, engine=Engine.EXACT)
    table = series(ind, data, engine=Engine.FAST)
    assert table.engine == "fast" and table.exact_rows == 0
    assert table.to_csv() == exact.to_csv()
    assert exact.rows is not None and exact.rows[0]["value"] == "近84"


def test_parquet_float_figures_are_refused(tmp_path: Path) -> None:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS).parent
    (tmp_path / "data").mkdir()
    pl.DataFrame(
        {"indicator": ["jobs"], "region": ["甲"], "period": ["2021-01/06"], "value": [236.60]}
    ).write_parquet(tmp_path / "data" / "d.parquet")
    for engine in (Engine.FAST, Engine.EXACT):
        with pytest.raises(InputError, match=r"d.parquet:1:4: value: column 'value' holds"):
            check(ind, tmp_path / "data", engine=engine)


def test_series_cli_writes_csv(tmp_path: Path) -> None:
    ind, data = _project(
        tmp_path,
        """
        indicator,region,period,value,completion,base,change_pct
        jobs,甲,2020-01/06,1000,25.00,,
        jobs,甲,2021-01/06,1100,27.50,same_period_last_year,10.00
        """,
    )
    for engine in ("fast", "exact"):
        args = ["compute", "-i", str(ind), "-d", str(data), "--series", "--engine", engine]
        result = CliRunner().invoke(app, [*args, "--lang", "en"])  # the keys, not 欠进度
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        # 1100 / 4000 = 27.50%; 2021-06-30 is day 181 of 365 (49.59%): behind by far;
        # year on year (1100 - 1000) / 1000 = 10.00% from last year's figure.
        assert lines[2] == "甲,jobs,2021-01/06,2021-06-30,人,1100,27.50,behind,1000,10.00,,,"


def test_a_header_without_rows(tmp_path: Path) -> None:
    # No figures is bad input on both engines: an empty draft must not pass CI.
    ind, data = _project(tmp_path, "indicator,region,period,value\n")
    for engine in (Engine.FAST, Engine.EXACT):
        with pytest.raises(InputError, match="no stated figures in the data"):
            check(ind, data, engine=engine)
        with pytest.raises(InputError, match="no stated figures in the data"):
            series(ind, data, engine=engine)


def test_a_gbk_file_is_named_on_the_fast_path_and_read_by_the_exact_engine(
    tmp_path: Path,
) -> None:
    ind, data = _project(tmp_path, "indicator,region,period,value\n")
    (data / "d.csv").write_bytes(
        "indicator,region,period,value\njobs,厦门,2021-06,1\n".encode("gbk")
    )
    with pytest.raises(InputError, match=r"d.csv:2:6: the file is not UTF-8 \(byte 0xcf\)"):
        check(ind, data, engine=Engine.FAST)
    # Excel's "CSV (逗号分隔)" on a Chinese Windows is GBK: read as GB18030, and said so.
    for engine in (Engine.AUTO, Engine.EXACT):
        assert [r["region"] for r in series(ind, data, engine=engine).rows or []] == ["厦门"]
    _, dataset = load(ind, data)
    assert list(dataset.encodings.values()) == ["GB18030"]


def test_a_region_missing_from_the_hierarchy_is_named(tmp_path: Path) -> None:
    # A misspelt region would drop out of its parent's sum and that sum's check.
    rows = "indicator,region,period,value\njobs,甲,2021-01/06,100\njobs,乙市,2021-01/06,100\n"
    ind, data = _project(tmp_path, rows)
    regions = write(tmp_path / "regions.csv", "region,parent\n甲,\n乙,甲\n")
    for engine in (Engine.FAST, Engine.EXACT):
        with pytest.raises(InputError, match=r"d\.csv:3:1: region: region '乙市' is not in"):
            check(ind, data, regions=regions, engine=engine)


# Issue #13/#14: one validation for both engines. Each bad file is refused by the fast
# path with exactly the problems the exact reader lists, at the same places.
SAME_REFUSALS = {
    "unix time": "indicator,region,period,as_of,value\njobs,甲,2021-06,1593475200,1\n",
    "compact date": "indicator,region,period,as_of,value\njobs,甲,2021-06,20210630,1\n",
    "week date": "indicator,region,period,as_of,value\njobs,甲,2021-06,2021-W22-7,1\n",
    "as_of outside period": (
        "indicator,region,period,as_of,value\njobs,甲,2021-01/06,2020-03-31,1\n"
    ),
    "year 0000": "indicator,region,period,value\njobs,甲,0000-06,1\n",
    "negative count": "indicator,region,period,value\njobs,甲,2021-06,-4\n",
    "negative completion": "indicator,region,period,value,completion\njobs,甲,2021-06,4,-0.10\n",
    "bad grouping": 'indicator,region,period,value\njobs,甲,2021-06,"17.123,456"\n',
    "escape in region": 'indicator,region,period,value\njobs,"甲\x1b[2J",2021-06,1\n',
    "escape in quote": 'indicator,region,period,value,quote\njobs,甲,2021-06,1,"a\x1bb"\n',
    "duplicate column": "indicator,region,period,value,value\njobs,甲,2021-06,1,2\n",
    "ragged rows": "indicator,region,period,value\njobs,甲,2021-06\njobs,甲,2021-06,1,2\n",
    "unterminated quote": 'indicator,region,period,value\njobs,"甲,2021-06,1\n'
    + "jobs,甲,2021-06,1\n" * 9,
    "quote then text": 'indicator,region,period,value\njobs,"甲"x,2021-06,1\n',
    "too many columns": ",".join(["indicator", "value", "period"] + ["x"] * 200) + "\n",
    # Named as empty, not as a header missing three columns; a header's open quote
    # is named as such.
    "empty file": "",
    "quote in the header": '"indicator,region,period,value\njobs,甲,2021-06,1\n',
}


@pytest.mark.parametrize("name", SAME_REFUSALS)
def test_both_engines_refuse_alike(tmp_path: Path, name: str) -> None:
    ind, data = _project(tmp_path, "")
    (data / "d.csv").write_text(SAME_REFUSALS[name], encoding="utf-8")
    found = {}
    for engine in (Engine.EXACT, Engine.FAST):
        with pytest.raises(InputError) as info:
            series(ind, data, engine=engine)
        found[engine] = [str(p) for p in info.value.problems]
    assert found[Engine.FAST] == found[Engine.EXACT]
    assert found[Engine.EXACT]  # and there is something to say


def test_the_issue_s_bad_input_is_named_as_written_on_the_fast_path(tmp_path: Path) -> None:
    # Issue 12, "Bad input": a repeated column is named as written (polars would read it
    # as completion_duplicated_0), a malformed CSV names its line.
    ind, data = _project(tmp_path, "")
    cases = {
        "indicator,region,period,value,completion,completion\njobs,甲,2021-06,1,2,3\n": (
            "d.csv:1:6: completion: "
        ),
        "indicator,region,period,value\n"
        + "jobs,甲,2021-06,1\n" * 5
        + 'jobs,"甲,2021-06,1\n'
        + "jobs,甲,2021-06,1\n" * 5: "d.csv:7:1: ",
        "indicator,region,period,value\n" + "jobs,甲,2021-06,1\n" * 3 + "jobs,甲,2021-06,1,7\n": (
            "d.csv:5:1: "
        ),
    }
    for text, where in cases.items():
        (data / "d.csv").write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as info:
            check(ind, data, engine=Engine.FAST)
        said = [str(p) for p in info.value.problems]
        assert len(said) == 1 and where in said[0], said
        assert "duplicated" not in said[0]


@pytest.mark.parametrize("engine", [Engine.FAST, Engine.EXACT])
def test_an_empty_csv_is_named_empty_beside_a_definitions_error(
    tmp_path: Path, engine: Engine
) -> None:
    # Alone or beside a misspelt key, the same words for the same empty file (before:
    # three missing columns beside the key, or nothing about it on the fast path).
    ind, data = _project(tmp_path, "")
    empty = "data/d.csv:1:1: the CSV file is empty; it needs a header row"  # from tmp_path
    with pytest.raises(InputError) as alone:
        check(ind, data, engine=engine)
    assert [p.render("en") for p in alone.value.problems] == [empty]
    write(ind / "a.yaml", INDICATORS.replace("target:", "tagret:"))
    with pytest.raises(InputError) as both:
        check(ind, data, engine=engine)
    said = [p.render("en") for p in both.value.problems]
    assert said[0] == empty
    assert said[1].endswith("unknown key 'tagret'; did you mean 'target'?")
    assert len(said) == 2
