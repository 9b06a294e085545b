"""`hrkpi compute --by region` and `hrkpi export --by region` through Typer's runner."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from tests.conftest import ROOT, write
from typer.testing import CliRunner

import hrkpi
from hrkpi.cli import app

EXAMPLE = ROOT / "examples" / "regional"
ARGS = ["-i", str(EXAMPLE / "indicators"), "-d", str(EXAMPLE / "data"), "--as-of", "2021-06-30"]
runner = CliRunner()
# English messages, as the tests below assert them (Chinese is the default).
EN = {"HRKPI_LANG": "en"}


def test_the_regional_table_in_the_terminal() -> None:
    result = runner.invoke(app, ["compute", "--by", "region", *ARGS])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    lin = next(line for line in lines if "临江区" in line and "4000" in line)
    assert all(word in lin for word in ("2150", "53.75%", "超进度", "1"))
    yun = next(line for line in lines if "云山区" in line and "3200" in line)
    assert all(word in yun for word in ("1480", "46.25%", "▲欠进度", "4"))
    assert "城镇新增就业：各地区合计6040，与合计一致（海湾市）" in result.output


def test_csv_json_and_english() -> None:
    result = runner.invoke(
        app, ["compute", "--by", "region", *ARGS, "--format", "csv", "--only", "new_jobs"]
    )
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert rows[0].startswith("地区,城镇新增就业·目标,城镇新增就业·完成,城镇新增就业·完成率")
    assert rows[1].startswith("临江区,4000,2150,53.75%,超进度,1,")
    result = runner.invoke(app, ["compute", "--by", "region", *ARGS, "--format", "json"])
    doc = json.loads(result.output)
    first = doc["rows"][0]["indicators"]["new_jobs"]
    assert (first["completion"], first["pace_status"], first["rank"]) == ("53.75", "ahead", 1)
    result = runner.invoke(
        app, ["compute", "--by", "region", *ARGS, "--lang", "en", "--format", "markdown"]
    )
    assert "| 临江区 | 4000 | 2150 | 53.75% | ahead | 1 |" in result.output


def test_export_xlsx_and_docx(tmp_path: Path) -> None:
    for name in ("地区.xlsx", "地区.docx"):
        result = runner.invoke(app, ["export", "--by", "region", *ARGS, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    ws = load_workbook(tmp_path / "地区.xlsx").active
    assert ws is not None
    assert ws["A5"].value == "临江区"
    assert (ws["D5"].value, ws["D5"].number_format) == (0.5375, "0.00%")
    table = docx.Document(str(tmp_path / "地区.docx")).tables[0]
    assert table.rows[2].cells[3].text == "53.75%"


FINDING_HEADERS = [
    "序号",
    "指标",
    "地区",
    "时期",
    "核对项",
    "结论",
    "关系",
    "陈述值",
    "推算区间",
    "可一致的陈述值",
    "推算值",
    "说明",
    "位置",
]


@pytest.fixture(scope="module")
def misassigned(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The example with 临江区's 省下达 new-jobs target 4100, not 4000: the 完成率 its
    workbook states against 4000 no longer agree (1-6月: 2150 / 4100 = 52.439…% ->
    52.44%, stated 53.75%)."""
    root = tmp_path_factory.mktemp("misassigned")
    shutil.copytree(EXAMPLE / "indicators", root / "indicators")
    shutil.copytree(EXAMPLE / "data", root / "data")
    targets = root / "data" / "targets.csv"
    text = targets.read_text(encoding="utf-8")
    assert "new_jobs,临江区,2021,4000,省下达\n" in text
    targets.write_text(text.replace("临江区,2021,4000,", "临江区,2021,4100,"), encoding="utf-8")
    return ["-i", str(root / "indicators"), "-d", str(root / "data"), "--as-of", "2021-06-30"]


