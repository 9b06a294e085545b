"""`hrkpi check` lists a file's findings by line, whatever the indicators' order: in
text, JSON, JUnit and GitHub annotations, on both engines. The exact engine listed a
single date's findings in the indicators' order, each indicator's in the order its
rules ran: a limit claim (line 7) before its figure's limit (line 6), and the
catalog's first indicator (jobs, line 10) before both."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import write
from typer.testing import CliRunner

from hrkpi.cli import app

runner = CliRunner()

INDICATORS = """
sections:
  - {id: s1, code: 一, title: 就业}
indicators:
  - id: jobs
    name: 再就业
    section: s1
    unit: 万人
    measure: flow
    target: "4"
  - id: rate
    name: 失业率
    section: s1
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - {word: 以内, value: "4"}
"""
# Every finding a problem, so each format (GitHub's annotations too) lists all three:
# 4.5% is 0.50 points over the 4% ceiling (line 6), so "within it" is wrong (line 7);
# 4.22 / 4 is 105.375% to 105.625%, never 107.5% (line 10).
REPORT = """
source: 海湾市2020年上半年工作进展
region: 海湾市
as_of: 2020-06-30
figures:
  rate:
    value: 4.5
    meets_threshold: true
  jobs:
    value: 4.22
    completion: 107.5
"""
# The same two indicators as rows of one date: the rate (row 2) over its ceiling, the
# completion (row 3) misstated.
ROWS = """
indicator,region,as_of,value,completion
rate,海湾市,2020-06-30,4.5,
jobs,海湾市,2020-06-30,4.22,107.5
"""


def _lines(args: list[str], tmp_path: Path) -> dict[str, list[int]]:
    """The lines of the findings each format lists, in its order."""
    text = runner.invoke(app, args)
    assert text.exit_code == 1, text.output
    data = runner.invoke(app, [*args, "--format", "json"])
    github = runner.invoke(app, [*args, "--format", "github", "--junit", "j.xml"])
    cases = ET.parse(tmp_path / "j.xml").getroot().iter("testcase")
    return {
        "text": [int(n) for n in re.findall(r"^\S+:(\d+): ", text.stdout, re.M)],
        "json": [f["line"] for f in json.loads(data.stdout)["findings"]],
        "junit": [int(c.attrib["line"]) for c in cases],
        "github": [
            int(n) for n in re.findall(r"^::error file=[^,]+,line=(\d+),", github.stdout, re.M)
        ],
    }


def test_a_reports_findings_are_listed_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "i" / "a.yaml", INDICATORS)
    write(tmp_path / "d" / "d.yaml", REPORT)
    lines = _lines(["check", "-i", "i", "-d", "d"], tmp_path)
    assert lines == {fmt: [6, 7, 10] for fmt in ("text", "json", "junit", "github")}


@pytest.mark.parametrize("engine", ["exact", "fast"])
def test_rows_of_one_date_are_listed_by_line_on_both_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "i" / "a.yaml", INDICATORS)
    write(tmp_path / "d" / "d.csv", ROWS)
    lines = _lines(["check", "-i", "i", "-d", "d", "--engine", engine], tmp_path)
    assert lines == {fmt: [2, 3] for fmt in ("text", "json", "junit", "github")}
