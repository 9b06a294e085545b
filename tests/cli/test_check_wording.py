"""The words of `hrkpi check`'s findings on a table's rows, line for line, in both
languages and on both engines alike (made-up provinces and figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()
ENGINES = ["exact", "fast"]

JOBS = """
indicators:
  - id: new_jobs
    name: 城镇新增就业
    name_en: New urban jobs
    unit: 人
    measure: flow
    target: "40000"
"""
# 近12400 is [12300, 12400]: 30.75% to 31.00% of 40000, so 31.00 is consistent; 12300多
# is [12300, 12400) and 30.75 is too. 超12600 last year (12600 to 12700) and 12300多 now
# give a fall of 1.59% to 3.15%: 近3 ([2, 3]) meets it. 近6200 is 15.25% to 15.50%, not 16.00.
APPROXIMATE = """
indicator,region,period,value,completion,base,change_pct
new_jobs,示范省,2020-01/10,近12400,31.00,,
new_jobs,示范省,2020-01/09,12300多,30.75,same_period_last_year,-近3
new_jobs,示范省,2019-01/09,超12600,,,
new_jobs,市01,2020-01/10,近6200,16.00,,
"""


def _check(tmp_path: Path, indicators: str, rows: str, *args: str) -> str:
    write(tmp_path / "i" / "i.yaml", indicators)
    write(tmp_path / "d" / "d.csv", rows)
    return runner.invoke(app, ["check", "-i", "i", "-d", "d", *args]).stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_an_approximate_figure_reads_in_english_in_english(tmp_path: Path, engine: str) -> None:
    en = _check(tmp_path, JOBS, APPROXIMATE, "--engine", engine, "--lang", "en")
    assert en.splitlines()[:6] == [
        "d/d.csv:2: ok   completion rate: 示范省 2020-01/10: New urban jobs: "
        "completion 31.00% = nearly 12400 / 40000 x 100%",
        "d/d.csv:3: ok   completion rate: 示范省 2020-01/09: New urban jobs: "
        "completion 30.75% = over 12300 / 40000 x 100%",
        "d/d.csv:3: ok   growth rate: 示范省 2020-01/09: New urban jobs: down nearly 3% "
        "year on year = (over 12300 - previous) / previous x 100%, previous = more than 12600",
        "d/d.csv:5: FAIL completion rate: 市01 2020-01/10: New urban jobs: "
        "completion 16.00% = nearly 6200 / 40000 x 100%",
        "    stated 16.00%; consistent: 15.25% to 15.50%",
        "    nearly 6200 spans [6100, 6200], so the rate lies in [15.25, 15.50]%",
    ]
    # Chinese keeps the report's own words.
    zh = _check(tmp_path, JOBS, APPROXIMATE, "--engine", engine)
    assert zh.splitlines()[2] == (
        "d/d.csv:3: 一致 增长率：示范省 2020年1-9月：城镇新增就业同比下降近3% = "
        "(12300多 − 上年同期) ÷ 上年同期 × 100%，上年同期 = 超12600"
    )


LEVELS = """
indicators:
  - id: rate
    name: 城镇调查失业率
    name_en: Surveyed unemployment rate
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - {word: 以内, value: "5.5", label: 控制目标}
      - {word: 以内, value: "5.0", label: 预警线, level: warn}
"""
# 5.3% meets the 5.5% ceiling (0.20 to spare) and is 0.30 points past the 5.0% warning
# level: the warning measures from the warning level, and says it is a warning.
WARNED = """
indicator,region,period,value
rate,示范省,2020-10,5.3
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_warning_says_how_far_past_the_warning_level(tmp_path: Path, engine: str) -> None:
    zh = _check(tmp_path, LEVELS, WARNED, "--engine", engine)
    assert zh.splitlines()[:3] == [
        "d/d.csv:2: 达标 控制目标：示范省 2020年10月：城镇调查失业率为5.3%，控制目标为5.5%以内",
        "d/d.csv:2: 预警 控制目标：示范省 2020年10月：城镇调查失业率为5.3%，预警线为5.0%以内",
        "    预警，超出预警线0.30个百分点（全数值比较法）",
    ]
    en = _check(tmp_path, LEVELS, WARNED, "--engine", engine, "--lang", "en")
    assert en.splitlines()[1:3] == [
        "d/d.csv:2: WARN limit: 示范省 2020-10: Surveyed unemployment rate: 5.3%; "
        "warning level at most 5.0%",
        "    warning, 0.30 pp past the warning level (full-value comparison)",
    ]


