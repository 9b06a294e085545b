"""Findings and problems in a workbook name the file a tool can open and the sheet apart
in the outputs other tools read (JSON, JUnit, GitHub annotations); the text keeps the
place a reader follows (data/2021.xlsx:1-6月:5)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.conftest import sheet_renamed, write
from typer.testing import CliRunner

from hrkpi import api
from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.cli import app
from hrkpi.core.errors import InputError, Problem, sheet_place
from hrkpi.output.findwords import Words
from hrkpi.output.github import finding_annotation, problem_annotations
from hrkpi.output.words import Lang

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "regional"
runner = CliRunner()


def test_a_workbook_place_is_shown_as_its_file_and_its_sheet() -> None:
    assert sheet_place("data/2021.xlsx", "1-6月") == "data/2021.xlsx:1-6月"
    assert sheet_place("data/observations.csv", "") == "data/observations.csv"
    assert sheet_place("data/a:b.csv", "") == "data/a:b.csv"  # no workbook, as it is
    f = Finding(CheckKind.COMPLETION, "jobs", "", Verdict.CONSISTENT, "d/x.xlsx", 5, sheet="S")
    assert (f.file, f.sheet, f.shown_file, f.place) == (
        "d/x.xlsx",
        "S",
        "d/x.xlsx:S",
        "d/x.xlsx:S:5",
    )
    cell = Problem("d/x.xlsx", 0, 0, "", "不是数字", sheet="S", cell="B7")  # type: ignore[arg-type]
    assert str(cell) == "d/x.xlsx:S!B7: 不是数字"
    row = Problem("d/x.xlsx", 7, 3, "of", "未定义", sheet="S")  # type: ignore[arg-type]
    assert str(row) == "d/x.xlsx:S:7:3: of: 未定义"


def test_json_and_junit_name_the_workbook_and_its_sheet(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE / "indicators", tmp_path / "indicators")
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    args = ["-i", "indicators", "-d", "data/2021.xlsx", "--regions", "data/regions.csv"]
    result = runner.invoke(app, ["check", *args, "--format", "json", "--junit", "j.xml"])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["findings"]
    # (a target split stands in targets.csv, a definition's check in its YAML: no sheet)
    in_book = [f for f in findings if f["sheet"]]
    assert len(in_book) > 50 and {f["file"] for f in in_book} == {"data/2021.xlsx"}
    assert all(":" not in f["file"] for f in findings)
    sheets = {f["sheet"] for f in in_book}
    assert "1-6月" in sheets and sheets <= {f"1-{m}月" for m in range(2, 13)}
    figures = [u for f in in_book for u in f["figures"] if u["file"] == "data/2021.xlsx"]
    assert figures and all(u["sheet"] in sheets for u in figures)
    files = {c.get("file") for c in ET.parse(tmp_path / "j.xml").getroot().iter("testcase")}
    assert "data/2021.xlsx" in files and all(":" not in str(f) for f in files)


def test_github_annotations_are_at_the_workbook_with_the_sheet_in_the_title() -> None:
    words = Words(Lang.ZH)
    f = Finding(
        CheckKind.COMPLETION,
        "jobs",
        "云山区",
        Verdict.INCONSISTENT,
        "data/2021.xlsx",
        5,
        sheet="1-6月",
    )
    line = finding_annotation(f, "error", ["data/2021.xlsx:1-6月:5: 不一致 完成率：…"], words)
    assert line.startswith("::error file=data/2021.xlsx,line=5,title=")
    assert "(1-6月 云山区)" in line
    bad = Problem("data/2021.xlsx", 0, 0, "", "不是数字", sheet="1-6月", cell="B7")  # type: ignore[arg-type]
    (annotation,) = problem_annotations([bad]).splitlines()
    assert annotation.startswith("::error file=data/2021.xlsx,title=")
    assert "(1-6月!B7)" in annotation


def test_a_target_splits_json_gives_its_year_and_the_target_it_divides(tmp_path: Path) -> None:
    # The example's targets file splits 海湾市's 2021 targets (目标, and 省下达 and 力争 of
    # the indicator with named targets) among its districts: the JSON's period is the
    # year, as a period's code is, and the target's name stands in `target`.
    shutil.copytree(EXAMPLE / "indicators", tmp_path / "indicators")
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    result = runner.invoke(app, ["check", "-i", "indicators", "-d", "data", "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    splits = [f for f in findings if f["kind"] == "target_split"]
    assert {(f["period"], f["target"]) for f in splits} == {
        ("2021", "目标"),
        ("2021", "省下达"),
        ("2021", "力争"),
    }
    assert all(f["target"] == "" for f in findings if f["kind"] != "target_split")


# Brackets and a colon in a sheet's name (other tools save them; Excel refuses to), in a
# folder whose name holds ".xlsx:" too: the file and the sheet were once written as one
# text and split again by a pattern, which took data/旧.xlsx: for the workbook; held
# apart, each comes out in JSON as it is.
ODD_SHEET = "1-6月[修订]:终稿"
INDICATORS = """
indicators:
  - {id: reemployment, name: 失业人员再就业, unit: 万人, measure: flow, target: "4"}
