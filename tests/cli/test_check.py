"""`hrkpi check` exit codes and messages through Typer's runner."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


def test_bundled_report_passes_in_chinese_by_default() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("通过")
    assert "一致 完成率：失业人员再就业完成率105.5% = 4.22 ÷ 4 × 100%" in result.stdout
    # The brief's counts: 17 consistent, 5 not checkable, one limit met.
    assert "共核对23项：一致17，不一致0，无法核对5，达标1，预警0，未达标0" in result.stdout


def test_bundled_report_in_english() -> None:
    result = runner.invoke(app, ["check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("PASSED")
    assert (
        "ok   completion rate: Re-employment of unemployed persons: "
        "completion 105.5% = 4.22 / 4 x 100%" in result.stdout
    )
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout.split("\n")[0])


def test_unknown_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "--lang", "fr"], env=EN)
    assert result.exit_code == 2
    assert "'zh', 'en'" in result.output or "zh, en" in result.output


def _break(data: Path, old: str, new: str) -> None:
    f = data / "d.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_inconsistent_figure_exits_1_and_points_at_it(
    mini: tuple[Path, Path], tmp_path: Path
) -> None:
    ind, data = mini
    _break(data, "completion: 105.5", "completion: 107.5")
    junit = tmp_path / "out.xml"
    args = ["check", "-i", str(ind), "-d", str(data), "--junit", str(junit)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "d.yaml:7: 不一致 完成率：再就业完成率107.5% = 4.22 ÷ 4 × 100%" in result.stdout
    assert "陈述值107.5%；可一致的陈述值：105.4%至105.6%" in result.stdout
    assert "4.22的修约区间为[4.215, 4.225]，完成率应在[105.375, 105.625]%之间" in result.stdout
    english = runner.invoke(app, [*args, "--lang", "en"]).stdout
    assert "d.yaml:7: FAIL completion rate: 再就业: completion 107.5% = 4.22 / 4 x 100%" in english
    assert "stated 107.5%; consistent: 105.4% to" in english
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"


def test_failed_threshold_exits_1_warn_only_with_strict(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    _break(data, "value: 3.56", "value: 4.10")
    result = runner.invoke(app, ["check", "-i", str(ind), "-d", str(data)])
    assert result.exit_code == 1
    assert "未达标 控制目标：失业率为4.10%，控制目标为4%以内" in result.stdout
    assert "未达标，超出0.10个百分点（全数值比较法）" in result.stdout
    definitions = ind / "a.yaml"
    definitions.write_text(
        definitions.read_text(encoding="utf-8").replace(
            'value: "4"', 'value: "4"\n        level: warn'
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["check", "-i", str(ind), "-d", str(data)]).exit_code == 0
    assert runner.invoke(app, ["check", "-i", str(ind), "-d", str(data), "--strict"]).exit_code == 1


def test_bad_input_exits_2(mini: tuple[Path, Path]) -> None:
    ind, data = mini
    _break(data, "as_of: 2020-06-30", "as_of: 2020-06-31")
    result = runner.invoke(app, ["check", "-i", str(ind), "-d", str(data)], env=EN)
    assert result.exit_code == 2
    assert "d.yaml:3:8: as_of:" in result.output and "Traceback" not in result.output
    assert "'2020-06-31' is not a date: 2020-06 has 30 days" in result.output


def test_unwritable_junit_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--junit", str(tmp_path / "missing" / "x.xml")], env=EN)
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_an_as_of_no_document_has_lists_the_dates_as_a_list_of_its_language(
    tmp_path: Path,
) -> None:
    data = tmp_path / "d.csv"
    data.write_text(
        "indicator,region,period,value\njobs,测试市,2021-05,4.1\njobs,测试市,2021-06,4.22\n",
        encoding="utf-8",
    )
    indicators = tmp_path / "a.yaml"
    indicators.write_text(
        "sections: [{id: s1, code: 一, title: 就业}]\n"
        "indicators: [{id: jobs, name: 再就业, section: s1, unit: 万人, measure: stock}]\n",
        encoding="utf-8",
    )
    args = ["check", "-i", str(indicators), "-d", str(data), "--as-of", "2019-01-01"]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 2
    # 、 between the dates in Chinese (never ", "), ", " in English.
    assert "数据中各文件的日期为2021-05-31、2021-06-30：请在--as-of中选用其一" in zh.output
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert "the data's documents are dated 2021-05-31, 2021-06-30: pass one" in en.output


def test_the_known_columns_are_listed_as_a_list_of_the_language(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("indicator,region,period,value,bogus\njobs,甲,2021-06,4.22,1\n", "utf-8")
    indicators = tmp_path / "a.yaml"
    indicators.write_text(
        "sections: [{id: s1, code: 一, title: 就业}]\n"
        "indicators: [{id: jobs, name: 再就业, section: s1, unit: 万人, measure: stock}]\n",
        encoding="utf-8",
    )
    args = ["check", "-i", str(indicators), "-d", str(data)]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 2
    assert "无法识别的列'bogus'；可用的列：indicator、value、region、as_of、period、" in zh.output
    assert "indicator, value" not in zh.output
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert "unknown column 'bogus'; known: indicator, value, region, as_of, period, " in en.output
    # A targets file's columns too.
    targets = tmp_path / "t.csv"
    targets.write_text("indicator,region,year,target,foo\njobs,甲,2021,4,1\n", "utf-8")
    data.write_text("indicator,region,period,value\njobs,甲,2021-06,4.22\n", "utf-8")
    zh = runner.invoke(app, [*args, "--targets", str(targets)])
    assert zh.exit_code == 2
    assert "可用的列：indicator、region、year、target、name、unit、primary" in zh.output
