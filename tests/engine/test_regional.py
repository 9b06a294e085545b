"""The regional completion table of the bundled example, against hand arithmetic.

At 2021-06-30 schedule pace is 181/365 = 49.59% (tolerance 1 point: 达进度 between
48.59% and 50.59%). The example's figures are invented (examples/regional)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import ROOT

import hrkpi
from hrkpi.core.errors import UsageError
from hrkpi.core.models import PaceStatus
from hrkpi.core.targets import TargetSource
from hrkpi.engine.regional import RegionalReport, RegionOrder, _ranked, regional_report

EXAMPLE = ROOT / "examples" / "regional"
JUNE = hrkpi.regional(
    EXAMPLE / "indicators", EXAMPLE / "data", as_of=__import__("datetime").date(2021, 6, 30)
)


def _cell(table: RegionalReport, region: str, indicator: str):  # type: ignore[no-untyped-def]
    row = next(r for r in table.rows if r.region == region)
    return row.cells[indicator]


def test_each_district_against_its_own_target() -> None:
    # 临江区: 2150 / 4000 = 53.75%, above 50.59%: 超进度, the highest of four.
    lin = _cell(JUNE, "临江区", "new_jobs")
    assert lin.result.completion == Fraction(5375, 100)
    assert lin.result.pace_status is PaceStatus.AHEAD
    assert lin.rank == 1 and not lin.behind
    # 云山区: 1480 / 3200 = 46.25%, below 48.59%: 欠进度, the lowest.
    yun = _cell(JUNE, "云山区", "new_jobs")
    assert yun.result.completion == Fraction(4625, 100)
    assert yun.result.pace_status is PaceStatus.BEHIND
    assert yun.rank == 4 and yun.behind
    # 青湖区 hard-to-employ: 170 / 350 = 48.571%, just under 48.59%: 欠进度.
    qing = _cell(JUNE, "青湖区", "hard_to_employ")
    assert qing.result.pace_status is PaceStatus.BEHIND


def test_the_city_keeps_its_definition_targets_and_the_stretch_target_is_judged() -> None:
    city = _cell(JUNE, "海湾市", "new_jobs").result
    assert city.target_source is TargetSource.DEFINITION
    assert [(t.target.name, t.target.value.literal) for t in city.targets] == [
        ("省下达", "12000"),
        ("力争", "12600"),
    ]
    # 6040 / 12600 = 47.94%; 临江区's 力争 4200: 2150 / 4200 = 51.19%.
    assert round(float(city.targets[1].completion or 0), 2) == 47.94
    lin = _cell(JUNE, "临江区", "new_jobs").result
    assert lin.targets[1].completion == Fraction(215000, 4200)


def test_the_totals_row_is_checked_against_the_districts() -> None:
    assert JUNE.rows[-1].total and JUNE.rows[-1].region == "海湾市"
    check = JUNE.totals["new_jobs"]
    assert check.children_sum == 2150 + 1480 + 1530 + 880 == 6040
    assert check.consistent is True
    stock = JUNE.totals["pension_insured"]
    assert stock.children_sum == Fraction(4200, 100) and stock.decimals == 2


def test_a_stock_with_a_target_has_completion_but_no_pace() -> None:
    lin = _cell(JUNE, "临江区", "pension_insured").result
    assert lin.completion == Fraction(1230, 1250) * 100  # 12.30 / 12.50 = 98.40%
    assert lin.pace_status is None and not lin.targets[0].reached


def test_ranked_order_and_a_parent_without_children() -> None:
    ranked = regional_report(JUNE.report, order=RegionOrder.RANK)
    assert [r.region for r in ranked.child_rows()] == ["临江区", "青湖区", "新港区", "云山区"]
    with pytest.raises(UsageError, match="has no children"):
        regional_report(JUNE.report, parent="临江区")


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=12))
def test_a_rank_is_one_more_than_the_completions_above_it(values: list[int]) -> None:
    from dataclasses import replace

    template = _cell(JUNE, "临江区", "new_jobs")
    rows = [
        replace(
            JUNE.rows[0],
            region=str(i),
            cells={
                "new_jobs": replace(
                    template, result=replace(template.result, completion=Fraction(v))
                )
            },
        )
        for i, v in enumerate(values)
    ]
    ranked = _ranked(rows, [JUNE.indicators[0]])
    for row, v in zip(ranked, values, strict=True):
        assert row.cells["new_jobs"].rank == 1 + sum(1 for w in values if w > v)