def test_a_regional_workbook_holds_the_check_findings_after_its_table(
    tmp_path: Path, misassigned: list[str]
) -> None:
    out = tmp_path / "地区.xlsx"
    result = runner.invoke(app, ["export", "--by", "region", *misassigned, "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["各地区目标任务完成情况表", "核对结果"]
    ws = wb["核对结果"]
    assert [c.value for c in ws[2]] == FINDING_HEADERS
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    numbered = [row for row in rows if isinstance(row[0], int)]
    # As many rows as hrkpi check lists for the same inputs (its 93 relations).
    listed = hrkpi.check(Path(misassigned[1]), Path(misassigned[3])).findings
    assert len(numbered) == len(listed) == 93
    assert [row[0] for row in numbered] == list(range(1, 94))
    june = next(row for row in numbered if row[2] == "临江区" and row[3] == "2021年1-6月")
    assert june[1:10] + june[12:] == [
        "城镇新增就业",
        "临江区",
        "2021年1-6月",
        "完成率",
        "不一致",
        "城镇新增就业完成率53.75% = 2150 ÷ 4100 × 100%",
        53.75,  # the stated figure a number cell, shown as written (0.00)
        "[52.439, 52.4391]",
        "52.44",
        "2021.xlsx:1-6月:4",
    ]
    stated = next(c for c in ws[2] if c.value == "陈述值").column
    assert {row[stated - 1].number_format for row in ws.iter_rows(min_row=3, max_row=95)} >= {
        "0.00"
    }
    # The workbook states 临江区's 完成率 on 11 sheets (1-2月 to 1-12月): each now wrong.
    wrong = [(row[2], row[4]) for row in numbered if row[5] == "不一致"]
    assert wrong == [("临江区", "完成率")] * 11
    assert ws.cell(ws.max_row, 1).value == "一致 82，不一致 11"
    # --findings says the same as the default.
    again = tmp_path / "again.xlsx"
    args = ["export", "--by", "region", *misassigned, "-o", str(again), "--findings"]
    assert runner.invoke(app, args).exit_code == 0
    assert load_workbook(again).sheetnames == wb.sheetnames


def test_a_regional_page_holds_the_check_findings_after_its_table(
    tmp_path: Path, misassigned: list[str]
) -> None:
    out = tmp_path / "地区.html"
    result = runner.invoke(app, ["export", "--by", "region", *misassigned, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.index("</table>") < page.index('<h2 id="findings">核对结果</h2>')
    assert '<p class="meta">一致 82，不一致 11</p>' in page
    head = page[page.index('<table class="findings">') :]
    assert head.index("<th>指标</th>") < head.index("<th>地区</th>") < head.index("<th>时期</th>")
    assert (
        '<td class="k-region">临江区</td><td class="k-period">2021年1-6月</td>'
        '<td class="k-kind">完成率</td><td class="k-verdict bad">不一致</td>'
    ) in page


def test_no_findings_leaves_the_regional_table_alone(tmp_path: Path) -> None:
    for name in ("地区.xlsx", "地区.html"):
        args = ["export", "--by", "region", *ARGS, "-o", str(tmp_path / name), "--no-findings"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "地区.xlsx").sheetnames == ["各地区目标任务完成情况表"]
    page = (tmp_path / "地区.html").read_text(encoding="utf-8")
    assert "核对结果" not in page and 'class="findings"' not in page


@pytest.mark.parametrize("name", ["地区.csv", "地区.md", "地区.json", "地区.docx"])
def test_formats_without_findings_are_as_before(tmp_path: Path, name: str) -> None:
    # CSV, Markdown, JSON and Word hold the regional tables alone, --findings or not: the
    # file is the library's without findings.
    asked = tmp_path / "asked" / name
    asked.parent.mkdir()
    args = ["export", "--by", "region", *ARGS, "-o", str(asked), "--findings"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    content = hrkpi.regional(EXAMPLE / "indicators", EXAMPLE / "data", as_of=dt.date(2021, 6, 30))
    alone = hrkpi.export_regional(content, tmp_path / name)
    if name.endswith(".docx"):
        texts = [
            [[c.text for c in row.cells] for row in t.rows]
            for t in docx.Document(str(asked)).tables
        ]
        assert texts == [
            [[c.text for c in row.cells] for row in t.rows]
            for t in docx.Document(str(alone)).tables
        ]
        assert "核对结果" not in "".join(p.text for p in docx.Document(str(asked)).paragraphs)
    else:
        assert asked.read_bytes() == alone.read_bytes()
        assert "核对结果" not in asked.read_text(encoding="utf-8")


def test_bad_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", "--by", "region", *ARGS, "--parent", "临江区"], env=EN)
    assert result.exit_code == 2
    assert "region '临江区' has no children" in result.output
    bad = write(tmp_path / "t.csv", "indicator,region,year,target\nnew_jobs,东区,2021,1\n")
    result = runner.invoke(app, ["compute", "--by", "region", *ARGS, "--targets", str(bad)], env=EN)
    assert result.exit_code == 2
    assert "t.csv:2:2: region: region '东区' is not in" in result.output
    result = runner.invoke(
        app, ["compute", "--by", "region", *ARGS, "--targets", "nope.csv"], env=EN
    )
    assert result.exit_code == 2 and "no such targets file" in result.output


def test_validate_counts_targets_and_names_a_gbk_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", *ARGS[:4]], env=EN)
    assert result.exit_code == 0, result.output
    assert "220 stated figures, 21 regional targets" in result.output
    data = tmp_path / "d"
    data.mkdir()
    (data / "x.csv").write_bytes(
        "indicator,region,period,value\nnew_jobs,临江区,2021-01/06,2150\n".encode("gbk")
    )
    result = runner.invoke(
        app, ["validate", "-i", str(EXAMPLE / "indicators"), "-d", str(data)], env=EN
    )
    assert result.exit_code == 0, result.output
    assert "x.csv as GB18030 (GBK), not UTF-8" in result.output


def test_an_unknown_indicator_lists_the_known_ones_in_each_languages_way() -> None:
    args = ["compute", "--by", "region", *ARGS, "--only", "nope"]
    zh = runner.invoke(app, args)
    assert zh.exit_code == 2
    assert "new_jobs、reemployment、hard_to_employ、pension_insured" in zh.output
    en = runner.invoke(app, args, env=EN)
    assert en.exit_code == 2
    assert "choose from new_jobs, reemployment, hard_to_employ, pension_insured" in en.output
