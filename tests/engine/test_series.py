"""Exact period series: latest figures, year on year from the data, region totals."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write

from hrkpi.api import Engine, check, compute, series
from hrkpi.checks.findings import CheckKind, Verdict

INDICATORS = """
indicators:
  - id: jobs
    name: 再就业
    unit: 人
    measure: flow
    target: "600"
  - id: money
    name: 补贴
    unit: 万元
    measure: flow
  - id: rate
    name: 失业率
    unit: "%"
    measure: rate
"""
REGIONS = "region,parent\n省,\n市甲,省\n市乙,省\n"


def _project(tmp_path: Path, rows: str) -> tuple[Path, Path, Path]:
    ind = write(tmp_path / "indicators" / "a.yaml", INDICATORS).parent
    data = write(tmp_path / "data" / "d.csv", rows).parent
    regions = write(tmp_path / "regions.csv", REGIONS)
    return ind, data, regions


def test_region_totals_against_their_childrens_sums(tmp_path: Path) -> None:
    ind, data, regions = _project(
        tmp_path,
        """
        indicator,region,period,value
        jobs,省,2021-01/06,300
        jobs,市甲,2021-01/06,120
        jobs,市乙,2021-01/06,181
        money,省,2021-01/06,10.0
        money,市甲,2021-01/06,4.96
        money,市乙,2021-01/06,5.05
        rate,省,2021-01/06,3.5
        rate,市甲,2021-01/06,3.0
        rate,市乙,2021-01/06,3.0
        """,
    )
    report = check(ind, data, regions=regions, engine=Engine.EXACT)
    totals = {f.indicator: f for f in report.findings if f.kind is CheckKind.REGION_SUM}
    # Counts are exact: 120 + 181 = 301 persons, not 300.
    assert totals["jobs"].verdict is Verdict.INCONSISTENT
    assert totals["jobs"].line == 2
    assert totals["jobs"].consistent_values == ("301", "301")
    # 4.96 + 5.05 lies in [10.00, 10.02]; 10.0 stands for [9.95, 10.05]: they meet.
    assert totals["money"].verdict is Verdict.CONSISTENT
    assert "rate" not in totals  # rates do not add up across regions
    table = series(ind, data, regions=regions, engine=Engine.EXACT).to_csv().splitlines()
    assert table[1].split(",")[11] == "301"  # region_sum of 省 jobs
    assert table[4].split(",")[11] == "10.01"  # 4.96 + 5.05, at the parts' two decimals


def test_year_on_year_from_last_years_figure(tmp_path: Path) -> None:
    ind, data, _ = _project(
        tmp_path,
        """
        indicator,region,period,value,base,change_pct
        jobs,市甲,2020-01/06,400,,
        jobs,市甲,2021-01/06,450,same_period_last_year,12.50
        jobs,市乙,2020-01/06,400,,
        jobs,市乙,2021-01/06,450,same_period_last_year,12.40
        """,
    )
    report = check(ind, data, engine=Engine.EXACT)
    growth = {f.line: f.verdict for f in report.findings if f.kind is CheckKind.CHANGE_PCT}
    # (450 - 400) / 400 = 12.5% exactly: 12.50 is right, 12.40 is not.
    assert growth == {3: Verdict.CONSISTENT, 5: Verdict.INCONSISTENT}
    rows = series(ind, data, engine=Engine.EXACT).to_csv().splitlines()
    assert rows[2].split(",")[8:10] == ["400", "12.50"]


def test_the_table_takes_the_cumulative_figure_at_the_latest_date(tmp_path: Path) -> None:
    ind, data, _ = _project(
        tmp_path,
        """
        indicator,region,period,value
        jobs,甲,2021-01/06,300
        jobs,甲,2021-06,40
        jobs,甲,2021-01/05,260
        """,
    )
    report = compute(ind, data, engine=Engine.EXACT)
    (result,) = [r for r in report.results if r.indicator.id == "jobs"]
    # 1-6月 and 6月 both stand at 2021-06-30; the year to date wins: 300 / 600 = 50%.
    assert result.value == 300
    assert result.completion == 50
    assert str(report.as_of) == "2021-06-30"
