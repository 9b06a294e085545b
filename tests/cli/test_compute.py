"""`hrkpi compute` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


def test_default_table_shows_the_brief_figures() -> None:
    result = runner.invoke(app, ["compute"])
    assert result.exit_code == 0, result.output
    out = result.output
    for expected in (
        "105.50%",
        "73.33%",
        "已完成",
        "超进度",
        "49.73%",
        "303.88",
        "54.14",
        "余0.44个百分点",
    ):
        assert expected in out, expected
    assert "一、(一)1 确保就业形势稳定" in out  # grouped by report section


def test_english_and_months() -> None:
    result = runner.invoke(app, ["compute", "--lang", "en", "--pace", "months"])
    assert result.exit_code == 0, result.output
    assert "Schedule pace 50.00% (by months)" in result.output
    assert "completed" in result.output and "ahead" in result.output


def test_json_has_decimal_strings_only() -> None:
    result = runner.invoke(app, ["compute", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pace"] == "49.73"
    rows = {row["id"]: row for row in data["indicators"]}
    assert rows["reemployment"]["completion"] == "105.50"
    assert rows["registered_employees"]["value"] == "236.60"
    assert rows["pension_insured"]["changes"][0]["previous"] == "303.88"

    def no_floats(node: object) -> None:
        assert not isinstance(node, float), node
        if isinstance(node, dict):
            for v in node.values():
                no_floats(v)
        elif isinstance(node, list):
            for v in node:
                no_floats(v)

    no_floats(data)


def test_csv_and_markdown() -> None:
    csv_out = runner.invoke(
        app, ["compute", "--format", "csv", "--columns", "name,value,completion"]
    )
    assert csv_out.exit_code == 0, csv_out.output
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "指标名称,累计完成,完成率"
    assert "失业人员再就业,4.22,105.50%" in lines
    md = runner.invoke(app, ["compute", "--format", "markdown", "--lang", "en"])
    assert md.exit_code == 0
    assert "| No. | Indicator |" in md.stdout


def test_unknown_column_is_a_usage_error() -> None:
    result = runner.invoke(app, ["compute", "--format", "csv", "--columns", "name,nope"], env=EN)
    assert result.exit_code == 2
    assert "unknown column 'nope'" in result.output


def test_columns_not_for_json() -> None:
    result = runner.invoke(app, ["compute", "--columns", "name", "--format", "json"], env=EN)
    assert result.exit_code == 2
    assert "--columns applies to the table, csv and markdown" in result.output


def test_bad_date_and_format() -> None:
    assert runner.invoke(app, ["compute", "--as-of", "2020-13-01"]).exit_code == 2
    assert runner.invoke(app, ["compute", "--format", "xml"]).exit_code == 2


def test_bad_input_exit_2_without_traceback(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    (ind / "a.yaml").write_text(
        (ind / "a.yaml").read_text(encoding="utf-8").replace("measure: flow", "measure: flw"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compute", "--indicators", str(ind), "--data", str(data)], env=EN)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        "a.yaml:10:14: indicators.1.measure: 'flw' is not one of flow, stock or rate; "
        "did you mean 'flow'?"
    ) in result.output
    assert "1 problem found; nothing was computed." in result.output


def test_missing_path() -> None:
    result = runner.invoke(app, ["compute", "--data", "no/such/place"], env=EN)
    assert result.exit_code == 2
    assert "no/such/place: no such file or folder; check the --data path" in result.output


@pytest.mark.parametrize("command", ["compute", "check"])
def test_missing_regions_file_names_the_option(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was "no/such.csv:1:1: no such file or folder; check the path": a place in a
    # file that does not exist, and no word of which option gave it.
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [command, "--regions", "no/such.csv"], env=EN)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output == "error: no/such.csv: no such file or folder; check the --regions path\n"
    result = runner.invoke(app, [command, "--regions", "."])
    assert result.exit_code == 2
    assert result.output == "错误：.：这是文件夹，不是文件；请检查--regions的路径\n"


def test_as_of_picks_earlier_figures(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    write(
        data / "q1.yaml",
        """
        source: 一季度报告
        region: 测试市
        as_of: 2020-03-31
        figures:
          jobs:
            value: 1.5
        """,
    )
    result = runner.invoke(
        app, ["compute", "-i", str(ind), "-d", str(data), "--as-of", "2020-05-31", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["indicators"]}
    assert rows["jobs"]["value"] == "1.5"  # the first quarter's, not June's 4.22
    assert rows["jobs"]["completion"] == "37.50"  # 1.5 / 4
    assert rows["rate"]["value"] is None  # stated only in June


def test_as_of_before_every_figure_is_bad_input(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    result = runner.invoke(
        app, ["compute", "-i", str(ind), "-d", str(data), "--as-of", "2020-05-31"], env=EN
    )
    assert result.exit_code == 2
    assert "the as-of date 2020-05-31 is before every figure of the data" in result.output
    assert "earliest is dated 2020-06-30" in result.output


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("20200630", "'20200630' is not written as a date; write 2020-06-30"),
        ("2020-W26-3", "'2020-W26-3' is not a date; write it as YYYY-MM-DD"),
        ("1899-12-31", "the year 1899 is outside 1900-2999"),
        ("2020年6月30日", None),
    ],
)
@pytest.mark.parametrize("command", ["compute", "check", "scan"])
def test_as_of_takes_the_dates_every_reader_takes(
    command: str, text: str, says: str | None
) -> None:
    # The one date parser (core.dates): Python's fromisoformat also takes 20200630 and
    # week dates, which no data file may use.
    args = [command, *(["data/source/2020H1_xiamen.txt"] if command == "scan" else [])]
    result = runner.invoke(app, [*args, "--as-of", text], env={"HRKPI_LANG": "en"})
    if says is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2, result.output
        assert says in " ".join(result.output.split())


def test_the_series_follows_lang() -> None:
    chinese = runner.invoke(app, ["compute", "--series"])
    assert chinese.exit_code == 0, chinese.output
    lines = chinese.stdout.splitlines()
    assert lines[0] == (
        "地区,指标,时期,截至日期,单位,数值,完成率,进度状态,上年同期,同比,是否达标,下级地区合计,分项合计"
    )
    # 4.22 / 4 = 105.50%: done; 3.56% against a limit of 4%: within it.
    assert lines[1] == "厦门市,reemployment,,2020-06-30,万人,4.22,105.50,已完成,,,,,"
    assert "厦门市,registered_unemployment_rate,,2020-06-30,%,3.56,,,,,达标,," in lines
    english = runner.invoke(app, ["compute", "--series", "--lang", "en"])
    assert english.exit_code == 0, english.output
    lines = english.stdout.splitlines()
    assert lines[0] == (
        "region,indicator,period,as_of,unit,value,completion,pace_status,yoy_previous,yoy,"
        "limit_status,region_sum,parts_sum"
    )  # the keys scripts read, unchanged
    assert lines[1] == "厦门市,reemployment,,2020-06-30,万人,4.22,105.50,completed,,,,,"
    assert "厦门市,registered_unemployment_rate,,2020-06-30,%,3.56,,,,,pass,," in lines


def test_the_fast_series_says_the_same_words_as_the_exact() -> None:
    regional = Path(__file__).resolve().parents[2] / "examples" / "regional"
    args = ["compute", "--series", "-i", str(regional / "indicators")]
    args += ["-d", str(regional / "long.csv"), "--regions", str(regional / "data" / "regions.csv")]
    exact = runner.invoke(app, [*args, "--engine", "exact"])
    fast = runner.invoke(app, [*args, "--engine", "fast"])
    assert exact.exit_code == fast.exit_code == 0, exact.output + fast.output
    assert fast.stdout == exact.stdout
    statuses = {line.split(",")[7] for line in exact.stdout.splitlines()[1:]}
    assert statuses == {"", "已完成", "达进度", "欠进度"}


def test_bom_before_a_csv_only() -> None:
    table = runner.invoke(app, ["compute", "-f", "csv", "--bom", "--columns", "no,name"])
    assert table.exit_code == 0, table.output
    assert table.stdout_bytes.startswith("\ufeff序号,指标名称\r\n1,失业人员再就业".encode())
    series = runner.invoke(app, ["compute", "--series", "--bom"])
    assert series.exit_code == 0, series.output
    assert series.stdout_bytes.startswith("\ufeff地区,指标,".encode())
    plain = runner.invoke(app, ["compute", "-f", "csv", "--columns", "no"])
    assert plain.stdout_bytes.startswith("序号".encode())
    for fmt in ("table", "json", "markdown"):
        refused = runner.invoke(app, ["compute", "-f", fmt, "--bom"])
        assert refused.exit_code == 2, fmt
        assert f"错误：--bom的值无效：BOM只适用于CSV，不适用于{fmt}" in refused.output
