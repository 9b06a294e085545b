"""`hrkpi check` names the region and period of the table's row each finding stands on,
in every output and on both engines, byte for byte the same; the report's own figures
(YAML) name neither; JSON's `field` counts a list's items from 1 (made-up counties)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()

INDICATORS = """
sections:
  - {id: s1, code: "一", title: 就业}
indicators:
  - id: new_jobs
    name: 城镇新增就业
    name_en: New urban jobs
    section: s1
    unit: 人
    measure: flow
    target: "4000"
  - id: rate
    name: 城镇调查失业率
    name_en: Surveyed unemployment rate
    section: s1
    unit: "%"
    measure: rate
    thresholds:
      - {kind: ceiling, value: "5.5", label: 控制目标}
"""
# 1076 / 4000 = 26.90%: consistent. 740 / 4000 = 18.50% (740 persons is exact), not
# 18.60. 5.82% is 0.32 points over the 5.5% ceiling; 5.10% and 5.20% are within it.
# Line 5 gives no period (a date): named by its region and its date; line 6 no region:
# by its period alone (一季度).
ROWS = """
indicator,region,period,as_of,value,completion
new_jobs,临江县,2021-01/03,,1076,26.90
new_jobs,云山县,2021-01/03,,740,18.60
rate,云山县,2021-03,,5.82,
rate,临江县,,2021-03-31,5.10,
rate,,2021-Q1,,5.20,
"""
BORROWED_ZH = (
    "注：未给出地区层级（--regions），临江县、云山县也没有本级目标（--targets）："
    "均按指标定义的目标（通常为上级的目标）计算"
)
ZH = f"""\
d/d.csv:2: 一致 完成率：临江县 2021年1-3月：城镇新增就业完成率26.90% = 1076 ÷ 4000 × 100%
d/d.csv:3: 不一致 完成率：云山县 2021年1-3月：城镇新增就业完成率18.60% = 740 ÷ 4000 × 100%
    陈述值18.60%；可一致的陈述值：18.50%
    740为整数，精确，完成率为18.50%
d/d.csv:4: 未达标 控制目标：云山县 2021年3月：城镇调查失业率为5.82%，控制目标为5.5%以内
    未达标，超出0.32个百分点（全数值比较法）
d/d.csv:5: 达标 控制目标：临江县 2021年3月31日：城镇调查失业率为5.10%，控制目标为5.5%以内
d/d.csv:6: 达标 控制目标：2021年一季度：城镇调查失业率为5.20%，控制目标为5.5%以内

{BORROWED_ZH}
共核对5项：一致1，不一致1，无法核对0，达标2，预警0，未达标1
未通过
"""
EN = """\
d/d.csv:2: ok   completion rate: 临江县 2021-01/03: New urban jobs: completion 26.90% = 1076 / 4000 x 100%
d/d.csv:3: FAIL completion rate: 云山县 2021-01/03: New urban jobs: completion 18.60% = 740 / 4000 x 100%
    stated 18.60%; consistent: 18.50%
    740 is a whole count, so the rate is 18.50%
d/d.csv:4: FAIL limit: 云山县 2021-03: Surveyed unemployment rate: 5.82%; at most 5.5%
    missed, 0.32 pp beyond the limit (full-value comparison)
