"""The findings of stated changes and of region sums built from a row's cells
(fast.cellfindings, changes.change_findings, regions.region_sum_finding) are the
exact engine's: the same objects, text and JSON, failing ones too, and no row a
core takes is rebuilt as an Observation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import write

from hrkpi.api import Engine, check
from hrkpi.checks.findings import CheckKind, HintCode, Reason, Verdict
from hrkpi.core.numbers import RoundingMode
from hrkpi.fast import findstore, partition
from hrkpi.output.checkjson import to_json
from hrkpi.output.checktext import to_text
from hrkpi.output.words import Lang

INDICATORS = """
indicators:
  - id: jobs
    name: 城镇新增就业
    unit: 人
    measure: flow
    target: "1200"
  - id: firms
    name: 市场主体
    unit: 户
    measure: stock
  - id: output
    name: 工业产值
    unit: 亿元
    measure: flow
  - id: rate
    name: 城镇调查失业率
    unit: "%"
    measure: rate
"""
REGIONS = """\
region,parent,level
全省,,province
甲市,全省,city
乙市,全省,city
丙市,全省,city
丙县,丙市,county
丁县,丙市,county
戊县,丙市,county
己县,丙市,county
"""
# Last year (2023) and this year (2024), 1-6月 of each:
# - jobs 同比 from last year's figure: 全省 700 from 650 is +7.69% (7.7 right, 7.9 wrong;
#   -7.7 is the sign slipped); 甲市 300 from 280 = +7.14%, 乙市 400 from 370 = +8.11%;
#   the province's 700 = 300 + 400 + 0, 2023's 650 = 280 + 370 + 0; completion rates: the
#   province's 58.3% of 1200, the cities' (no target of their own) not checkable.
# - firms at the end of last year, stated: 甲市 1000 from 950 (abs 50, pct 5.26: right;
#   abs 60 wrong), 乙市 2000 with abs 100 and no base (implied 1900: not checkable),
#   全省 3100 against 甲 1000 + 乙 2000 + 丙 50 = 3050 (wrong: total or part);
# - firms 同比 on a count with no base: 29户 -46.30% (base 54: whole), 29户 -46.50% (no
#   whole base between 54.08 and 54.28), 10000户 +0.1% (any base from 9985.0 to 9995.0:
#   wider than one), 1000户 since 31 January with its absolute change (60: 6.38%, not 0.1);
# - output in 亿元: 12.5 up 4.2% on 12.0 (4.17%: right); 全省 has no 乙市 or 丙市 figure;
# - rate in points: 5.2 from 5.0 stated (+0.2 pp right, +0.5 wrong: 0.1 to 0.3 within
#   rounding), a point change with no base (implied), a rate's growth
#   in % that is its points (下降0.2% where 0.2个百分点 was meant: the points hint);
# - approximate figures: 近700 and 700多 with their growth.
ROWS = """\
indicator,region,period,value,unit,completion,base,change_pct,change_abs,change_pp,previous,rounding,quote
jobs,全省,2023-01/06,650,,,,,,,,,
jobs,甲市,2023-01/06,280,,,,,,,,,
jobs,乙市,2023-01/06,370,,,,,,,,,
jobs,全省,2024-01/06,700,,58.3,same_period_last_year,7.7,,,,,全省新增就业700人，增长7.7%
jobs,甲市,2024-01/06,300,,25.0,same_period_last_year,7.9,,,,,
jobs,乙市,2024-01/06,400,,58.2,same_period_last_year,-8.1,,,,half_up,
firms,全省,2024-12,3100,,,end_of_last_year,,,,,,
firms,甲市,2024-12,1000,,,end_of_last_year,5.26,50,,950,,
firms,乙市,2024-12,2000,,,end_of_last_year,,100,,,,
firms,甲市,2023-12,950,,,,,,,,,
firms,丙县,2024-06,29,,,same_period_last_year,-46.30,,,,,
firms,丁县,2024-06,29,,,same_period_last_year,-46.50,,,,,
firms,戊县,2024-06,10000,,,same_period_last_year,0.1,,,,,
firms,己县,2024-06,1000,,,2024-01-31,0.1,60,,,,
output,全省,2024-01/06,12.5,,,same_period_last_year,4.2,,,12.0,,
output,甲市,2024-01/06,6.1,,,same_period_last_year,3.1,0.2,,,,
rate,甲市,2024-06,5.2,,,same_period_last_year,,,0.2,5.0,,
rate,乙市,2024-06,5.2,,,same_period_last_year,,,0.5,5.0,,
rate,丙县,2024-06,5.2,,,same_period_last_year,,,0.2,,,
rate,丁县,2024-06,5.2,,,same_period_last_year,-3.7,,,5.4,,
rate,戊县,2024-06,5.2,,,same_period_last_year,-0.2,,,5.4,,
jobs,丙县,2023-01/06,650,,,,,,,,,
jobs,丙县,2024-01/06,近700,,,same_period_last_year,7.7,,,,,
jobs,丁县,2023-01/06,650,,,,,,,,,
jobs,丁县,2024-01/06,700多,,,same_period_last_year,7.7,,,,,
jobs,丙市,2023-01/06,0,,,,,,,,,
jobs,丙市,2024-01/06,0,,,,,,,,,
firms,丙市,2024-12,50,,,,,,,,,
"""


def _project(tmp_path: Path, rows: str = ROWS) -> tuple[Path, Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS)
    data = write(tmp_path / "data" / "d.csv", rows)
    regions = write(tmp_path / "regions.csv", REGIONS)
    return ind.parent, data.parent, regions


@pytest.fixture
def rebuilt(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the fast path rebuilds as Observations to make their findings."""
    seen: list[int] = []
    original = findstore.Maker._observations

    def spy(self: findstore.Maker, rids: list[int]) -> object:
        seen.extend(rids)
        return original(self, rids)

    monkeypatch.setattr(findstore.Maker, "_observations", spy)
    return seen


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("rounding", [None, RoundingMode.HALF_UP, RoundingMode.EITHER])
def test_change_and_sum_findings_from_cells_are_the_exact_engines(
    tmp_path: Path,
    rounding: RoundingMode | None,
    split: bool,
    rebuilt: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if split:  # large data's plan: split by indicator, each group's cells read back
        monkeypatch.setattr(partition, "PARTITION_FROM_ROWS", 1)
    ind, data, regions = _project(tmp_path)
    slow = check(ind, data, regions=regions, engine=Engine.EXACT, rounding=rounding)
    quick = check(ind, data, regions=regions, engine=Engine.FAST, rounding=rounding)
    assert quick.engine == "fast"
    assert list(quick.findings) == list(slow.findings)
    for lang in Lang:
        assert to_text(quick, lang=lang) == to_text(slow, lang=lang)
        assert to_json(quick, lang=lang) == to_json(slow, lang=lang)
    # Every finding the columns settled was built from the cells (none rebuilt).
    assert rebuilt == []


def test_the_findings_worked_by_hand(tmp_path: Path) -> None:
    ind, data, regions = _project(tmp_path)
    quick = check(ind, data, regions=regions, engine=Engine.FAST)
    found = {(f.line, f.kind): f for f in quick.findings}
    growth = found[(5, CheckKind.CHANGE_PCT)]  # 700 from 650: 7.69%
    assert growth.verdict is Verdict.CONSISTENT
    assert [u.literal for u in growth.figures] == ["700", "650"]
    assert growth.quote == "全省新增就业700人，增长7.7%"
    # 400 from 370 persons (counts: exactly these) is +8.108%, stated -8.1
    slipped = found[(7, CheckKind.CHANGE_PCT)]
    assert slipped.verdict is Verdict.INCONSISTENT
    assert slipped.hint is not None and slipped.hint.code is HintCode.SIGN_SLIP
    assert slipped.consistent_values == ("8.1", "8.1")
    assert found[(6, CheckKind.CHANGE_PCT)].verdict is Verdict.INCONSISTENT  # 7.14 vs 7.9
    # The province against the definition's target (700 / 1200 = 58.33%); a city has
    # none of its own, and is never judged by its parent's.
    assert found[(5, CheckKind.COMPLETION)].verdict is Verdict.CONSISTENT
    assert found[(7, CheckKind.COMPLETION)].reason is Reason.NO_OWN_TARGET
    assert found[(9, CheckKind.CHANGE_ABS)].verdict is Verdict.CONSISTENT  # 1000 - 950
    assert found[(9, CheckKind.CHANGE_PCT)].verdict is Verdict.CONSISTENT  # 5.26%
    implied = found[(10, CheckKind.CHANGE_ABS)]
    assert (implied.verdict, implied.reason, implied.implied) == (
        Verdict.NOT_CHECKABLE,
        Reason.PREVIOUS_IMPLIED,
        "1900",
    )
    total = found[(8, CheckKind.REGION_SUM)]  # 3100 against 1000 + 2000 + 50
    assert total.verdict is Verdict.INCONSISTENT
    assert total.hint is not None and total.hint.code is HintCode.TOTAL_OR_PART
    assert found[(5, CheckKind.REGION_SUM)].verdict is Verdict.CONSISTENT  # 700 = 300 + 400
    assert found[(12, CheckKind.WHOLE_BASE)].verdict is Verdict.CONSISTENT  # base 54
    assert found[(12, CheckKind.WHOLE_BASE)].implied == "54"
    assert found[(13, CheckKind.WHOLE_BASE)].verdict is Verdict.INCONSISTENT
    assert found[(14, CheckKind.WHOLE_BASE)].reason is Reason.BASE_WIDER_THAN_ONE
    missing = found[(16, CheckKind.REGION_SUM)]
    assert (missing.verdict, missing.missing) == (Verdict.NOT_CHECKABLE, ("乙市", "丙市"))
    assert found[(16, CheckKind.CHANGE_PCT)].verdict is Verdict.CONSISTENT  # 4.17%
    assert found[(18, CheckKind.CHANGE_PP)].verdict is Verdict.CONSISTENT  # 5.2 - 5.0
    assert found[(19, CheckKind.CHANGE_PP)].verdict is Verdict.INCONSISTENT
    assert found[(20, CheckKind.CHANGE_PP)].reason is Reason.PREVIOUS_IMPLIED
    points = found[(22, CheckKind.CHANGE_PCT)]  # 5.2 from 5.4 is -0.2 points
    assert points.hint is not None and points.hint.code is HintCode.POINTS


_COUNTS = st.integers(min_value=0, max_value=99_999)
_RATES = st.decimals(min_value=-99, max_value=200, places=2, allow_nan=False)


@st.composite
def _rows(draw: st.DrawFn) -> str:
    """Rows of a count and a rate, this year and last, with stated changes of every
    kind (consistent or not), in every rounding mode."""
    lines = [ROWS.splitlines()[0]]
    modes = st.sampled_from(["", "half_up", "truncate", "either", "nearest"])
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        region = f"县{n}"
        before, now = draw(_COUNTS), draw(_COUNTS)
        pct = draw(st.one_of(st.none(), _RATES))
        change = draw(st.one_of(st.none(), st.integers(min_value=-999, max_value=999)))
        stated = draw(st.one_of(st.none(), _COUNTS))
        base = "same_period_last_year" if pct is not None or change is not None else ""
        pct_text = "" if pct is None else str(pct)
        abs_text = "" if change is None else str(change)
        prev_text = "" if stated is None or not base else str(stated)
        lines.append(f"firms,{region},2023-06,{before},,,,,,,,{draw(modes)},")
        lines.append(
            f"firms,{region},2024-06,{now},,,{base},{pct_text},{abs_text},,{prev_text},"
            f"{draw(modes)},"
        )
        rate_before = draw(_RATES.filter(lambda r: r >= 0))
        rate_now = draw(_RATES.filter(lambda r: r >= 0))
        pp = draw(st.one_of(st.none(), _RATES))
        lines.append(f"rate,{region},2023-06,{rate_before},,,,,,,,,")
        pp_text = "" if pp is None else str(pp)
        rate_base = "same_period_last_year" if pp is not None else ""
        lines.append(f"rate,{region},2024-06,{rate_now},,,{rate_base},,,{pp_text},,,")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=_rows())
def test_any_changes_built_from_cells_are_the_exact_engines(
    tmp_path_factory: pytest.TempPathFactory, rows: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("changes")
    ind, data, _ = _project(tmp_path, rows)
    slow = check(ind, data, engine=Engine.EXACT)
    quick = check(ind, data, engine=Engine.FAST)
    assert list(quick.findings) == list(slow.findings)
    assert to_text(quick, lang=Lang.EN) == to_text(slow, lang=Lang.EN)
