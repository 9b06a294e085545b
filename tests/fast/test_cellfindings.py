"""Limit and completion findings built from a row's cells (fast.findstore,
claims.limit_findings, completion.completion_finding) are the exact engine's: the
same objects, text and JSON, whatever the row carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, Verdict
from hrkpi.core.numbers import RoundingMode
from hrkpi.output.checkjson import to_json
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang

INDICATORS = """
units:
  - {name: 吨, base: 吨, multiplier: 1}
  - {name: 万吨, base: 吨, multiplier: 10000}
indicators:
  - id: rate
    name: 城镇调查失业率
    unit: "%"
    measure: rate
    direction: lower
    thresholds:
      - {word: 以内, value: "5.5", level: warn}
      - {word: 以内, value: "6.0", label: 年度控制目标}
  - id: grain
    name: 粮食产量
    unit: 万吨
    measure: stock
    thresholds:
      - {word: 左右, value: "650", tolerance: "10"}
  - id: jobs
    name: 城镇新增就业
    unit: 万人
    measure: flow
    target: "1200"
  - id: firms
    name: 新登记市场主体
    unit: 户
    measure: flow
    target: "4000"
  - id: trade
    name: 外贸进出口额
    unit: 亿元
    measure: flow
  - id: cpi
    name: 居民消费价格涨幅
    unit: "%"
    measure: rate
    thresholds:
      - {word: 以内, value: "3", method: rounded}
"""
# Completion rates: 697 / 1200 = 58.083% (58.04 to 58.125 within 697's rounding):
# 58.1 is right and 58.2 wrong (half even), and 58.0 is right when truncated; 58.1%
# with its sign, 6970000人 in its own unit and a rate beside a change are rebuilt;
# 2100 / 4000 households = 52.50% exactly (a count: 2100 is exactly 2100), 52.53 is
# wrong; trade has no target.
# 5.6% misses the warn level and meets the ceiling; 6.04% misses both; 3.4 rounds to 3
# (met by the rounded value), 3.5 to 4 (missed); 638 万吨 lies below 650 ± 10; a row with
# its own unit (6412000吨) and one with an approximate figure (近5.5); quotes, sources
# and places on some rows; periods written both ways; rounding modes stated per row.
ROWS = """\
indicator,region,period,as_of,value,unit,rounding,source,quote,location,completion,base,change_pct
rate,甲,2024-06,,5.6,,,,城镇调查失业率5.6%,一、（一）,,,
rate,乙,2024年6月,,6.04,,truncate,统计月报,,第二段,,,
rate,丙,2024-06,2024-06-20,4.80,,half_up,,,,,,
rate,丁,2024-06,,近5.5,,,,,,,,
cpi,甲,2024-06,,3.4,,,物价月报,居民消费价格上涨3.4%,,,,
cpi,乙,2024-06,,3.5,,either,,,,,,
cpi,丙,2024-06,,2.96,,nearest,,,,,,
grain,甲,2024-01/12,,638,,,,,,,,
grain,乙,2024-01/12,,6412000,吨,,,,,,,
grain,丙,2024年1-12月,,655.0,,,,粮食产量655.0万吨,,,,
jobs,甲,2024-01/06,,697,,,,城镇新增就业697万人，完成全年目标的58.1%,二、,58.1,,
jobs,乙,2024-01/06,,697,,,,,,58.2,,
jobs,丙,2024-01/06,,697,,truncate,,,,58.0,,
jobs,丁,2024-01/06,,697,,,,,,58.1%,,
jobs,戊,2024-01/06,,6970000,人,,,,,58.1,,
jobs,己,2024-01/06,,697,,,,,,58.1,same_period_last_year,3.2
firms,甲,2024-01/06,,2100,,,,,,52.50,,
firms,乙,2024-01/06,,2100,,half_up,,,,52.53,,
trade,甲,2024-01/06,,1.25,,,,,,30.1,,
"""


def _project(tmp_path: Path) -> tuple[Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", ROWS)
    return ind.parent, data.parent


@pytest.mark.parametrize("method", [None, "rounded", "full"])
@pytest.mark.parametrize("rounding", [None, RoundingMode.TRUNCATE, RoundingMode.EITHER])
def test_findings_from_cells_are_the_exact_engines(
    tmp_path: Path, method: str | None, rounding: RoundingMode | None
) -> None:
    ind, data = _project(tmp_path)
    slow = check(ind, data, engine=Engine.EXACT, method=method, rounding=rounding)
    quick = check(ind, data, engine=Engine.FAST, method=method, rounding=rounding)
    assert quick.engine == "fast"
    assert list(quick.findings) == list(slow.findings)
    for lang in Lang:
        assert to_text(quick, lang=lang) == to_text(slow, lang=lang)
        assert to_json(quick, lang=lang) == to_json(slow, lang=lang)
    few = check(ind, data, engine=Engine.FAST, method=method, rounding=rounding, problems_only=True)
    assert list(few.findings) == list(slow.only_problems().findings)
    assert to_text(few) == to_text(slow.only_problems())


def test_limit_verdicts_worked_by_hand(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    quick = check(ind, data, engine=Engine.FAST)
    limits = [
        (f.line, f.limit.value if f.limit else "", f.verdict)
        for f in quick.findings
        if f.kind is CheckKind.THRESHOLD
    ]
    assert (2, "5.5", Verdict.WARN) in limits  # 5.6 > 5.5
    assert (2, "6.0", Verdict.PASS) in limits
    assert (3, "6.0", Verdict.FAIL) in limits  # 6.04 > 6.0
    assert (6, "3", Verdict.PASS) in limits  # 3.4 rounds to 3
    assert (7, "3", Verdict.FAIL) in limits  # 3.5 rounds to 4
    assert (9, "650", Verdict.FAIL) in limits  # 638 < 640
    assert (10, "650", Verdict.PASS) in limits  # 6412000吨 = 641.2万吨
    assert (11, "650", Verdict.PASS) in limits
    first = next(f for f in quick.findings if f.line == 2)
    assert (first.quote, first.location) == ("城镇调查失业率5.6%", "一、（一）")
    assert first.period == "2024-06"
    second = next(f for f in quick.findings if f.line == 3)
    assert (second.source, second.period) == ("统计月报", "2024-06")
    assert next(f for f in quick.findings if f.line == 4).source == "d.csv"


def test_completion_verdicts_worked_by_hand(tmp_path: Path) -> None:
    ind, data = _project(tmp_path)
    quick = check(ind, data, engine=Engine.FAST)
    rates = {f.line: f for f in quick.findings if f.kind is CheckKind.COMPLETION}
    assert rates[12].verdict is Verdict.CONSISTENT  # 58.1
    assert rates[13].verdict is Verdict.INCONSISTENT  # 58.2
    assert rates[13].consistent_values == ("58.0", "58.1")  # [696.5, 697.5] / 1200
    assert rates[14].verdict is Verdict.CONSISTENT  # 58.0, truncated
    assert rates[15].verdict is rates[16].verdict is Verdict.CONSISTENT
    assert rates[17].verdict is Verdict.CONSISTENT
    assert rates[18].verdict is Verdict.CONSISTENT  # 2100 / 4000 = 52.50
    assert rates[19].verdict is Verdict.INCONSISTENT  # 52.53
    assert rates[19].consistent_values == ("52.50", "52.50")
    assert rates[20].verdict is Verdict.TARGET_NOT_PRINTED
    assert rates[12].quote == "城镇新增就业697万人，完成全年目标的58.1%"
