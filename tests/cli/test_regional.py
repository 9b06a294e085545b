"""`hrkpi compute --by region` and `hrkpi export --by region` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from openpyxl import load_workbook
from tests.conftest import ROOT, write
from typer.testing import CliRunner

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


def test_findings_asked_of_a_regional_export_are_refused_not_dropped(tmp_path: Path) -> None:
    # The regional tables hold no findings: --findings given with --by region is a usage
    # error (exit 2, nothing written), never accepted and silently left out.
    out = tmp_path / "地区.xlsx"
    result = runner.invoke(app, ["export", "--by", "region", *ARGS, "-o", str(out), "--findings"])
    assert result.exit_code == 2, result.output
    assert "--by region只导出各地区完成情况表；核对结果请用hrkpi check列出" in result.output
    assert not out.exists()
    args = ["export", "--by", "region", *ARGS, "-o", str(out), "--no-findings"]
    assert runner.invoke(app, args).exit_code == 0 and out.exists()


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