"""


def _odd_book(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return sheet_renamed(path, "Sheet1", ODD_SHEET)


def test_a_sheet_named_with_brackets_and_a_colon_comes_out_whole(tmp_path: Path) -> None:
    write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    # 2 (1.5 to 2.5) ÷ 4 is 37.5% to 62.5%: the stated 70% is inconsistent (row 4).
    rows: list[list[object]] = [
        ["2021年1-6月各区完成情况"],
        ["地区", "失业人员再就业", None],
        [None, "累计完成", "完成率"],
        ["甲区", 2, "70"],
    ]
    book = "data/旧.xlsx:备份/d.xlsx"
    _odd_book(tmp_path / book, rows)
    args = ["check", "-i", "indicators", "-d", book]
    result = runner.invoke(app, [*args, "--format", "json", "--junit", "j.xml"])
    assert result.exit_code == 1, result.output
    [f] = json.loads(result.stdout)["findings"]
    assert (f["kind"], f["verdict"]) == ("completion", "inconsistent")
    assert (f["file"], f["sheet"], f["line"]) == (book, ODD_SHEET, 4)
    value = next(u for u in f["figures"] if u["role"] == "value")
    assert (value["file"], value["sheet"], value["line"]) == (book, ODD_SHEET, 4)
    [case] = ET.parse(tmp_path / "j.xml").getroot().iter("testcase")
    assert (case.get("file"), case.get("line")) == (book, "4")
    # The text names the place as a reader finds it: the workbook, its sheet, the row.
    text = runner.invoke(app, args)
    assert text.stdout.startswith(f"{book}:1-6月[修订]:终稿:4: 不一致 完成率：甲区"), text.output
    github = runner.invoke(app, [*args, "--format", "github"]).stdout
    assert github.startswith("::error file=data/旧.xlsx%3A备份/d.xlsx,line=4,title="), github
    assert "(1-6月[修订]%3A终稿 甲区 2021年1-6月)" in github


def test_a_problem_in_such_a_sheet_is_annotated_at_the_workbook(tmp_path: Path) -> None:
    write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    rows: list[list[object]] = [
        ["2021年1-6月各区完成情况"],
        ["地区", "失业人员再就业"],
        ["甲区", "2,000"],  # a number stored as text with a thousands separator
    ]
    book = "data/旧.xlsx:备份/d.xlsx"
    _odd_book(tmp_path / book, rows)
    args = ["validate", "-i", "indicators", "-d", book, "--format", "github"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    [annotation] = [a for a in result.stdout.splitlines() if a.startswith("::error")]
    assert annotation.startswith("::error file=data/旧.xlsx%3A备份/d.xlsx,title="), annotation
    assert annotation.split("::")[1].endswith("(1-6月[修订]%3A终稿!B3)")


def test_a_csv_whose_name_holds_xlsx_and_a_colon_is_no_workbook(tmp_path: Path) -> None:
    # The pattern read it as the workbook data/v1.xlsx and its sheet old.csv: it has none.
    write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    write(
        tmp_path / "data" / "v1.xlsx:old.csv",
        "indicator,region,period,value,completion\nreemployment,甲区,2021-06,2,70\n",
    )
    args = ["check", "-i", "indicators", "-d", "data/v1.xlsx:old.csv", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    [f] = json.loads(result.stdout)["findings"]
    assert (f["file"], f["sheet"], f["line"]) == ("data/v1.xlsx:old.csv", "", 2)


def test_a_workbook_region_missing_from_the_hierarchy_is_at_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # regions.csv keeps 海湾市, 临江区 and 云山区: 青湖区 (row 6 of 1-2月) and 新港区 (row 7)
    # are not listed. The problem's file is the workbook alone, its sheet a field apart,
    # so an annotation is at data/2021.xlsx (not at "data/2021.xlsx:1-2月", no such file).
    shutil.copytree(EXAMPLE / "indicators", tmp_path / "indicators")
    shutil.copytree(EXAMPLE / "data", tmp_path / "data")
    regions = tmp_path / "data" / "regions.csv"
    regions.write_text(
        "".join(regions.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as raised:
        api.check("indicators", "data")
    assert [(p.file, p.sheet, p.line, p.column, p.field) for p in raised.value.problems] == [
        ("data/2021.xlsx", "1-2月", 6, 1, "region"),
        ("data/2021.xlsx", "1-2月", 7, 1, "region"),
    ]
    expected = [
        "::error file=data/2021.xlsx,line=6,col=1,title=hrkpi：输入有误 (1-2月)::region: "
        "地区'青湖区'不在data/regions.csv中；请补充进去或更正名称",
        "::error file=data/2021.xlsx,line=7,col=1,title=hrkpi：输入有误 (1-2月)::region: "
        "地区'新港区'不在data/regions.csv中；请补充进去或更正名称",
    ]
    for command in ("check", "validate"):
        args = [command, "-f", "github", "-i", "indicators", "-d", "data"]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        errors = [a for a in result.stdout.splitlines() if "data/2021.xlsx" in a]
        assert errors == expected, (command, result.stdout)
