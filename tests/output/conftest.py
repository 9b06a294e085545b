"""Fixtures for the export tests: the bundled report, and a small project whose
indicator names try formula injection and whose figures miss a limit."""

from __future__ import annotations

import re
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.conftest import write

from hrkpi.api import compute
from hrkpi.checks.findings import (
    CheckKind,
    Finding,
    Hint,
    HintCode,
    Reason,
    Role,
    UsedFigure,
    Verdict,
)
from hrkpi.core.intervals import Interval
from hrkpi.engine.report import Report

# English names exactly as the issue gives them; Chinese names start the same way.
INJECTIONS = ("=1+1", "@SUM(A1)", "+1+2", "-2+3", '=HYPERLINK("http://x","y")')
INJECTIONS_ZH = tuple(f"{name}人数" for name in INJECTIONS)


def pdf_page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Each page's size in points, in order (A4 portrait is (595, 842))."""
    sizes = []
    for body in re.findall(rb"\d+ 0 obj(.*?)endobj", pdf, re.S):
        if re.search(rb"/Type\s*/Page(?![a-zA-Z])", body):
            box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", body)
            assert box, body[:200]
            sizes.append((round(float(box[1])), round(float(box[2]))))
    return sizes


def soffice() -> str:
    """LibreOffice, an independent reader of what hrkpi writes (.ci/run installs it)."""
    found = shutil.which("soffice")
    assert found, "LibreOffice is missing: apt-get install libreoffice-calc-nogui (.ci/run does)"
    return found


@pytest.fixture(scope="session")
def bundled() -> Report:
    """The bundled 2020 first-half report, computed once."""
    return compute()


@pytest.fixture
def tricky(tmp_path: Path) -> tuple[Path, Path]:
    """Indicators named like formulas, a missed ceiling and a fall year on year."""
    names = "\n".join(
        f"""
  - id: inj{i}
    name: '{name.replace("'", "''")}人数'
    name_en: '{name.replace("'", "''")}'
    section: s1
    unit: 人
    measure: stock"""
        for i, name in enumerate(INJECTIONS)
    )
    ind = write(
        tmp_path / "indicators" / "a.yaml",
        f"""
sections:
  - id: s1
    code: 一
    title: 测试
indicators:
  - id: jobs
    name: 再就业
    section: s1
    unit: 万人
    measure: flow
    target: "0.9"
  - id: rate
    name: 失业率
    section: s1
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - word: 以内
        value: "4"
  - id: cases
    name: 案件
    section: s1
    unit: 件
    measure: flow{names}
""",
    )
    figures = "\n".join(f"  inj{i}:\n    value: {i + 1}" for i in range(len(INJECTIONS)))
    data = write(
        tmp_path / "data" / "d.yaml",
        f"""
source: 测试报告
region: 测试市
as_of: 2020-06-30
figures:
  jobs:
    value: 0.66
  rate:
    value: 4.5
  cases:
    value: 29
    changes:
      - base: same_period_last_year
        pct: -46.30
{figures}
""",
    )
    return ind.parent, data.parent


def sample_findings() -> list[Finding]:
    """Findings as `hrkpi check` gives them, one of each colour; the last carries a
    formula-like region and quote (formula injection must stay text)."""
    value = UsedFigure(
        Role.VALUE,
        "reemployment",
        "4.22",
        "万人",
        "data/2020H1_xiamen.yaml",
        12,
        Interval(Fraction("4.215"), Fraction("4.225")),
        decimals=2,
    )
    b = "data/a/b.yaml"
    total = UsedFigure(Role.TOTAL, "registered_employees", "236.60", "万人", b, 30, decimals=2)
    parts = [
        UsedFigure(Role.PART, "registered_employees_local", "70.54", "万人", b, 40, decimals=2),
        UsedFigure(Role.PART, "registered_employees_migrant", "166.07", "万人", b, 45, decimals=2),
    ]
    return [
        Finding(
            kind=CheckKind.COMPLETION,
            indicator="reemployment",
            region="厦门市",
            verdict=Verdict.CONSISTENT,
            file="data/2020H1_xiamen.yaml",
            line=12,
            stated="105.5",
            decimals=1,
            unit="%",
            computed=Interval(Fraction("105.375"), Fraction("105.625")),
            consistent_values=("105.4", "105.6"),
            figures=(value,),
        ),
        Finding(
            kind=CheckKind.COMPOSITION,
            indicator="registered_employees",
            region="厦门市",
            verdict=Verdict.INCONSISTENT,
            file="data/a/b.yaml",
            line=30,
            stated="236.60",
            decimals=2,
            unit="万人",
            computed=Interval(Fraction("236.60"), Fraction("236.62"), False, True),
            figures=(total, *parts),
            hint=Hint(HintCode.TOTAL_OR_PART),
        ),
        Finding(
            kind=CheckKind.WHOLE_BASE,
            indicator="not_in_catalog",
            region="=SUM(A1)",
            verdict=Verdict.NOT_CHECKABLE,
            file="data/x.yaml",
            line=3,
            reason=Reason.BASE_WIDER_THAN_ONE,
            implied="54",
            implied_unit="件",
            quote="=SUM(A1)",
        ),
    ]


def sheet_rows(path: Path, sheet: int = 0) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The header row (row 2) and each row's openpyxl cells by header, keyed by the name column."""
    ws = load_workbook(path).worksheets[sheet]
    headers = [c.value for c in ws[2]]
    rows: dict[str, dict[str, Any]] = {}
    for row in ws.iter_rows(min_row=3):
        if row[0].value is None and all(c.value is None for c in row[2:]):
            continue  # a section heading or blank row
        cells = dict(zip(headers, row, strict=False))
        name = cells.get("指标名称") or cells.get("Indicator")
        if name is not None and name.value is not None:
            rows[name.value] = cells
    return headers, rows