# The same levels with no labels, and a floor's warning level: a warning level is a
# 预警线 (warning level), never the 控制目标 or 目标 a fail-level limit is called.
UNLABELLED = """
indicators:
  - id: rate
    name: 城镇调查失业率
    name_en: Surveyed unemployment rate
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - {word: 以内, value: "5.5"}
      - {word: 以内, value: "5.0", level: warn}
  - id: cover
    name: 参保率
    name_en: Coverage
    unit: "%"
    measure: rate
    thresholds:
      - {word: 以上, value: "95", level: warn}
"""
# 94.5% is 0.50 points short of the 95% floor's warning level.
UNLABELLED_ROWS = """
indicator,region,period,value
rate,示范省,2020-10,5.3
cover,示范省,2020-10,94.5
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_warning_level_without_a_label_is_called_one(tmp_path: Path, engine: str) -> None:
    zh = _check(tmp_path, UNLABELLED, UNLABELLED_ROWS, "--engine", engine)
    assert zh.splitlines()[:5] == [
        "d/d.csv:2: 达标 控制目标：示范省 2020年10月：城镇调查失业率为5.3%，控制目标为5.5%以内",
        "d/d.csv:2: 预警 控制目标：示范省 2020年10月：城镇调查失业率为5.3%，预警线为5.0%以内",
        "    预警，超出预警线0.30个百分点（全数值比较法）",
        "d/d.csv:3: 预警 控制目标：示范省 2020年10月：参保率为94.5%，预警线为95%以上",
        "    预警，低于预警线0.50个百分点（全数值比较法）",
    ]
    en = _check(tmp_path, UNLABELLED, UNLABELLED_ROWS, "--engine", engine, "--lang", "en")
    assert en.splitlines()[:5] == [
        "d/d.csv:2: ok   limit: 示范省 2020-10: Surveyed unemployment rate: 5.3%; at most 5.5%",
        "d/d.csv:2: WARN limit: 示范省 2020-10: Surveyed unemployment rate: 5.3%; "
        "warning level at most 5.0%",
        "    warning, 0.30 pp past the warning level (full-value comparison)",
        "d/d.csv:3: WARN limit: 示范省 2020-10: Coverage: 94.5%; warning level at least 95%",
        "    warning, 0.50 pp below the warning level (full-value comparison)",
    ]


# A stock at a date (no period): 4.8% meets both levels; named by its region and date.
DATED = """
indicator,region,as_of,value
rate,示范省,2020-06-30,4.8
rate,,2020年6月30日,4.9
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_row_at_a_date_is_named_by_its_date(tmp_path: Path, engine: str) -> None:
    # (as sets: the engines list a row with no region in another place, as before)
    zh = _check(tmp_path, LEVELS, DATED, "--engine", engine)
    assert set(zh.splitlines()[:4]) == {
        "d/d.csv:2: 达标 控制目标：示范省 2020年6月30日：城镇调查失业率为4.8%，控制目标为5.5%以内",
        "d/d.csv:2: 达标 控制目标：示范省 2020年6月30日：城镇调查失业率为4.8%，预警线为5.0%以内",
        "d/d.csv:3: 达标 控制目标：2020年6月30日：城镇调查失业率为4.9%，控制目标为5.5%以内",
        "d/d.csv:3: 达标 控制目标：2020年6月30日：城镇调查失业率为4.9%，预警线为5.0%以内",
    }
    en = _check(tmp_path, LEVELS, DATED, "--engine", engine, "--lang", "en")
    assert set(en.splitlines()[:4]) == {
        "d/d.csv:2: ok   limit: 示范省 2020-06-30: Surveyed unemployment rate: 4.8%; at most 5.5%",
        "d/d.csv:2: ok   limit: 示范省 2020-06-30: Surveyed unemployment rate: 4.8%; "
        "warning level at most 5.0%",
        "d/d.csv:3: ok   limit: 2020-06-30: Surveyed unemployment rate: 4.9%; at most 5.5%",
        "d/d.csv:3: ok   limit: 2020-06-30: Surveyed unemployment rate: 4.9%; "
        "warning level at most 5.0%",
    }


