"""Findings and problems in a workbook name the file a tool can open and the sheet apart
in the outputs other tools read (JSON, JUnit, GitHub annotations); the text keeps the
place a reader follows (data/2021.xlsx:1-6月:5)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from hrkpi.checks.findings import CheckKind, Finding, Verdict
from hrkpi.cli import app
from hrkpi.core.errors import Problem, file_and_sheet
from hrkpi.output.findwords import Words
from hrkpi.output.github import finding_annotation, problem_annotations
from hrkpi.output.words import Lang

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "regional"
runner = CliRunner()


def test_a_workbook_place_is_its_file_and_its_sheet() -> None:
    assert file_and_sheet("data/2021.xlsx:1-6月") == ("data/2021.xlsx", "1-6月")
    assert file_and_sheet("data/2021.XLSX:1-6月!B7") == ("data/2021.XLSX", "1-6月!B7")
    assert file_and_sheet("data/observations.csv") == ("data/observations.csv", "")
    assert file_and_sheet("data/a:b.csv") == ("data/a:b.csv", "")  # no workbook, as it is


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
        CheckKind.COMPLETION, "jobs", "云山区", Verdict.INCONSISTENT, "data/2021.xlsx:1-6月", 5
    )
    line = finding_annotation(f, "error", ["data/2021.xlsx:1-6月:5: 不一致 完成率：…"], words)
    assert line.startswith("::error file=data/2021.xlsx,line=5,title=")
    assert "(1-6月 云山区)" in line
    bad = Problem("data/2021.xlsx:1-6月!B7", 0, 0, "", "不是数字")  # type: ignore[arg-type]
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
