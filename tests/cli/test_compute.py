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
        "a.yaml:10:14: indicators.0.measure: 'flw' is not one of flow, stock or rate; "
        "did you mean 'flow'?"
    ) in result.output
    assert "1 problem found; nothing was computed." in result.output


def test_missing_path() -> None:
    result = runner.invoke(app, ["compute", "--data", "no/such/place"], env=EN)
    assert result.exit_code == 2
    assert "no/such/place: no such file or folder; check the --data path" in result.output


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
