"""The regional table's layout and its text files (CSV, Markdown, HTML, JSON)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import load_workbook
from tests.conftest import ROOT, write

import hrkpi
from hrkpi.output.html import findings_html
from hrkpi.output.regional import build_regional_tables, split_groups
from hrkpi.output.regionalfiles import regional_csv, regional_html, regional_json
from hrkpi.output.words import Lang

EXAMPLE = ROOT / "examples" / "regional"
JUNE = hrkpi.regional(EXAMPLE / "indicators", EXAMPLE / "data", as_of=dt.date(2021, 6, 30))


def test_wide_and_each_layouts() -> None:
    [wide] = build_regional_tables(JUNE)
    assert [g.indicator for g in wide.groups] == [
        "new_jobs",
        "reemployment",
        "hard_to_employ",
        "pension_insured",
    ]
    assert [c.text for c in wide.column("new_jobs", "completion")] == [
        "53.75%",
        "46.25%",
        "51.00%",
        "48.89%",
        "50.33%",
    ]
    assert wide.total_row == 4 and wide.rows[4][0].text == "海湾市（合计）"
    assert wide.unit_line == ""  # 人 and 万人: the units stand in the headers
    each = build_regional_tables(JUNE, each=True, lang=Lang.EN)
    # Alone, an indicator's unit is the table's 单位 line.
    assert each[0].title == "New urban jobs · Completion by region"
    assert each[0].unit_line == "Unit: persons"
    assert [c.text for c in each[3].column("pension_insured", "pace_status")][:1] == ["not reached"]
    assert len(split_groups(wide)) == 4


def test_a_stock_s_table_has_no_schedule_pace_line() -> None:
    # 2021-06-30 is day 181 of 365: pace 181 / 365 = 49.589…% -> 49.59%. The flows with
    # an annual target keep it; 企业职工基本养老保险参保人数 (a stock, a level on a date)
    # has none, as its row of the completion table has no 序时进度.
    assert [t.date_line for t in build_regional_tables(JUNE, each=True)] == [
        "截至2021年6月30日，序时进度49.59%",
        "截至2021年6月30日，序时进度49.59%",
        "截至2021年6月30日，序时进度49.59%",
        "截至2021年6月30日",
    ]
    english = build_regional_tables(JUNE, each=True, lang=Lang.EN)
    assert [t.date_line for t in english][2:] == [
        "As of 2021-06-30; schedule pace 49.59%",
        "As of 2021-06-30",
    ]
    only_stock = hrkpi.regional(
        EXAMPLE / "indicators",
        EXAMPLE / "data",
        as_of=dt.date(2021, 6, 30),
        only=["pension_insured"],
    )
    [alone] = build_regional_tables(only_stock)
    assert alone.date_line == "截至2021年6月30日"
    [wide] = build_regional_tables(JUNE)  # the flows beside it still have a pace
    assert wide.date_line == "截至2021年6月30日，序时进度49.59%"
    # JSON says what the text says: no pace for the stock alone (it kept 49.59).
    assert json.loads(regional_json(only_stock))["pace"] is None
    assert json.loads(regional_json(JUNE))["pace"] == "49.59"


def test_text_files() -> None:
    tables = build_regional_tables(JUNE)
    csv_text = regional_csv(tables, bom=True)
    assert csv_text.startswith("\ufeff地区,城镇新增就业（人）·目标")
    assert "\r\n云山区,3200,1480,46.25%,▲欠进度,4,力争3400，完成43.53%," in csv_text
    page = regional_html(tables)
    assert "default-src 'none'" in page and "<script" not in page
    assert '<th colspan="6">城镇新增就业（人）</th>' in page
    assert '<td class="bad">▲欠进度</td>' in page
    doc = json.loads(regional_json(JUNE))
    assert doc["pace"] == "49.59" and doc["parent"] == "海湾市"
    city = doc["rows"][-1]
    assert city["total"] and city["indicators"]["new_jobs"]["targets"][1] == {
        "name": "力争",
        "target": "12600",
        "completion": "47.94",
        "gap": "-6560",
        "reached": False,
    }
    assert doc["totals"]["pension_insured"] == {
        "children_sum": "42.00",
        "consistent": True,
        "missing": [],
    }


def test_export_regional_adds_findings_after_every_table(tmp_path: Path) -> None:
    # One sheet per indicator (--layout each), then the findings: as hrkpi check lists them.
    found = hrkpi.check(EXAMPLE / "indicators", EXAMPLE / "data")
    out = hrkpi.export_regional(JUNE, tmp_path / "r.xlsx", lang=Lang.EN, each=True, findings=found)
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == "Check findings" and len(wb.sheetnames) == 5
    ws = wb["Check findings"]
    assert [c.value for c in ws[2]][:4] == ["No.", "Indicator", "Region", "Period"]
    assert [ws.cell(r, 1).value for r in range(3, 3 + 93)] == list(range(1, 94))
    assert ws.cell(3, 3).value == "临江区"
    # A list of findings does as well as the CheckReport; None adds no sheet.
    listed = hrkpi.export_regional(JUNE, tmp_path / "l.xlsx", findings=list(found.findings))
    assert load_workbook(listed).sheetnames == ["各地区目标任务完成情况表", "核对结果"]
    alone = hrkpi.export_regional(JUNE, tmp_path / "a.xlsx")
    assert load_workbook(alone).sheetnames == ["各地区目标任务完成情况表"]


def test_regional_page_names_the_region_of_every_finding() -> None:
    # The regional page always has the 地区 column, even where the findings would not
    # call for it on a completion page (here one finding, of the city's own target split).
    found = hrkpi.check(EXAMPLE / "indicators", EXAMPLE / "data").findings
    split = [f for f in found if not f.row][:1]
    assert split and split[0].region == "海湾市"
    page = regional_html(build_regional_tables(JUNE), split, report=JUNE.report)
    assert "<th>地区</th>" in page and '<td class="k-region">海湾市</td>' in page
    assert "<th>地区</th>" not in findings_html(split, JUNE.report, Lang.ZH)
    assert 'id="findings"' not in regional_html(build_regional_tables(JUNE))


def test_each_target_keeps_its_own_decimals_in_text_and_in_excel(tmp_path: Path) -> None:
    # The districts' pension targets are stated 12.50, 8.60, 15.20, 6.70 (targets.csv);
    # the city's is its definition's "43": each is shown as stated, and its Excel cell
    # is that number with the format of those decimals (0.00, and 0 for 43: never 43.00,
    # a precision nobody stated, nor 43 shown as 43.00 by a format).
    [wide] = build_regional_tables(JUNE)
    texts = [c.text for c in wide.column("pension_insured", "target")]
    assert texts == ["12.50", "8.60", "15.20", "6.70", "43"]
    out = hrkpi.export_regional(JUNE, tmp_path / "r.xlsx")
    ws = load_workbook(out).worksheets[0]
    column = next(
        c.column
        for c in ws[3]
        if c.value and str(c.value).startswith("企业职工基本养老保险参保人数")
    )  # (the group's first column is its 目标)
    cells = [ws.cell(r, column) for r in range(5, 10)]
    assert [(c.value, c.number_format) for c in cells] == [
        (12.5, "0.00"),
        (8.6, "0.00"),
        (15.2, "0.00"),
        (6.7, "0.00"),
        (43, "0"),
    ]


def test_approximate_figures_are_worded_in_english(tmp_path: Path) -> None:
    # 1400多 and 近600 keep the report's words in Chinese; English says them as the
    # findings do (over 1400, nearly 600), where it showed 1400多 and 近600.
    write(
        tmp_path / "i" / "a.yaml",
        """
        indicators:
          - id: talent
            name: 引进人才
            name_en: Talent attracted
            unit: 人
            measure: flow
            target: "3000"
        """,
    )
    write(
        tmp_path / "d" / "d.csv",
        """
        indicator,region,as_of,value
        talent,临江区,2021-06-30,1400多
        talent,云山区,2021-06-30,近600
        talent,海湾市,2021-06-30,2000
        """,
    )
    write(tmp_path / "d" / "regions.csv", "region,parent\n海湾市,\n临江区,海湾市\n云山区,海湾市\n")
    report = hrkpi.regional(tmp_path / "i", tmp_path / "d")
    said = {
        lang: [
            c.text for c in build_regional_tables(report, lang=lang)[0].column("talent", "value")
        ]
        for lang in Lang
    }
    assert said[Lang.ZH] == ["1400多", "近600", "2000"]
    assert said[Lang.EN] == ["over 1400", "nearly 600", "2000"]