d/d.csv:5: ok   limit: 临江县 2021-03-31: Surveyed unemployment rate: 5.10%; at most 5.5%
d/d.csv:6: ok   limit: 2021-Q1: Surveyed unemployment rate: 5.20%; at most 5.5%
"""  # noqa: E501


def _project(tmp_path: Path) -> list[str]:
    write(tmp_path / "i" / "i.yaml", INDICATORS)
    write(tmp_path / "d" / "d.csv", ROWS)
    return ["-i", "i", "-d", "d"]


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_each_row_is_named_by_its_region_and_period(
    tmp_path: Path, column_words: list[Any], engine: str
) -> None:
    args = ["check", *_project(tmp_path), "--engine", engine]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 1, zh.output
    assert zh.stdout == ZH
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.stdout.startswith(EN)
    if engine == "fast":
        # The consistent rate and the limits (places of two shapes: region and period,
        # period alone) were worded from columns, in each language, by templates of
        # describe's, and say what describe says of the findings built in full.
        worded = sum(made.worded for made in column_words)
        assert worded >= 2 * 3


def test_json_holds_the_region_and_period_as_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", *_project(tmp_path), "--format", "json"])
    findings = {f["line"]: f for f in json.loads(result.stdout)["findings"]}
    places = {line: (f["region"], f["period"]) for line, f in findings.items()}
    assert places == {
        2: ("临江县", "2021-01/03"),
        3: ("云山县", "2021-01/03"),
        4: ("云山县", "2021-03"),
        5: ("临江县", "2021-03-31"),  # (no period: the row's date)
        6: ("", "2021-Q1"),
    }
    # The relation is the relation; the place is the data beside it.
    assert findings[3]["relation"] == "城镇新增就业完成率18.60% = 740 ÷ 4000 × 100%"


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_junit_and_github_name_the_row(tmp_path: Path, engine: str) -> None:
    args = ["check", *_project(tmp_path), "--engine", engine, "--junit", "j.xml"]
    result = runner.invoke(app, [*args, "--format", "github"])
    cases = {
        int(c.attrib["line"]): c.attrib["name"]
        for c in ET.parse(tmp_path / "j.xml").getroot().iter("testcase")
    }
    assert cases[2] == "完成率: 临江县 2021年1-3月：城镇新增就业完成率26.90% = 1076 ÷ 4000 × 100%"
    assert cases[3] == "完成率: 云山县 2021年1-3月：城镇新增就业完成率18.60% = 740 ÷ 4000 × 100%"
    assert cases[5] == "控制目标: 临江县 2021年3月31日：城镇调查失业率为5.10%，控制目标为5.5%以内"
    assert cases[6] == "控制目标: 2021年一季度：城镇调查失业率为5.20%，控制目标为5.5%以内"
    assert (
        "::error file=d/d.csv,line=3,title=hrkpi check%3A 完成率 不一致%3A 城镇新增就业 "
        "(云山县 2021年1-3月)::不一致 完成率：云山县 2021年1-3月：城镇新增就业完成率18.60%25"
    ) in result.stdout


def test_the_findings_sheet_has_a_period_column(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", *_project(tmp_path), "-o", "x.xlsx"])
    assert result.exit_code == 0, result.output
    ws = load_workbook(tmp_path / "x.xlsx").worksheets[1]
    rows = list(ws.iter_rows(min_row=2, max_row=7, max_col=4, values_only=True))
    assert rows == [
        ("序号", "指标", "地区", "时期"),
        (1, "城镇新增就业", "临江县", "2021年1-3月"),
        (2, "城镇新增就业", "云山县", "2021年1-3月"),
        (3, "城镇调查失业率", "云山县", "2021年3月"),
        (4, "城镇调查失业率", "临江县", "2021年3月31日"),
        (5, "城镇调查失业率", None, "2021年一季度"),
    ]


# The report's own figure: 1076 / 1.0315 = 1043.1 to 1076 / 1.0305 = 1044.2 persons
# last year (not checkable), and the quote prints 3.4%, which 3.1% cannot be.
REPORT = """
source: 临江县2021年一季度就业情况
region: 临江县
as_of: 2021-03-31
figures:
  new_jobs:
    value: 1076
    changes:
      - {base: same_period_last_year, pct: 3.1}
    quote: 临江县新增就业1076人，同比增长3.4%
"""


def test_the_reports_own_figures_name_no_place_and_fields_count_from_one(
    tmp_path: Path,
) -> None:
    write(tmp_path / "i" / "i.yaml", INDICATORS)
    write(tmp_path / "d" / "y.yaml", REPORT)
    text = runner.invoke(app, ["check", "-i", "i", "-d", "d"]).stdout
    assert text.startswith(
        "d/y.yaml:8: 无法核对 整数基数：城镇新增就业为1076人，同比增长3.1%\n"
        "    推算的上年同期(1043, 1045)人跨度超过1人，任何整数都可能，无从核对；"
        "上年同期约为1044人\n"
        "d/y.yaml:8: 不一致 引文数字：城镇新增就业增幅为3.1%，"
        "与引文“临江县新增就业1076人，同比增长3.4%”不符\n"
    )
    data = json.loads(runner.invoke(app, ["check", "-i", "i", "-d", "d", "-f", "json"]).stdout)
    assert data["schema_version"] == 5
    [quote] = [f for f in data["findings"] if f["kind"] == "quote"]
    # The first change's rate, as a message names it (figures.new_jobs.changes.1.pct).
    assert quote["field"] == "changes.1.pct"
    assert (quote["region"], quote["period"]) == ("临江县", "")