SUMS = """
indicators:
  - id: new_jobs
    name: 城镇新增就业
    name_en: New urban jobs
    unit: 人
    measure: flow
  - id: insured
    name: 参保人数
    name_en: Insured persons
    unit: 人
    measure: stock
"""
REGIONS = "region,parent\n示范省,\n市01,示范省\n市02,示范省\n"
# 6200 + 6150 = 12350 within 近12400's [12300, 12400]; 700 + 800 = 1500 at a date.
SUMMED = """
indicator,region,period,as_of,value
new_jobs,示范省,2020-01/10,,近12400
new_jobs,市01,2020-01/10,,6200
new_jobs,市02,2020-01/10,,6150
insured,示范省,,2020-06-30,1500
insured,市01,,2020-06-30,700
insured,市02,,2020-06-30,800
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_region_sum_names_its_parent_once(tmp_path: Path, engine: str) -> None:
    write(tmp_path / "regions.csv", REGIONS)
    args = ("--regions", "regions.csv", "--engine", engine)
    zh = _check(tmp_path, SUMS, SUMMED, *args)
    assert zh.splitlines()[:2] == [
        "d/d.csv:2: 一致 地区合计：示范省 2020年1-10月：城镇新增就业 近12400 = "
        "市01 6200 + 市02 6150",
        "d/d.csv:5: 一致 地区合计：示范省 2020年6月30日：参保人数 1500 = 市01 700 + 市02 800",
    ]
    en = _check(tmp_path, SUMS, SUMMED, *args, "--lang", "en")
    assert en.splitlines()[:2] == [
        "d/d.csv:2: ok   sum of regions: 示范省 2020-01/10: New urban jobs: nearly 12400 = "
        "市01 6200 + 市02 6150",
        "d/d.csv:5: ok   sum of regions: 示范省 2020-06-30: Insured persons: 1500 = "
        "市01 700 + 市02 800",
    ]


# 5.2% stated again as 5.3% (line 3); a stock at a date stated again otherwise (line 5).
RESTATED = """
indicator,region,period,as_of,value
rate,示范省,2020-10,,5.2
rate,示范省,2020-10,,5.3
"""
RESTATED_AT_A_DATE = """
indicator,region,period,as_of,value
rate,示范省,,2020-06-30,4.8
rate,示范省,,2020-06-30,4.9
"""


def test_the_fast_engine_names_a_figure_stated_twice_where_it_stands(tmp_path: Path) -> None:
    write(tmp_path / "i" / "i.yaml", LEVELS)
    write(tmp_path / "d" / "d.csv", RESTATED)
    args = ["check", "-i", "i", "-d", "d", "--engine", "fast"]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 2
    assert zh.output == (
        "错误：d/d.csv:3: 示范省 2020年10月：城镇调查失业率：数据对这一数字给出了两个不同的值"
        "（另见d/d.csv:2），快速引擎不作比较；请使用--engine exact\n"
    )
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 2
    assert en.output == (
        "error: d/d.csv:3: 示范省 2020-10: Surveyed unemployment rate: the data states this "
        "figure twice with different figures (also d/d.csv:2), which the fast engine does not "
        "compare; use --engine exact\n"
    )
    # The exact engine names the same place in its finding.
    exact = runner.invoke(app, ["check", "-i", "i", "-d", "d", "--engine", "exact"])
    assert exact.stdout.startswith(
        "d/d.csv:3: 不一致 重复陈述：示范省 2020年10月：城镇调查失业率两处陈述："
        "5.2%（d/d.csv:2）与5.3%（d/d.csv:3）\n"
    )
    write(tmp_path / "d" / "d.csv", RESTATED_AT_A_DATE)
    dated = runner.invoke(app, args)
    assert dated.output.startswith("错误：d/d.csv:3: 示范省 2020年6月30日：城镇调查失业率：")
