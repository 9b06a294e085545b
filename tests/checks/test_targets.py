"""分解下达 and regions without their own target, in `hrkpi check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT, write

import hrkpi
from hrkpi.api import Engine
from hrkpi.checks.findings import CheckKind, Reason, Role, Verdict
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang

EXAMPLE = ROOT / "examples" / "regional"


def test_the_example_splits_every_target_exactly() -> None:
    report = hrkpi.check(EXAMPLE / "indicators", EXAMPLE / "data")
    splits = [f for f in report.findings if f.kind is CheckKind.TARGET_SPLIT]
    assert {(f.indicator, f.period, f.verdict) for f in splits} == {
        ("new_jobs", "2021 省下达", Verdict.CONSISTENT),
        ("new_jobs", "2021 力争", Verdict.CONSISTENT),
        ("reemployment", "2021 目标", Verdict.CONSISTENT),
        ("hard_to_employ", "2021 目标", Verdict.CONSISTENT),
        ("pension_insured", "2021 目标", Verdict.CONSISTENT),
    }
    assert not report.failed()
    # Every stated completion of a district is checked against its own target.
    completions = [f for f in report.findings if f.kind is CheckKind.COMPLETION]
    assert len(completions) == 4 * 11 and all(f.verdict is Verdict.CONSISTENT for f in completions)


def _project(tmp_path: Path, targets: str) -> Path:
    write(
        tmp_path / "i" / "a.yaml",
        """
        indicators:
          - id: jobs
            name: 城镇新增就业
            unit: 人
            measure: flow
            target: "1000"
        """,
    )
    write(tmp_path / "d" / "regions.csv", "region,parent\n市,\n甲,市\n乙,市\n")
    write(tmp_path / "d" / "targets.csv", targets)
    write(
        tmp_path / "d" / "x.csv",
        "indicator,region,period,value,completion\n"
        "jobs,甲,2021-01/06,300,50.00\njobs,乙,2021-01/06,200,40.00\njobs,市,2021-01/06,500,\n",
    )
    return tmp_path


def test_a_split_short_of_the_parents_target_fails(tmp_path: Path) -> None:
    p = _project(tmp_path, "indicator,region,year,target\njobs,甲,2021,600\njobs,乙,2021,300\n")
    report = hrkpi.check(p / "i", p / "d")
    [split] = [f for f in report.findings if f.kind is CheckKind.TARGET_SPLIT]
    assert split.verdict is Verdict.INCONSISTENT and split.computed is not None
    assert split.computed.lo == 900  # 600 + 300 < 1000
    text = hrkpi.check(p / "i", p / "d")
    assert text.failed()


def test_a_split_above_the_parents_target_passes(tmp_path: Path) -> None:
    p = _project(tmp_path, "indicator,region,year,target\njobs,甲,2021,600\njobs,乙,2021,500\n")
    [split] = [
        f for f in hrkpi.check(p / "i", p / "d").findings if f.kind is CheckKind.TARGET_SPLIT
    ]
    assert split.verdict is Verdict.CONSISTENT


def test_a_district_without_its_own_target_is_not_checked_against_the_citys(
    tmp_path: Path,
) -> None:
    p = _project(tmp_path, "indicator,region,year,target\njobs,甲,2021,600\n")
    report = hrkpi.check(p / "i", p / "d")
    by_region = {f.region: f for f in report.findings if f.kind is CheckKind.COMPLETION}
    assert by_region["甲"].verdict is Verdict.CONSISTENT  # 300 / 600 = 50.00%
    # 乙 has none of its own: 200 / 1000 would be 20%, never used.
    assert by_region["乙"].verdict is Verdict.NOT_CHECKABLE
    assert by_region["乙"].reason is Reason.NO_OWN_TARGET


@pytest.mark.parametrize("engine", [Engine.EXACT, Engine.FAST])
def test_a_rate_without_its_regions_target_shows_the_value_it_knows(
    tmp_path: Path, engine: Engine
) -> None:
    # 乙's 200 is stated, only its target is missing: 200 ÷ ?, never ? ÷ ?.
    p = _project(tmp_path, "indicator,region,year,target\njobs,甲,2021,600\n")
    report = hrkpi.check(p / "i", p / "d", engine=engine)
    [rate] = [f for f in report.findings if f.region == "乙" and f.kind is CheckKind.COMPLETION]
    assert [(u.role, u.literal, u.unit) for u in rate.figures] == [(Role.VALUE, "200", "人")]
    zh = to_text(report, lang=Lang.ZH)
    assert "无法核对 完成率：乙 2021年1-6月：城镇新增就业完成率40.00% = 200 ÷ ? × 100%\n" in zh
    en = to_text(report, lang=Lang.EN)
    assert "乙 2021-01/06: 城镇新增就业: completion 40.00% = 200 / ? x 100%\n" in en


def test_the_example_is_listed_month_by_month_in_date_order() -> None:
    # The workbook's sheets 1-2月 ... 1-12月: 1-10月 sorts before 1-2月 as text; a
    # reader follows the year, so the findings go by the document's date.
    report = hrkpi.check(EXAMPLE / "indicators", EXAMPLE / "data")
    sheets = [f.sheet for f in report.findings if f.sheet]
    months = list(dict.fromkeys(sheets))
    assert months == [f"1-{m}月" for m in range(2, 13)]
    # The targets file's split checks (no date) come after the figures.
    splits = [i for i, f in enumerate(report.findings) if f.kind is CheckKind.TARGET_SPLIT]
    assert splits and min(splits) > max(i for i, f in enumerate(report.findings) if f.sheet)


def test_targets_beside_a_workbook_s_figures_stand_on_its_sheet(tmp_path: Path) -> None:
    # A district's completion rate against the 全年目标 written beside it in the workbook,
    # and the city's target split among the districts: each figure names the workbook
    # and the sheet apart, the target by its own cell's row.
    from openpyxl import Workbook

    write(
        tmp_path / "i" / "a.yaml",
        """
        indicators:
          - {id: jobs, name: 失业人员再就业, unit: 万人, measure: flow, target: "4"}
        """,
    )
    write(tmp_path / "d" / "regions.csv", "region,parent\n某市,\n甲区,某市\n乙区,某市\n")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "2021年1-6月"
    for row in (
        ["地区", "失业人员再就业", None, None],
        [None, "全年目标", "累计完成", "完成率"],
        ["甲区", 1.5, 0.78, 52],
        ["乙区", 2.5, 1.2, 48],
        ["合计", 4, 1.98, None],
    ):
        ws.append(row)
    wb.save(tmp_path / "d" / "d.xlsx")
    report = hrkpi.check(tmp_path / "i", tmp_path / "d")
    done = {f.region: f for f in report.findings if f.kind is CheckKind.COMPLETION}
    assert (done["甲区"].file, done["甲区"].sheet, done["甲区"].line) == (
        "d/d.xlsx",
        "2021年1-6月",
        3,
    )
    target = next(u for u in done["甲区"].figures if u.role is Role.TARGET)
    assert (target.literal, target.file, target.sheet, target.line) == (
        "1.5",
        "d/d.xlsx",
        "2021年1-6月",
        3,
    )
    [split] = [f for f in report.findings if f.kind is CheckKind.TARGET_SPLIT]
    assert (split.file, split.sheet, split.line, split.verdict) == (
        "d/d.xlsx",
        "2021年1-6月",
        5,
        Verdict.CONSISTENT,
    )
    assert {(u.role, u.region, u.sheet, u.line) for u in split.figures} == {
        (Role.TOTAL, "某市", "2021年1-6月", 5),
        (Role.CHILD, "甲区", "2021年1-6月", 3),
        (Role.CHILD, "乙区", "2021年1-6月", 4),
    }
